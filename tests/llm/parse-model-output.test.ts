import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { LlmOutputError } from '../../src/llm/errors.js';
import { describeIssues, parseJsonLeniently, parseModelOutput } from '../../src/llm/parse-model-output.js';

const output = {
  name: 'quotes',
  description: 'Quotes.',
  schema: z.object({ quotes: z.array(z.object({ text: z.string(), speaker: z.string().nullable() })) }),
};

describe('parseJsonLeniently', () => {
  it('takes plain JSON as is', () => {
    expect(parseJsonLeniently('  {"a": 1}\n')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('takes the inside of a code fence, with or without a language', () => {
    expect(parseJsonLeniently('```json\n{"a": 1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonLeniently('```\n{"a": 2}\n```')).toEqual({ ok: true, value: { a: 2 } });
  });

  it('takes the outermost object out of prose, even when the prose after it has braces', () => {
    const raw = 'Here you go: {"a": {"b": "x } y"}} — hope that helps {smile}';
    expect(parseJsonLeniently(raw)).toEqual({ ok: true, value: { a: { b: 'x } y' } } });
  });

  it('reports why when nothing parses, and says so for an empty answer', () => {
    const broken = parseJsonLeniently('{"a": [1, 2');
    expect(broken.ok).toBe(false);
    expect(parseJsonLeniently('   ')).toEqual({ ok: false, error: 'the answer is empty' });
  });
});

describe('parseModelOutput', () => {
  it('returns the schema-checked value', () => {
    expect(parseModelOutput('{"quotes": [{"text": "We will", "speaker": null}]}', output)).toEqual({ quotes: [{ text: 'We will', speaker: null }] });
  });

  it('throws LlmOutputError with the raw text and each issue path', () => {
    const raw = '{"quotes": [{"text": "We will", "speaker": null}, {"text": 3}]}';
    let caught: unknown;
    try {
      parseModelOutput(raw, output);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LlmOutputError);
    const error = caught as LlmOutputError;
    expect(error.raw).toBe(raw);
    expect(error.problem).toContain('- quotes[1].text: Invalid input: expected string, received number');
    expect(error.problem).toContain('- quotes[1].speaker:');
  });
});

describe('describeIssues', () => {
  it('names the root as the whole object', () => {
    const result = output.schema.safeParse([]);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error.issues)).toMatch(/^- \(the whole object\): /);
  });
});

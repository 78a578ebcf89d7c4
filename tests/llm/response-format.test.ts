import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { LlmAttemptError } from '../../src/llm/errors.js';
import { createFormatMemory } from '../../src/llm/format-memory.js';
import { deriveJsonSchema } from '../../src/llm/json-schema.js';
import { applyResponseFormat, isFormatRejection, nextFormat } from '../../src/llm/response-format.js';

const output = (schema: z.ZodType, name = 'summary') => ({ name, description: 'd', schema });

describe('deriveJsonSchema', () => {
  it('marks a schema strict when every property is required and no others are allowed', () => {
    const derived = deriveJsonSchema(
      output(z.object({ headline: z.string(), quotes: z.array(z.object({ text: z.string(), speaker: z.string().nullable() })), tone: z.enum(['a', 'b']) })),
    );
    expect(derived.strict).toBe(true);
    expect(derived.schema).not.toHaveProperty('$schema');
  });

  it('leaves size bounds to the zod check after the call instead of sending them', () => {
    const derived = deriveJsonSchema(output(z.object({ headline: z.string().min(1).max(300), bullets: z.array(z.string().max(9)).min(1).max(12) })));
    expect(JSON.stringify(derived.schema)).not.toMatch(/minLength|maxLength|minItems|maxItems/);
    expect(derived.strict).toBe(true);
  });

  it('sends an optional field with strict false rather than rewriting it', () => {
    expect(deriveJsonSchema(output(z.object({ headline: z.string(), subtitle: z.string().optional() }))).strict).toBe(false);
    expect(deriveJsonSchema(output(z.object({ anything: z.unknown() }))).strict).toBe(false);
    expect(deriveJsonSchema(output(z.looseObject({ headline: z.string() }))).strict).toBe(false);
  });

  it('reduces the name to what OpenAI accepts', () => {
    expect(deriveJsonSchema(output(z.object({}), 'summarize@1 reduce')).name).toBe('summarize_1_reduce');
  });
});

describe('applyResponseFormat', () => {
  const messages = [
    { role: 'system' as const, content: 'sys' },
    { role: 'user' as const, content: 'user' },
  ];
  const summary = output(z.object({ headline: z.string() }));

  it('json_schema: the messages unchanged and the schema in response_format', () => {
    const formatted = applyResponseFormat(messages, summary, 'json_schema');
    expect(formatted.messages).toEqual(messages);
    expect(formatted.responseFormat).toMatchObject({ type: 'json_schema', json_schema: { name: 'summary', strict: true } });
  });

  it('json_object and text: the schema described in a system message after the caller’s', () => {
    const jsonObject = applyResponseFormat(messages, summary, 'json_object');
    expect(jsonObject.responseFormat).toEqual({ type: 'json_object' });
    expect(jsonObject.messages.map((message) => message.role)).toEqual(['system', 'system', 'user']);
    expect(jsonObject.messages[1]?.content).toContain('{"type":"object","properties":{"headline":{"type":"string"}}');

    const text = applyResponseFormat([{ role: 'user', content: 'only user' }], summary, 'text');
    expect(text.responseFormat).toBeUndefined();
    expect(text.messages.map((message) => message.role)).toEqual(['system', 'user']);
  });
});

describe('the step-down ladder', () => {
  it('goes json_schema → json_object → text → nothing', () => {
    expect(nextFormat('json_schema')).toBe('json_object');
    expect(nextFormat('json_object')).toBe('text');
    expect(nextFormat('text')).toBeNull();
  });

  it('treats a 400 naming the format as a refusal of the format, and nothing else', () => {
    const http = (status: number, message: string) => new LlmAttemptError('http', message, { status });
    expect(isFormatRejection(http(400, "'response_format' of type 'json_schema' is not supported with this model."))).toBe(true);
    expect(isFormatRejection(http(400, 'response_format type must be one of "text" or "json_object"'))).toBe(true);
    expect(isFormatRejection(http(400, "Invalid schema for response_format 'summary': 'required' is required"))).toBe(true);
    expect(isFormatRejection(http(400, 'Structured Outputs are not supported by this model'))).toBe(true);
    expect(isFormatRejection(http(400, "This model's maximum context length is 8192 tokens. (param: messages)"))).toBe(false);
    expect(isFormatRejection(http(500, 'json_schema crashed the server'))).toBe(false);
    expect(isFormatRejection(new LlmAttemptError('timeout', 'json_schema'))).toBe(false);
  });

  it('remembers per base URL, only ever loosening', () => {
    const memory = createFormatMemory();
    expect(memory.startingFormat('http://a/v1')).toBe('json_schema');
    memory.stepDown('http://a/v1/', 'text');
    memory.stepDown('http://a/v1', 'json_object');
    expect(memory.startingFormat('http://a/v1')).toBe('text');
    expect(memory.startingFormat('http://b/v1')).toBe('json_schema');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS } from '../../bench/lib/hostile-texts.js';
import { errorJsonSchema, summaryJsonSchema } from '../../test-support/contract-schemas.js';
import { isolatedEnv, PROJECT_DIR, runScript, type CliRun } from '../../test-support/run-cli.js';

/**
 * Issue 12, the text side: texts built to make the summariser, the quote finder or a regular
 * expression quadratic or overflow the stack, each run through the real CLI as its own process,
 * by standard input and as a .txt file. Each must get an answer (a summary drawn from the text)
 * or a clear refusal. How long they take is bench:hostile's business, not this file's.
 */
const workDir = mkdtempSync(path.join(tmpdir(), 'newsbrief-hostile-text-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const CLI = path.join(PROJECT_DIR, 'src', 'cli.ts');
/** Far above what a case takes alone (about 5 s), for a loaded machine; the CLI is killed past it. */
const CLI_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = CLI_TIMEOUT_MS + 10_000;

type Input = 'stdin' | 'file';

function textOf(name: string): string {
  const make = HOSTILE_TEXTS[name];
  if (!make) throw new Error(`no hostile text called ${name}`);
  return make();
}

async function runOn(name: string, input: Input): Promise<{ run: CliRun; text: string }> {
  const text = textOf(name);
  const env = isolatedEnv({ LOG_LEVEL: 'silent', STORE_URL: 'memory' });
  if (input === 'stdin') return { run: await runScript(CLI, ['--json', '-'], { env, stdin: text, timeoutMs: CLI_TIMEOUT_MS }), text };
  const file = path.join(workDir, `${name}.txt`);
  writeFileSync(file, text);
  return { run: await runScript(CLI, ['--json', file], { env, timeoutMs: CLI_TIMEOUT_MS }), text };
}

/** The summary the CLI printed, after checking it is one: exit 0 and the contract's shape. */
function summaryOf(run: CliRun) {
  expect(run.stderr).not.toMatch(/Maximum call stack|heap out of memory|Unexpected error/);
  expect(run.code).toBe(0);
  return summaryJsonSchema.parse(JSON.parse(run.stdout));
}

/** An extractive summary's bullets and quotes are the text's own words. */
function expectDrawnFrom(summary: ReturnType<typeof summaryOf>, text: string): void {
  expect(summary.provider).toBe('extractive');
  expect(summary.bullets.length).toBeGreaterThan(0);
  for (const bullet of summary.bullets) expect(text).toContain(bullet);
  for (const quote of summary.quotes) expect(text).toContain(quote.text);
}

describe('a paragraph of three sentences repeated (the summariser and quote finder were quadratic on it)', () => {
  for (const [name, input] of [['repeated-paragraph-1mb', 'stdin'], ['repeated-paragraph-1mb', 'file'], ['repeated-paragraph-5mb', 'file']] as const) {
    it(`summarises ${name} from ${input}, with its quote and speaker`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const { run, text } = await runOn(name, input);
      const summary = summaryOf(run);
      expectDrawnFrom(summary, text);
      expect(summary.headline).toBe('Council backs flood barrier');
      expect(summary.bullets).toEqual([
        'Mayor Jane Okafor said the flood barrier would be finished by the spring.',
        '“We cannot wait for another record flood to reach the river district,” she told the council on Tuesday.',
        'The plan passed by seven votes to two after a long debate about its cost.',
      ]);
      // Repeated thousands of times, the same words still come out once, with the speaker the pronoun stands for.
      expect(summary.quotes).toEqual([
        expect.objectContaining({ text: 'We cannot wait for another record flood to reach the river district', speaker: 'Jane Okafor' }),
      ]);
    });
  }
});

describe('5 MB in one token, with no space (word patterns overflowed the stack on it)', () => {
  for (const [name, input] of [['one-token-5mb', 'stdin'], ['one-token-5mb', 'file'], ['one-letter-token-5mb', 'stdin'], ['one-letter-token-5mb', 'file']] as const) {
    it(`refuses ${name} from ${input} as no article`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const { run } = await runOn(name, input);
      expect(run.stderr).not.toMatch(/Maximum call stack|heap out of memory/);
      expect(run.code).toBe(2);
      const { error } = errorJsonSchema.parse(JSON.parse(run.stdout));
      // One word is both too thin and no prose; the gate names whichever it checks first.
      expect(['too_thin', 'not_article']).toContain(error.code);
      expect(error.message).toMatch(/^Only 1 word\b|reads like prose/);
    });
  }
});

describe('5 MB without a sentence end', () => {
  it('summarises one endless sentence of ordinary words from stdin', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { run, text } = await runOn('one-long-sentence-5mb', 'stdin');
    const summary = summaryOf(run);
    expectDrawnFrom(summary, text);
    expect(summary.bullets[0]).toMatch(/^the council and the mayor discussed the barrier plan/);
    expect(summary.quotes).toEqual([]);
  });

  it('summarises one word repeated with spaces from a file', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { run, text } = await runOn('one-word-repeated-5mb', 'file');
    const summary = summaryOf(run);
    expectDrawnFrom(summary, text);
    expect(summary.bullets[0]).toMatch(/^flood flood flood/);
  });

  it('summarises a paste of one word per line from stdin', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { run, text } = await runOn('one-word-per-line-5mb', 'stdin');
    const summary = summaryOf(run);
    // The lines are joined into one paragraph, so the bullet is the words with spaces for the line breaks.
    expect(summary.bullets[0]).toMatch(/^flood flood flood/);
    expect(text.replaceAll('\n', ' ')).toContain(summary.bullets[0]);
  });

  it('summarises 5 MB of Chinese without a space from a file', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { run, text } = await runOn('unspaced-chinese-5mb', 'file');
    const summary = summaryOf(run);
    expectDrawnFrom(summary, text);
    expect(summary.language).toBe('zh');
    expect(summary.bullets[0]).toBe('市长表示支持这项计划。');
  });
});

describe('quotes by the hundred thousand', () => {
  it('summarises back-to-back unattributed quotes from stdin, each once', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { run, text } = await runOn('many-quotes-5mb', 'stdin');
    const summary = summaryOf(run);
    expectDrawnFrom(summary, text);
    expect(summary.quotes).toEqual([expect.objectContaining({ text: 'The barrier will hold back the river this spring.', speaker: null })]);
  });

  it('summarises quotes attributed by pronoun inside one endless sentence from a file', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { run, text } = await runOn('pronoun-quotes-in-one-sentence-5mb', 'file');
    const summary = summaryOf(run);
    expectDrawnFrom(summary, text);
    expect(summary.quotes).toEqual([expect.objectContaining({ text: 'yes', speaker: 'Jane Okafor' })]);
  });

  it('summarises scare quotes inside one endless sentence from stdin, printing none of them as a quote', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { run, text } = await runOn('quotes-in-one-sentence-5mb', 'stdin');
    const summary = summaryOf(run);
    expectDrawnFrom(summary, text);
    expect(summary.quotes).toEqual([]);
  });
});

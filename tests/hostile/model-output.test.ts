import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/article/build-article.js';
import type { DigestEntry } from '../../src/digest/digest.js';
import { MAX_BRIEFING_CHARS, writeBriefing } from '../../src/digest/write-briefing.js';
import { LlmUnavailableError } from '../../src/llm/errors.js';
import { loadPromptRegistry, type PromptRegistry } from '../../src/llm/prompt-registry.js';
import { PROMPTS_DIR } from '../../src/services.js';
import { createExtractiveSummarizer, createKeyQuotesService, createLlmSummarizer, OUTPUT_SCHEMAS, type SummaryOptions } from '../../src/summarize/index.js';
import { cutAtWord, MODEL_OUTPUT_BOUNDS } from '../../src/summarize/model-output-bounds.js';
import { captureLog } from '../../test-support/capture-log.js';
import { summaryJsonSchema } from '../../test-support/contract-schemas.js';
import { apiError, completion, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { createTestClient, summaryRequest, validSummary } from '../../test-support/llm-test-kit.js';
import { createRecordingLlm } from '../../test-support/recording-llm.js';
import { runCli } from '../../test-support/run-cli.js';
import { quotesIn } from '../../test-support/scripted-model.js';

/**
 * A model that does not stop: 10,000 bullets, a megabyte of headline or of speaker, 5,000 quotes.
 * What we take from it is bounded as soon as it is parsed, the reader is told, and no valid
 * quote among those checked is lost for the company it kept.
 */
const EXAMPLE = fileURLToPath(new URL('../../examples/briefing.txt', import.meta.url));
const example = readFileSync(EXAMPLE, 'utf8');
const article = articleFromText(example, { kind: 'file', url: null, path: 'examples/briefing.txt' });
const standard: SummaryOptions = { length: 'standard', language: null, quotes: true };
const MEGABYTE = 1024 * 1024;
const BULLETS_CUT = "The model's answer was longer than we show; extra bullets were left out.";

/** The article's own quotes, which any check keeps. */
const realQuotes = quotesIn(article.text);
const okafor = 'We are building a wall around a problem that will keep getting worse';

const bullets = (count: number) => Array.from({ length: count }, (_, index) => `The council approved the flood plan, point ${index}.`);
/** A quote no article holds, each one different, as long as asked. */
const invented = (index: number, length = 120) => `Invented remark number ${index} ${'that nobody ever said aloud '.repeat(Math.ceil(length / 28))}`.slice(0, length);

/**
 * 5,000 quotes as a looping model writes them: the real ones first and then again and again,
 * between invented ones (some longer than any quote we print) and one with a megabyte of speaker.
 */
function fiveThousandQuotes() {
  const quotes: Array<{ text: string; speaker: string | null; context: string }> = [{ text: okafor, speaker: 'Q'.repeat(MEGABYTE), context: 'c'.repeat(400) }];
  quotes.push(...realQuotes.map((text) => ({ text, speaker: null, context: '' })));
  for (let index = 0; quotes.length < 5000; index += 1) {
    if (index % 10 === 0) quotes.push({ text: realQuotes[index % realQuotes.length] ?? okafor, speaker: null, context: '' });
    else if (index % 25 === 1) quotes.push({ text: invented(index, 1600), speaker: null, context: '' });
    else quotes.push({ text: invented(index), speaker: 'Nobody Real', context: '' });
  }
  return quotes;
}

function runaway() {
  return { headline: `Flood plan approved ${'and then some more words '.repeat(MEGABYTE / 25)}`, bullets: bullets(10_000), quotes: fiveThousandQuotes(), language: 'en' };
}

let prompts: PromptRegistry;
beforeAll(async () => {
  prompts = await loadPromptRegistry({ dir: PROMPTS_DIR, schemas: OUTPUT_SCHEMAS });
});

function summarizerWith(answer: () => unknown) {
  const captured = captureLog('info');
  const llm = createRecordingLlm(() => answer());
  const summarizer = createLlmSummarizer({ llm, prompts, fallback: createExtractiveSummarizer(), log: captured.log, contextTokens: 16_000, countTokens: () => 1 });
  return { summarizer, captured };
}

describe('cutting at a word', () => {
  it('ends at a word with "…" within the bound, or at the bound in a run with no spaces, never inside a surrogate pair', () => {
    expect(cutAtWord('short', 10)).toBe('short');
    expect(cutAtWord('The council approved the flood plan on Tuesday night', 30)).toBe('The council approved the…');
    expect(cutAtWord('x'.repeat(MEGABYTE), 200)).toBe(`${'x'.repeat(199)}…`);
    const emoji = cutAtWord('😀'.repeat(300), 200);
    expect(emoji.length).toBeLessThanOrEqual(200);
    expect(emoji).toBe(`${'😀'.repeat(99)}…`);
  });
});

describe('the LLM summariser, given a runaway answer', () => {
  it('keeps the first 12 bullets of 10,000 and says so', async () => {
    const { summarizer } = summarizerWith(() => ({ headline: 'Flood plan approved', bullets: bullets(10_000), quotes: [], language: 'en' }));
    const result = await summarizer.summarize({ article, options: standard });
    expect(result.provider).toBe('openai');
    expect(result.bullets).toEqual(bullets(12));
    expect(result.notes).toContain(BULLETS_CUT);
  });

  it('cuts a megabyte of headline and of bullet to a line each, and flags at most 20 short claims', async () => {
    const names = Array.from({ length: 60 }, (_, index) => `Colonel Zed Quartermain${String.fromCharCode(65 + (index % 26))}${index}`);
    const counts = Array.from({ length: 11 }, (_, index) => `Officials counted ${(index + 1) * 1111} boats, ${(index + 1) * 2222} cars and ${(index + 1) * 3333} trucks.`);
    const { summarizer } = summarizerWith(() => ({
      headline: `Flood plan approved ${'Z'.repeat(MEGABYTE)}`,
      bullets: [`The council met. ${names.join(' met ')} ${'word '.repeat(MEGABYTE / 5)}`, ...counts],
      quotes: [],
      language: 'x'.repeat(MEGABYTE),
    }));
    const result = await summarizer.summarize({ article, options: standard });
    expect(result.headline).toBe(`Flood plan approved ${'Z'.repeat(179)}…`);
    expect(result.bullets).toHaveLength(12);
    expect(result.bullets.slice(1)).toEqual(counts);
    expect(result.bullets[0]?.length).toBeLessThanOrEqual(MODEL_OUTPUT_BOUNDS.bulletChars);
    expect(result.bullets[0]).toMatch(/^The council met\. Colonel Zed/);
    expect(result.bullets[0]).toMatch(/…$/);
    expect(result.language).toBe('und');
    expect(result.unsupportedClaims).toHaveLength(20);
    for (const claim of result.unsupportedClaims) expect(claim.length).toBeLessThanOrEqual(80);
    expect(result.notes[0]).toBe(
      "The model's answer was longer than we show; the headline was shortened and a long bullet was shortened. Only the first 20 claims the article does not support are listed.",
    );
    expect(JSON.stringify(result).length).toBeLessThan(20_000);
  });

  it('checks at most 200 distinct quotes of 5,000, keeps every real one among them, and ignores a megabyte of speaker', async () => {
    const { summarizer, captured } = summarizerWith(() => ({ headline: 'Flood plan approved', bullets: bullets(3), quotes: fiveThousandQuotes(), language: 'en' }));
    const result = await summarizer.summarize({ article, options: standard });
    expect(realQuotes.length).toBeGreaterThan(2);
    const texts = result.quotes.map((quote) => quote.text);
    for (const quote of [...realQuotes, okafor]) expect(texts.some((text) => text.includes(quote) || quote.includes(text)), quote).toBe(true);
    for (const quote of result.quotes) {
      expect(article.text).toContain(quote.text);
      expect(quote.speaker === null || quote.speaker.length <= MODEL_OUTPUT_BOUNDS.speakerChars).toBe(true);
      expect(quote.context.length).toBeLessThanOrEqual(300);
    }
    expect(result.quotes.find((quote) => quote.text === okafor)?.speaker).toBe('Darren Okafor');
    // Verification's own count: what was looked at, every quote once.
    const verified = captured.lines.find((line) => line.msg === 'LLM summary verified') as { quotes: { verbatim: number; repaired: number; dropped: number } } | undefined;
    const checked = (verified?.quotes.verbatim ?? 0) + (verified?.quotes.repaired ?? 0) + (verified?.quotes.dropped ?? 0);
    expect(checked).toBeGreaterThan(realQuotes.length);
    expect(checked).toBeLessThanOrEqual(MODEL_OUTPUT_BOUNDS.quotesChecked);
    expect(result.notes[0]).toMatch(/^The model's answer was longer than we show; \d,\d{3} quotes were not checked and a speaker too long to be a name was ignored\.$/);
  });
});

describe('the key-quotes service, given 5,000 quotes', () => {
  it('keeps every real quote, verified, and says the rest were not checked', async () => {
    const captured = captureLog('info');
    const llm = createRecordingLlm(() => ({ quotes: fiveThousandQuotes(), language: 'en' }));
    const result = await createKeyQuotesService({ llm, prompts, log: captured.log }).keyQuotes(article);
    expect(result.provider).toBe('openai');
    const texts = result.quotes.map((quote) => quote.text);
    for (const quote of realQuotes) expect(texts.some((text) => text.includes(quote) || quote.includes(text)), quote).toBe(true);
    for (const quote of result.quotes) expect(article.text).toContain(quote.text);
    expect(result.notes[0]).toMatch(/\d,\d{3} quotes were not checked/);
    const verified = captured.lines.find((line) => line.msg === 'LLM quotes verified') as { quotes: { verbatim: number; repaired: number; dropped: number } } | undefined;
    expect((verified?.quotes.verbatim ?? 0) + (verified?.quotes.repaired ?? 0) + (verified?.quotes.dropped ?? 0)).toBeLessThanOrEqual(200);
  });
});

describe('the digest briefing, given a megabyte', () => {
  it('keeps it to what a digest header shows, cut at a word', async () => {
    const llm = createRecordingLlm(() => ({ briefing: 'The harbour works begin. '.repeat(MEGABYTE / 25), language: 'en' }));
    const entry = { story: { title: 'Harbour works begin' }, summary: null, showQuotes: false } as unknown as DigestEntry;
    const briefing = await writeBriefing({ llm, prompts, log: captureLog('info').log }, [entry], 'guild-1');
    expect(briefing.text?.length).toBeLessThanOrEqual(MAX_BRIEFING_CHARS);
    expect(briefing.text).toMatch(/^The harbour works begin\. .*begin…$/);
  });
});

describe('the raw answer', () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    fake = await startFakeOpenAi();
    return () => fake.close();
  });

  it('is not read past the size bound, and such an answer is not asked for again', async () => {
    const { client } = createTestClient(fake, { maxResponseBytes: 64 * 1024 });
    fake.respondWith(() => completion({ ...validSummary, bullets: bullets(5000) }));
    const error = await client.complete(summaryRequest()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as Error).message).toMatch(/^The LLM endpoint at 127\.0\.0\.1:\d+ sent too much: the answer was larger than 65536 bytes, so it was not read\.$/);
    expect(fake.requestCount).toBe(1);
  });

  it('bounds an error body too: past the size bound it is not read, below it its message is kept to a paragraph in every cause', async () => {
    const { client } = createTestClient(fake, { maxResponseBytes: 64 * 1024, maxRetries: 0 });
    fake.reply({ status: 500, body: `<html>${'x'.repeat(MEGABYTE)}</html>` });
    const error = await client.complete(summaryRequest()).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/sent too much: the answer was larger than 65536 bytes/);
    expect(fake.requestCount).toBe(1);

    const captured = captureLog('info');
    for (const reply of [apiError(500, `upstream: ${'y'.repeat(60_000)}`), { status: 502, body: `<html>${'z'.repeat(60_000)}</html>` }]) {
      fake.reply(reply);
      const failure = await client.complete(summaryRequest()).catch((caught: unknown) => caught);
      expect((failure as Error).message).toMatch(/^The LLM endpoint at 127\.0\.0\.1:\d+ kept failing \(50[02]\) after 1 attempt: (upstream: y+|<html>z+)…$/);
      captured.log.warn({ err: failure }, 'llm failed');
    }
    // Each logged error, with its whole chain of causes (ours and the SDK's), is a few paragraphs.
    for (const line of captured.lines) expect(JSON.stringify(line).length).toBeLessThan(12_000);
  });
});

describe('the CLI, end to end', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(() => fake.close());

  it('prints a bounded summary with the note for a 3 MB runaway answer, and the extractive one for a 5 MB answer', async () => {
    const answer = runaway();
    expect(JSON.stringify(answer).length).toBeGreaterThan(2.5 * MEGABYTE);
    fake.respondWith(() => completion(answer));
    const run = await runCli(['--json', '--provider', 'openai', EXAMPLE], { env: { OPENAI_BASE_URL: fake.baseUrl } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.length).toBeLessThan(30_000);
    const summary = summaryJsonSchema.parse(JSON.parse(run.stdout));
    expect(summary.provider).toBe('openai');
    expect(summary.headline.length).toBeLessThanOrEqual(200);
    expect(summary.headline).toMatch(/^Flood plan approved and then some more words .*…$/);
    expect(summary.bullets).toEqual(bullets(12));
    expect(summary.notes[0]).toMatch(/^The model's answer was longer than we show; the headline was shortened, extra bullets were left out, \d,\d{3} quotes were not checked and a speaker too long to be a name was ignored\.$/);
    for (const quote of realQuotes) expect(summary.quotes.some((kept) => kept.text.includes(quote) || quote.includes(kept.text)), quote).toBe(true);
    expect(summary.unsupportedClaims.length).toBeLessThanOrEqual(20);

    fake.respondWith(() => completion({ ...answer, bullets: bullets(80_000) }));
    const tooLarge = await runCli(['--json', '--provider', 'openai', EXAMPLE], { env: { OPENAI_BASE_URL: fake.baseUrl, LOG_LEVEL: 'warn' } });
    expect(tooLarge.code, tooLarge.stderr).toBe(0);
    const fallback = summaryJsonSchema.parse(JSON.parse(tooLarge.stdout));
    expect(fallback).toMatchObject({ provider: 'extractive', notes: ['LLM unavailable — extractive summary'] });
    expect(tooLarge.stderr).toMatch(/sent too much: the answer was larger than 4 MiB, so it was not read/);
  }, 60_000);
});

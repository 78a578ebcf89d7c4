import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentInteraction } from '../../test-support/fake-discord.js';
import { apiError, completion, hang, type ChatRequestBody, type FakeReply } from '../../test-support/fake-openai.js';
import { answersTo, summaryKind, waitForFinalAnswers } from '../../test-support/interaction-answers.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { EXAMPLE_TEXT, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { startTcpRelay } from '../../test-support/tcp-relay.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * LLM faults while 20 `/summarize` interactions are in flight, on the real bot (discord.js on the
 * fake Discord, the openai SDK on the fake LLM). Whatever the endpoint does, every interaction gets
 * exactly one deferral and exactly one final edit, and that edit is a summary: the LLM's, or the
 * extractive one with the note "LLM unavailable — extractive summary". Half of each burst meets a
 * fault that passes (the first attempt only), which the retry or the repair call must cure; the
 * other half meets it every time, which the fallback must answer. Then, with the endpoint healthy
 * again, the next interaction gets the LLM's summary: the bot kept serving.
 *
 * The single-call policies (retry-after, backoff, the timeout, the repair call) have unit tests in
 * tests/llm/ and tests/summarize/; these check that the bot as a whole loses nothing under them.
 */

const BURST = 20;
/** Interactions below this index meet the fault on every attempt; the rest on their first only. */
const PERSISTENT = 10;
const LLM_TIMEOUT_MS = 1000;
/**
 * The token budget and LLM_TPM have tests of their own; at their defaults six bursts of 20 would
 * spend a guild's day and wait out the minute's tokens, which is not the fault under test here.
 */
const NO_TOKEN_LIMITS = { GUILD_DAILY_TOKENS: '0', LLM_TPM: '100000000' };

let world: TestWorld;
let bot: TestBot;

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  bot = await startTestBot(world, {
    LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
    LLM_MAX_RETRIES: '1',
    ...NO_TOKEN_LIMITS,
  });
});
afterAll(async () => {
  await bot?.stop();
  await world?.close();
});
afterEach(() => {
  world.openai.respondWith(healthy);
  expect(world.discord.unknownRoutes).toEqual([]);
});

const healthy = (body: ChatRequestBody): FakeReply => completion(scriptedReply(body));

/** Each interaction's article names its fault and index, so the fake knows whom it answers. */
const articleFor = (fault: string, index: number) => `${EXAMPLE_TEXT}\n\nThis copy was filed for the ${fault} fault, copy number ${index}.`.slice(-5900);
const indexIn = (body: ChatRequestBody) => Number(/copy number (\d+)\./.exec(JSON.stringify(body.messages))?.[1] ?? -1);

function sendBurst(fault: string): SentInteraction[] {
  return Array.from({ length: BURST }, (_, index) =>
    world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: articleFor(fault, index) }] }),
  );
}

/** The fake answers `fault` to every request of a persistent interaction, and to the first of the others. */
function injectFault(fault: () => FakeReply): void {
  const attempts = new Map<number, number>();
  world.openai.respondWith((body) => {
    const index = indexIn(body);
    const attempt = (attempts.get(index) ?? 0) + 1;
    attempts.set(index, attempt);
    return index < PERSISTENT || attempt === 1 ? fault() : healthy(body);
  });
}

/** Exactly one deferral and one final edit each; persistent ones fell back, passing ones got the LLM's summary. */
function expectEveryoneAnsweredOnce(sent: SentInteraction[]): void {
  const seen = sent.map((interaction, index) => {
    const answers = answersTo(world.discord, interaction);
    return {
      index,
      callbacks: answers.callbacks.map((callback) => callback.type),
      edits: answers.edits.length,
      others: answers.others.map((call) => `${call.method} ${call.path.split('/').slice(4).join('/')}`),
      kind: summaryKind(answers.edits[0]?.body),
    };
  });
  const expected = sent.map((_, index) => ({ index, callbacks: [5], edits: 1, others: [], kind: index < PERSISTENT ? 'fallback' : 'llm' }));
  expect(seen).toEqual(expected);
}

/** With the endpoint healthy again, a new interaction is summarised by the LLM. */
async function expectServingAgain(fault: string): Promise<void> {
  world.openai.respondWith(healthy);
  const next = world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: articleFor(`${fault} recovered`, 0) }] });
  await waitForFinalAnswers(world.discord, [next], 15_000, 0);
  expect(summaryKind(answersTo(world.discord, next).edits[0]?.body)).toBe('llm');
}

describe('LLM faults while 20 interactions are in flight', () => {
  it.each<[string, () => FakeReply]>([
    [
      'a 429 storm with retry-after',
      () => apiError(429, 'Rate limit reached for requests', { type: 'requests', code: 'rate_limit_exceeded', headers: { 'retry-after': '1' } }),
    ],
    ['500s', () => apiError(500, 'The server had an error while processing your request.', { type: 'server_error' })],
    [`hangs past LLM_TIMEOUT_MS (${LLM_TIMEOUT_MS} ms)`, () => hang()],
    ['output that is not JSON', () => completion('Sure! Here is a summary: the council voted for the flood barrier.')],
    ['JSON of the wrong schema', () => completion({ title: 'Flood barrier', summary: 42, quotes: 'none' })],
  ])('%s: each gets one deferral and one final summary, then the bot serves again', async (fault, reply) => {
    injectFault(reply);
    const sent = sendBurst(fault);
    await waitForFinalAnswers(world.discord, sent, 60_000);
    expectEveryoneAnsweredOnce(sent);
    await expectServingAgain(fault);
  }, 90_000);

  it('connection refused: every one gets the fallback summary, and the LLM again once the endpoint is back', async () => {
    // A bot of its own, whose endpoint is a port that can be switched off: nothing listens there.
    const relay = await startTcpRelay(world.openai.port);
    await relay.off();
    await bot.stop();
    bot = await startTestBot(world, { OPENAI_BASE_URL: `${relay.origin}/v1`, LLM_MAX_RETRIES: '1', ...NO_TOKEN_LIMITS });
    world.openai.respondWith(healthy);
    const requestsBefore = world.openai.requestCount;

    const sent = sendBurst('connection refused');
    await waitForFinalAnswers(world.discord, sent, 60_000);
    const kinds = sent.map((interaction) => {
      const answers = answersTo(world.discord, interaction);
      return { callbacks: answers.callbacks.map((callback) => callback.type), edits: answers.edits.length, others: answers.others.length, kind: summaryKind(answers.edits[0]?.body) };
    });
    expect(kinds).toEqual(sent.map(() => ({ callbacks: [5], edits: 1, others: 0, kind: 'fallback' })));
    expect(world.openai.requestCount).toBe(requestsBefore);

    await relay.on();
    await expectServingAgain('connection refused');
  }, 90_000);
});

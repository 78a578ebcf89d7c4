import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/http/health-check.js';
import { parsePrometheusText, sampleValue, type Sample } from '../../test-support/prometheus-text.js';
import { freePort } from '../../test-support/redis-server.js';
import { startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * HTTP_PORT on the real bot (the composition root, the real discord.js client on the fake Discord,
 * the openai SDK on the fake endpoint), read over HTTP as a scraper and a container health check would.
 */

interface HealthBody {
  status: 'ok' | 'failing';
  checks: Record<'gateway' | 'stores' | 'llm', CheckResult>;
}

failOnUnhandledRejections();

const option = (name: string, value: string) => ({ name, type: 3, value });

async function health(base: string): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`${base}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

async function scrape(base: string): Promise<Sample[]> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

/** Asks until `accept` holds for an answer, for state that changes on its own (a socket closing). */
async function healthUntil(base: string, accept: (answer: { status: number; body: HealthBody }) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await health(base).catch(() => null);
    if (answer && accept(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`/healthz never became what the test waits for; last: ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a running bot with HTTP_PORT', () => {
  let world: TestWorld;
  let bot: TestBot;
  let base: string;
  let openaiClosed = false;

  beforeAll(async () => {
    world = await startTestWorld();
    // The LLM part asks every time here, so the test sees the endpoint go at once.
    bot = await startTestBot(world, { HTTP_PORT: String(await freePort()) }, { healthCacheMs: 0 });
    base = `http://127.0.0.1:${bot.bot.health?.port}`;
  });
  afterAll(async () => {
    await bot?.stop();
    // world.close() would close the fake OpenAI twice.
    await world?.discord.close();
    if (!openaiClosed) await world?.openai.close();
    await world?.pages.close();
  });

  async function summarize(): Promise<void> {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', world.pages.url('/story'))] });
    await world.discord.waitForCall(
      (call) => call.method === 'PATCH' && call.path.endsWith(`/${sent.token}/messages/@original`) && JSON.stringify(call.body).includes('"embeds"'),
      15_000,
    );
  }

  it('counts a /summarize: the command, its acknowledgement, the LLM call and its tokens, the cache miss and the quotes', async () => {
    await summarize();
    const samples = await scrape(base);
    expect(sampleValue(samples, 'newsbrief_commands_total', { command: 'summarize', outcome: 'ok' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_interaction_ack_seconds_count')).toBe(1);
    // Discord's limit is 3 s: the one acknowledgement is in a bucket at or below it.
    expect(sampleValue(samples, 'newsbrief_interaction_ack_seconds_bucket', { le: '3' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_llm_calls_total', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'newsbrief_llm_calls_total', { outcome: 'ok' })).toBe(world.openai.requests.filter((request) => request.path.endsWith('/chat/completions')).length);
    expect(sampleValue(samples, 'newsbrief_llm_tokens_total', { kind: 'prompt' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'newsbrief_llm_tokens_total', { kind: 'completion' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'newsbrief_cache_requests_total', { cache: 'summary', result: 'miss' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_cache_requests_total', { cache: 'summary', result: 'hit' })).toBe(0);
    expect(sampleValue(samples, 'newsbrief_cache_requests_total', { cache: 'article', result: 'miss' })).toBe(1);
    const quotes = samples.filter((sample) => sample.name === 'newsbrief_quotes_total').reduce((sum, sample) => sum + sample.value, 0);
    expect(quotes).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts the same /summarize again as cache hits, with no new LLM call', async () => {
    const callsBefore = sampleValue(await scrape(base), 'newsbrief_llm_calls_total', { outcome: 'ok' });
    await summarize();
    const samples = await scrape(base);
    expect(sampleValue(samples, 'newsbrief_commands_total', { command: 'summarize', outcome: 'ok' })).toBe(2);
    expect(sampleValue(samples, 'newsbrief_interaction_ack_seconds_count')).toBe(2);
    expect(sampleValue(samples, 'newsbrief_cache_requests_total', { cache: 'summary', result: 'hit' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_cache_requests_total', { cache: 'article', result: 'hit' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_llm_calls_total', { outcome: 'ok' })).toBe(callsBefore);
  });

  it('counts a refusal as refused', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', 'not a link')] });
    await world.discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`));
    const samples = await scrape(base);
    expect(sampleValue(samples, 'newsbrief_commands_total', { command: 'summarize', outcome: 'refused' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_interaction_ack_seconds_count')).toBe(3);
  });

  it('/healthz is 200 with the gateway, the stores and the LLM endpoint all ok', async () => {
    const { status, body } = await health(base);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.gateway).toMatchObject({ ok: true, detail: expect.stringMatching(/^ready/) });
    expect(body.checks.stores).toEqual({ ok: true });
    expect(body.checks.llm).toEqual({ ok: true, detail: 'answered 200' });
    expect(world.openai.requests.some((request) => request.method === 'GET' && request.path === '/v1/models')).toBe(true);
  });

  it('/healthz is 503 naming llm when the LLM endpoint stops answering, and the rest stays ok', async () => {
    await world.openai.close();
    openaiClosed = true;
    const { status, body } = await health(base);
    expect(status).toBe(503);
    expect(body.status).toBe('failing');
    expect(body.checks.llm).toEqual({ ok: false, detail: 'unreachable: ECONNREFUSED' });
    expect(body.checks.gateway.ok).toBe(true);
    expect(body.checks.stores.ok).toBe(true);
  });

  it('/healthz names the gateway when the Discord session is lost', async () => {
    await world.discord.close();
    const { status, body } = await healthUntil(base, (answer) => !answer.body.checks.gateway.ok);
    expect(status).toBe(503);
    expect(body.checks.gateway.detail).toMatch(/^shard 0: (Connecting|Reconnecting|Resuming|Identifying|Disconnected)$/);
    expect(body.checks.stores.ok).toBe(true);
  });
});

describe('a bot still connecting', () => {
  let world: TestWorld;
  let bot: TestBot | undefined;

  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => {
    await bot?.stop();
    await world.close();
  });

  it('answers 503 "connecting" until the session is ready, then 200', async () => {
    // Discord asks the bot to wait before it may read the gateway's address: the login waits with it.
    world.discord.failNext(
      { method: 'GET', path: /\/gateway\/bot$/ },
      { status: 429, body: { message: 'You are being rate limited.', retry_after: 2, global: false }, headers: { 'retry-after': '2' } },
    );
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const starting = startTestBot(world, { HTTP_PORT: String(port) });
    const early = await healthUntil(base, () => true);
    expect(early.status).toBe(503);
    expect(early.body.checks.gateway).toEqual({ ok: false, detail: 'connecting' });
    expect(early.body.checks.stores.ok).toBe(true);
    bot = await starting;
    expect(bot.bot.health?.port).toBe(port);
    const ready = await health(base);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.gateway.ok).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenAiCompatibleClient } from '../../src/llm/create-llm-client.js';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/connect-shared-redis.js';
import { captureLog, type CapturedLog } from '../../test-support/capture-log.js';
import { completion, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { createTestClient, summaryRequest, validSummary } from '../../test-support/llm-test-kit.js';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * LLM_RPM, LLM_MAX_CONCURRENT and LLM_TPM across processes (REDIS_URL). Each "process" here has
 * its own Redis connection and its own LLM client, as two bot processes would; only the
 * redis-server and the fake endpoint are shared.
 */

failOnUnhandledRejections();

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/llm/shared-rate-limiter.test.ts: SKIPPED, ${missingMessage}.`);

const UNREACHABLE = 'Redis is unreachable';
const BACK = 'Redis is back';

interface BotProcess {
  name: string;
  redis: SharedRedis;
  client: OpenAiCompatibleClient;
  logs: CapturedLog;
}

describe.skipIf(!available && !requiredInCi)('LLM limits shared through Redis', () => {
  let server: RedisServer | null = null;
  let fake: FakeOpenAi | null = null;
  let processes: BotProcess[] = [];

  beforeEach(() => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
  });
  afterEach(async () => {
    for (const running of processes) {
      await running.client.close();
      await running.redis.close();
    }
    processes = [];
    await server?.stop();
    await fake?.close();
    server = null;
    fake = null;
  });

  async function startProcess(name: string, url: string, limits: Parameters<typeof createTestClient>[1], connectTimeoutMs = 2_000): Promise<BotProcess> {
    const logs = captureLog('info');
    const redis = await connectSharedRedis(url, logs.log, { connectTimeoutMs, maxReconnectDelayMs: 200 });
    const { client } = createTestClient(fake as FakeOpenAi, { ...limits, redis });
    const running = { name, redis, client, logs };
    processes.push(running);
    return running;
  }

  /** Each call says which process made it, so the fake's log shows the split. */
  const callFrom = (running: BotProcess) =>
    running.client.complete(summaryRequest({ messages: [{ role: 'user', content: `from ${running.name}` }] }));
  const senders = () => (fake?.requests ?? []).map((request) => (String(request.body.messages.at(-1)?.content).includes('from a') ? 'a' : 'b'));

  /** True when no `limit + 1` arrivals fit in one closed window. */
  function heldSlidingWindow(arrivals: number[], limit: number, windowMs: number): boolean {
    const sorted = [...arrivals].sort((x, y) => x - y);
    return sorted.every((at, index) => index + limit >= sorted.length || (sorted[index + limit] ?? 0) - at > windowMs);
  }

  it('holds LLM_RPM across two processes: no window ever sees more than the RPM, and both get their turn', { timeout: 60_000 }, async () => {
    // The spacing keeps 2 % of the window spare for the jitter between a request's start and its
    // arrival: 1.2 s of a real minute, but only 40 ms of this 2 s window, which a busy CI machine's
    // timers can exceed. So the fake counts a window 10 % shorter than the limiter's: two processes
    // with limits of their own would still send twice the RPM into it, and fail.
    const rpm = 4;
    const windowMs = 2_000;
    const serverWindowMs = 1_800;
    server = await startRedisServer();
    // The fake counts a sliding window and answers 429 past the RPM; with no retries, a 429 fails the call.
    fake = await startFakeOpenAi({ rpmLimit: { limit: rpm, windowMs: serverWindowMs }, respondWith: () => completion(validSummary) });
    const limits = { rpm, rateWindowMs: windowMs, maxRetries: 0, maxConcurrent: 10 };
    const a = await startProcess('a', server.url, limits);
    const b = await startProcess('b', server.url, limits);

    // A first call opens each process's connection to the endpoint, which is slower than the rest.
    await callFrom(a);
    await callFrom(b);
    const results = await Promise.all([...Array.from({ length: 5 }, () => callFrom(a)), ...Array.from({ length: 5 }, () => callFrom(b))]);

    expect(results).toHaveLength(10);
    expect(fake.rateLimitedCount).toBe(0);
    expect(heldSlidingWindow(fake.requests.map((request) => request.receivedAt), rpm, serverWindowMs)).toBe(true);
    expect(new Set(senders())).toEqual(new Set(['a', 'b']));
    expect(a.client.limiter.scope).toBe('shared');
  });

  it('holds LLM_MAX_CONCURRENT across two processes', { timeout: 60_000 }, async () => {
    server = await startRedisServer();
    fake = await startFakeOpenAi({ respondWith: () => completion(validSummary, { latencyMs: 80 }) });
    const limits = { maxConcurrent: 2, rpm: 100_000 };
    const a = await startProcess('a', server.url, limits);
    const b = await startProcess('b', server.url, limits);

    await Promise.all([...Array.from({ length: 6 }, () => callFrom(a)), ...Array.from({ length: 6 }, () => callFrom(b))]);

    expect(fake.requestCount).toBe(12);
    expect(fake.maxInFlight).toBe(2);
  });

  it('counts LLM_TPM in one reservoir across processes', { timeout: 60_000 }, async () => {
    server = await startRedisServer();
    fake = await startFakeOpenAi();
    const limits = { rpm: 1_000, tpm: 100, rateWindowMs: 60_000 };
    const a = await startProcess('a', server.url, limits);
    const b = await startProcess('b', server.url, limits);

    await a.client.limiter.schedule(60, async () => undefined);
    expect(await b.client.limiter.tokens.currentReservoir()).toBe(40);
    await b.client.limiter.schedule(30, async () => undefined);
    expect(await a.client.limiter.tokens.currentReservoir()).toBe(10);
  });

  it('brings limits left in Redis by an earlier configuration to this one, without refilling the reservoirs', { timeout: 60_000 }, async () => {
    server = await startRedisServer();
    fake = await startFakeOpenAi();
    const old = await startProcess('a', server.url, { maxConcurrent: 2, rpm: 1_000, tpm: 100, rateWindowMs: 60_000 });
    await old.client.limiter.schedule(70, async () => undefined);
    await old.client.close();

    const changed = await startProcess('b', server.url, { maxConcurrent: 3, rpm: 1_000, tpm: 500, rateWindowMs: 60_000 });
    await changed.client.limiter.schedule(10, async () => undefined);

    const settings = `b_newsbrief:llm:127.0.0.1:${fake.port}:gpt-test`;
    expect(await changed.redis.client.hget(`${settings}:requests_settings`, 'maxConcurrent')).toBe('3');
    expect(await changed.redis.client.hget(`${settings}:tokens_settings`, 'reservoirRefreshAmount')).toBe('500');
    // 100 - 70 - 10: the reservoir takes the new amount at the next window, not at a process's start.
    expect(await changed.client.limiter.tokens.currentReservoir()).toBe(20);
  });

  it('falls back to local limits with one warning when Redis dies mid-run, and shares them again once it is back', { timeout: 60_000 }, async () => {
    server = await startRedisServer();
    const port = server.port;
    fake = await startFakeOpenAi({ respondWith: () => completion(validSummary, { latencyMs: 20 }) });
    // A spacing of ~100 ms keeps calls queued in Redis when it goes.
    const limits = { rpm: 10, rateWindowMs: 1_000, maxConcurrent: 2 };
    const a = await startProcess('a', server.url, limits);
    const b = await startProcess('b', server.url, limits);
    await Promise.all([callFrom(a), callFrom(b)]);
    expect([a.client.limiter.scope, b.client.limiter.scope]).toEqual(['shared', 'shared']);

    const burst = Array.from({ length: 10 }, (_, index) => callFrom(index % 2 === 0 ? a : b));
    await vi.waitFor(() => expect(fake?.requestCount).toBeGreaterThanOrEqual(4), { timeout: 10_000, interval: 10 });
    await server.stop();

    // Every call completes: those queued in Redis move to the local limiter.
    expect(await Promise.all(burst)).toHaveLength(10);
    expect([a.client.limiter.scope, b.client.limiter.scope]).toEqual(['process', 'process']);
    // And calls made while Redis is away, many of them, still answer, under one warning per process.
    expect(await Promise.all(Array.from({ length: 6 }, (_, index) => callFrom(index % 2 === 0 ? a : b)))).toHaveLength(6);
    expect(a.logs.warnings(UNREACHABLE)).toHaveLength(1);
    expect(b.logs.warnings(UNREACHABLE)).toHaveLength(1);

    server = await startRedisServer({ port });
    await vi.waitFor(() => expect([a.client.limiter.scope, b.client.limiter.scope]).toEqual(['shared', 'shared']), { timeout: 15_000, interval: 50 });
    expect(a.logs.lines.filter((line) => String(line.msg).startsWith(BACK))).toHaveLength(1);

    // Shared again: the new server counts both processes' requests.
    const before = fake.requestCount;
    await Promise.all([callFrom(a), callFrom(b), callFrom(a), callFrom(b)]);
    expect(fake.requestCount).toBe(before + 4);
    const probe = await connectSharedRedis(server.url, captureLog('info').log);
    try {
      const done = await probe.client.hget(`b_newsbrief:llm:127.0.0.1:${fake.port}:gpt-test:requests_settings`, 'done');
      expect(Number(done)).toBeGreaterThanOrEqual(4);
    } finally {
      await probe.close();
    }
    expect(a.logs.warnings(UNREACHABLE)).toHaveLength(1);
  });

  it('starts on local limits when Redis is unreachable, with one warning, and shares them once Redis comes up', { timeout: 60_000 }, async () => {
    const port = await freePort();
    fake = await startFakeOpenAi({ respondWith: () => completion(validSummary) });
    const a = await startProcess('a', `redis://127.0.0.1:${port}`, { rpm: 600, rateWindowMs: 1_000 }, 300);

    expect(a.redis.available).toBe(false);
    expect(await Promise.all(Array.from({ length: 5 }, () => callFrom(a)))).toHaveLength(5);
    expect(a.client.limiter.scope).toBe('process');
    expect(a.logs.warnings(UNREACHABLE)).toHaveLength(1);

    server = await startRedisServer({ port });
    await vi.waitFor(() => expect(a.client.limiter.scope).toBe('shared'), { timeout: 15_000, interval: 50 });
    await callFrom(a);
    expect(fake.requestCount).toBe(6);
    expect(a.logs.warnings(UNREACHABLE)).toHaveLength(1);
  });
});

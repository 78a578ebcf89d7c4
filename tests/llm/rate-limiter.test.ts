import { afterEach, describe, expect, it } from 'vitest';
import { LlmUnavailableError } from '../../src/llm/errors.js';
import { createRateLimiter, minTimeFor, type LlmRateLimiter } from '../../src/llm/rate-limiter.js';
import { completion, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { createTestClient, summaryRequest, validSummary, type TestClient } from '../../test-support/llm-test-kit.js';

let fake: FakeOpenAi | null = null;
let client: TestClient | null = null;
let limiter: LlmRateLimiter | null = null;

afterEach(async () => {
  await client?.client.close();
  await limiter?.stop();
  await fake?.close();
  fake = null;
  client = null;
  limiter = null;
});

describe('minTimeFor', () => {
  it('spaces starts so that rpm gaps span more than the window, with room for jitter', () => {
    for (const [rpm, windowMs] of [
      [60, 60_000],
      [1, 60_000],
      [7, 60_000],
      [500, 60_000],
      [5, 1_000],
      [3, 1_000],
    ] as const) {
      const gap = minTimeFor(rpm, windowMs);
      // rpm+1 starts at 0, gap, …, rpm·gap must not fit in a closed window.
      expect(rpm * gap).toBeGreaterThan(windowMs);
      expect(rpm * gap).toBeGreaterThanOrEqual(windowMs * 1.02);
      // …and no more than needed: one step less would give the margin away.
      expect(rpm * (gap - 1)).toBeLessThan(windowMs * 1.02 + rpm);
    }
    expect(minTimeFor(60, 60_000)).toBe(1021);
  });
});

describe('through the client, against the fake', () => {
  it('never has more than maxConcurrent requests in flight', async () => {
    fake = await startFakeOpenAi({ respondWith: () => completion(validSummary, { latencyMs: 60 }) });
    client = createTestClient(fake, { maxConcurrent: 2 });

    await Promise.all(Array.from({ length: 8 }, () => client?.client.complete(summaryRequest())));

    expect(fake.requestCount).toBe(8);
    expect(fake.maxInFlight).toBe(2);
  });

  it('never lets more than rpm requests into any sliding window (short window, real time)', async () => {
    const windowMs = 1_000;
    const rpm = 5;
    fake = await startFakeOpenAi({ rpmLimit: { limit: rpm, windowMs }, respondWith: () => completion(validSummary) });
    // No retries: a single 429 would fail the call.
    client = createTestClient(fake, { rpm, rateWindowMs: windowMs, maxRetries: 0, maxConcurrent: 10 });

    const results = await Promise.all(Array.from({ length: 9 }, () => client?.client.complete(summaryRequest())));

    expect(results).toHaveLength(9);
    expect(fake.rateLimitedCount).toBe(0);
    const arrivals = fake.requests.map((request) => request.receivedAt);
    for (let index = 0; index + rpm < arrivals.length; index += 1) {
      expect((arrivals[index + rpm] ?? 0) - (arrivals[index] ?? 0)).toBeGreaterThan(windowMs);
    }
  });

  it('exposes its limiter, set from the options', async () => {
    fake = await startFakeOpenAi();
    client = createTestClient(fake, { rpm: 60, tpm: 1_000, maxConcurrent: 3 });

    expect(client.client.limiter.minTimeMs).toBe(1021);
    expect(await client.client.limiter.requests.currentReservoir()).toBe(60);
    expect(await client.client.limiter.tokens.currentReservoir()).toBe(1_000);
  });
});

describe('the token limiter', () => {
  it('makes a request wait for the next window when the tokens per window are spent', async () => {
    limiter = createRateLimiter({ maxConcurrent: 10, rpm: 1_000, tpm: 100, windowMs: 400 });
    const startedAt: number[] = [];
    const job = async () => {
      startedAt.push(performance.now());
    };

    await Promise.all([limiter.schedule(60, job), limiter.schedule(60, job)]);

    expect(startedAt).toHaveLength(2);
    expect((startedAt[1] ?? 0) - (startedAt[0] ?? 0)).toBeGreaterThanOrEqual(150);
  });

  it('lets a request heavier than the whole TPM through on a full reservoir instead of hanging', async () => {
    limiter = createRateLimiter({ maxConcurrent: 10, rpm: 1_000, tpm: 100, windowMs: 60_000 });

    await expect(limiter.schedule(5_000, async () => 'done')).resolves.toBe('done');
    expect(await limiter.tokens.currentReservoir()).toBe(0);
  });

  it('drops queued requests with LlmUnavailableError on stop()', async () => {
    limiter = createRateLimiter({ maxConcurrent: 10, rpm: 1_000, tpm: 100, windowMs: 60_000 });
    await limiter.schedule(100, async () => undefined);

    const queued = limiter.schedule(50, async () => 'never');
    await limiter.stop();

    await expect(queued).rejects.toBeInstanceOf(LlmUnavailableError);
    await expect(limiter.stop()).resolves.toBeUndefined();
  });
});

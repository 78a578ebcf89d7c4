import { describe, expect, it } from 'vitest';
import { LlmAttemptError } from '../../src/llm/errors.js';
import { isRetryable, parseRetryAfterMs, retryDelayMs, withRetries } from '../../src/llm/retry.js';

const http = (status: number, details: { retryAfterMs?: number; code?: string } = {}) => new LlmAttemptError('http', `status ${status}`, { status, ...details });

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('reads retry-after-ms first, then retry-after as seconds or as an HTTP date', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Sat, 01 Mar 2025 12:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Sat, 01 Mar 2025 11:00:00 GMT' }), now)).toBe(0);
  });

  it('is null without a readable header', () => {
    expect(parseRetryAfterMs(new Headers(), now)).toBeNull();
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
  });
});

describe('isRetryable', () => {
  it('retries 429, 5xx, timeouts and connection failures only', () => {
    expect(isRetryable(http(429))).toBe(true);
    expect(isRetryable(http(500))).toBe(true);
    expect(isRetryable(http(503))).toBe(true);
    expect(isRetryable(new LlmAttemptError('timeout', 'slow'))).toBe(true);
    expect(isRetryable(new LlmAttemptError('connection', 'ECONNREFUSED'))).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryable(http(status))).toBe(false);
    expect(isRetryable(new Error('other'))).toBe(false);
  });

  it('does not wait out a spent quota or a retry-after longer than the cap', () => {
    expect(isRetryable(http(429, { code: 'insufficient_quota' }))).toBe(false);
    expect(isRetryable(http(429, { retryAfterMs: 3_600_000 }))).toBe(false);
    expect(isRetryable(http(429, { retryAfterMs: 3_600_000 }), 4_000_000)).toBe(true);
  });
});

describe('retryDelayMs', () => {
  it('backs off exponentially with equal jitter', () => {
    const options = { random: () => 0, baseDelayMs: 500, maxDelayMs: 30_000 };
    expect([0, 1, 2, 3].map((retry) => retryDelayMs(http(500), retry, options))).toEqual([250, 500, 1000, 2000]);
    expect(retryDelayMs(http(500), 0, { ...options, random: () => 0.999 })).toBe(500);
    expect(retryDelayMs(http(500), 20, options)).toBe(15_000);
  });

  it('waits the retry-after of a 429, plus jitter', () => {
    expect(retryDelayMs(http(429, { retryAfterMs: 2000 }), 0, { random: () => 0 })).toBe(2000);
    expect(retryDelayMs(http(429, { retryAfterMs: 2000 }), 0, { random: () => 0.5 })).toBe(2125);
    expect(retryDelayMs(http(429), 0, { random: () => 0 })).toBe(250);
  });
});

describe('withRetries', () => {
  it('retries up to maxRetries and throws the last error', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    const error = await withRetries(
      async () => {
        calls += 1;
        throw http(502);
      },
      { maxRetries: 2, random: () => 0, sleep: async (ms) => void sleeps.push(ms) },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmAttemptError);
    expect(calls).toBe(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('stops waiting when the caller aborts during a backoff', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetries(
      async () => {
        calls += 1;
        throw http(500);
      },
      { maxRetries: 5, random: () => 0, signal: controller.signal, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms * 100)) },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });
});

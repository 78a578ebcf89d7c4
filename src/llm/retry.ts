import { parseRetryAfter } from '../http/retry-after.js';
import { LlmAttemptError } from './errors.js';

export interface RetryOptions {
  /** Retries after the first attempt (LLM_MAX_RETRIES). 0 means one attempt. */
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); the jitter. */
  random: () => number;
  /** The caller's signal: an abort stops the waiting between attempts too. */
  signal?: AbortSignal | undefined;
  /** The first backoff step; doubles each retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A 429 asking for a longer wait than this is given up on at once: it is a quota, not a burst. */
  maxRetryAfterMs?: number;
  onRetry?: (retry: { retry: number; delayMs: number; error: LlmAttemptError }) => void;
}

export const RETRY_DEFAULTS = { baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 } as const;

/**
 * Runs `attempt` until it succeeds, a failure is not worth retrying, or `maxRetries` retries are
 * spent; then throws the last error as is. Only 429s, 5xx, timeouts and connection failures are
 * retried: a 400, 401, 403 or 404 will fail the same way again.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const maxRetryAfterMs = options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
      if (retry >= options.maxRetries || !isRetryable(error, maxRetryAfterMs) || options.signal?.aborted) throw error;
      const delayMs = retryDelayMs(error, retry, options);
      options.onRetry?.({ retry: retry + 1, delayMs, error });
      await sleepUnlessAborted(options.sleep, delayMs, options.signal);
    }
  }
}

export function isRetryable(error: unknown, maxRetryAfterMs: number = RETRY_DEFAULTS.maxRetryAfterMs): error is LlmAttemptError {
  if (!(error instanceof LlmAttemptError)) return false;
  if (error.failure !== 'http') return true;
  const status = error.status ?? 0;
  if (status === 429) {
    // OpenAI answers 429 for a spent account too; waiting will not refill it.
    if (error.code === 'insufficient_quota') return false;
    return error.retryAfterMs === null || error.retryAfterMs <= maxRetryAfterMs;
  }
  return status >= 500;
}

/**
 * A 429 waits what the server asked, plus jitter so that callers told the same time do not return
 * together. Everything else backs off exponentially with "equal jitter": half the step for sure,
 * the other half at random, so the wait grows but two clients rarely collide.
 */
export function retryDelayMs(error: LlmAttemptError, retry: number, options: Pick<RetryOptions, 'random' | 'baseDelayMs' | 'maxDelayMs'>): number {
  const step = Math.min(options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs, (options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs) * 2 ** retry);
  const jitter = Math.round((options.random() * step) / 2);
  if (error.status === 429 && error.retryAfterMs !== null) return Math.ceil(error.retryAfterMs) + jitter;
  return Math.round(step / 2) + jitter;
}

/**
 * `retry-after-ms` (OpenAI's, milliseconds) wins over `retry-after` (seconds, or an HTTP date).
 * Null when neither is present or readable.
 */
export function parseRetryAfterMs(headers: Pick<Headers, 'get'> | undefined, now: number = Date.now()): number | null {
  const milliseconds = headers?.get('retry-after-ms');
  if (milliseconds) {
    const value = Number.parseFloat(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  return parseRetryAfter(headers?.get('retry-after'), now);
}

async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  signal.throwIfAborted();
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

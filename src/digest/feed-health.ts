/** What is remembered about one feed between fetches. */
export interface FeedHealth {
  consecutiveFailures: number;
  /** ISO time of the first failure in the current run of failures; null while healthy. */
  failingSince: string | null;
  lastError: string | null;
  /** Whether the "this feed is failing" notice went out for the current run of failures. */
  noticeSent: boolean;
}

export type FetchOutcome =
  | { ok: true; at: Date; ttlMinutes?: number | null; retryAfterMs?: number | null }
  | { ok: false; at: Date; error: string; retryAfterMs?: number | null };

export interface FeedHealthOptions {
  /** `FEED_FAILURES_BEFORE_NOTICE`: failures in a row before one notice is posted. */
  failuresBeforeNotice: number;
  /** The normal interval between fetches, and the first backoff step. */
  baseIntervalMs: number;
  /** Cap on the backoff; 6 h when absent. */
  maxBackoffMs?: number;
}

export interface HealthStep {
  health: FeedHealth;
  /** True exactly once per run of failures: when it reaches `failuresBeforeNotice`. */
  noticeDue: boolean;
  /** True exactly once: on the first success after a notice went out. */
  recovered: boolean;
  nextFetchAt: Date;
}

export const HEALTHY: FeedHealth = { consecutiveFailures: 0, failingSince: null, lastError: null, noticeSent: false };
export const DEFAULT_MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/**
 * Folds one fetch outcome into a feed's health. Failures back off from `baseIntervalMs`,
 * doubling each time up to the cap, and never sooner than the server's Retry-After. A success
 * waits the longest of the base interval, the feed's `<ttl>` and Retry-After.
 */
export function nextHealth(health: FeedHealth, outcome: FetchOutcome, options: FeedHealthOptions): HealthStep {
  const retryAfterMs = Math.max(0, outcome.retryAfterMs ?? 0);
  if (outcome.ok) {
    const ttlMs = Math.max(0, outcome.ttlMinutes ?? 0) * 60_000;
    const waitMs = Math.max(options.baseIntervalMs, ttlMs, retryAfterMs);
    return { health: { ...HEALTHY }, noticeDue: false, recovered: health.noticeSent, nextFetchAt: new Date(outcome.at.getTime() + waitMs) };
  }

  const consecutiveFailures = health.consecutiveFailures + 1;
  const noticeDue = !health.noticeSent && consecutiveFailures >= Math.max(1, options.failuresBeforeNotice);
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  // 2 ** n overflows to Infinity long before it matters; Math.min keeps the cap either way.
  const backoffMs = Math.min(maxBackoffMs, options.baseIntervalMs * 2 ** (consecutiveFailures - 1));
  return {
    health: {
      consecutiveFailures,
      failingSince: health.failingSince ?? outcome.at.toISOString(),
      lastError: outcome.error,
      noticeSent: health.noticeSent || noticeDue,
    },
    noticeDue,
    recovered: false,
    nextFetchAt: new Date(outcome.at.getTime() + Math.max(backoffMs, retryAfterMs)),
  };
}

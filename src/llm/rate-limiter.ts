import Bottleneck from 'bottleneck';
import { LlmUnavailableError } from './errors.js';

export interface RateLimiterOptions {
  /** LLM_MAX_CONCURRENT: requests in flight at once. */
  maxConcurrent: number;
  /** LLM_RPM: requests per window. */
  rpm: number;
  /** LLM_TPM: prompt plus max_tokens per window. */
  tpm: number;
  /** The window both limits are counted over. One minute in production; shorter in tests. */
  windowMs?: number;
}

export interface LlmRateLimiter {
  /** Counts requests: concurrency, RPM reservoir, and the spacing that makes RPM hold in any sliding window. */
  readonly requests: Bottleneck;
  /** Counts tokens: a reservoir of `tpm` per window, each job weighing its tokens. */
  readonly tokens: Bottleneck;
  readonly minTimeMs: number;
  /** `shared` while the limits are counted in Redis across every process (REDIS_URL); `process` otherwise. */
  readonly scope: 'process' | 'shared';
  /** Runs `job` (one HTTP request) once both limits allow a request costing `tokens`. */
  schedule<T>(tokens: number, job: () => Promise<T>): Promise<T>;
  /** Rejects queued jobs and stops the refresh timers. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * How much of the window the spacing keeps spare, to absorb the jitter between a job's start and
 * its arrival at the server (timers firing late, a first request opening a connection).
 */
const SLIDING_WINDOW_MARGIN = 0.02;

export const DROPPED_ON_STOP = 'the request was dropped from the queue.';

/**
 * The gap between request starts. A server that counts a sliding window sees at most `rpm` requests
 * in any `windowMs` only if `rpm` gaps span MORE than the window: with gaps of exactly
 * windowMs/rpm, starts at 0, g, …, rpm·g = windowMs put rpm+1 requests in one closed window.
 * So the gap is floor(windowMs·(1+margin)/rpm)+1, strictly above windowMs/rpm with 2 % to spare.
 */
export function minTimeFor(rpm: number, windowMs: number): number {
  return Math.floor((windowMs * (1 + SLIDING_WINDOW_MARGIN)) / rpm) + 1;
}

/** The request limiter's settings: concurrency, the spacing, and a reservoir of `rpm` per window. */
export function requestLimits(options: RateLimiterOptions) {
  const windowMs = options.windowMs ?? 60_000;
  return {
    maxConcurrent: options.maxConcurrent,
    minTime: minTimeFor(options.rpm, windowMs),
    reservoir: options.rpm,
    reservoirRefreshAmount: options.rpm,
    reservoirRefreshInterval: windowMs,
  };
}

/** The token limiter's settings: a reservoir of `tpm` per window, each job weighing its tokens. */
export function tokenLimits(options: RateLimiterOptions) {
  const windowMs = options.windowMs ?? 60_000;
  return { reservoir: options.tpm, reservoirRefreshAmount: options.tpm, reservoirRefreshInterval: windowMs };
}

/**
 * Runs `job` through the token limiter, then the request limiter. A request heavier than the whole
 * TPM would wait for a reservoir that never grows that large; it goes alone on a full reservoir
 * instead, and the server decides.
 */
export function scheduleThrough<T>(
  limiters: { requests: Bottleneck; tokens: Bottleneck },
  tpm: number,
  tokenCount: number,
  job: () => Promise<T>,
  requestOptions: Bottleneck.JobOptions = {},
): Promise<T> {
  const weight = Math.max(1, Math.min(Math.ceil(tokenCount), tpm));
  return limiters.tokens.schedule({ weight }, () => limiters.requests.schedule(requestOptions, job));
}

/** A job bottleneck dropped (the client is closing) reads as the LLM being unavailable. */
export function closedError(error: unknown): unknown {
  if (error instanceof Bottleneck.BottleneckError) return new LlmUnavailableError(`The LLM client is closed: ${error.message}`, null, { cause: error });
  return error;
}

/**
 * Two bottlenecks in a row, counted in this process. The token limiter comes first and the request
 * limiter last, so the request limiter's spacing is what the server sees: had a job waited for
 * tokens after taking its request slot, several could be released at once and bunch up past the RPM.
 */
export function createRateLimiter(options: RateLimiterOptions): LlmRateLimiter {
  const requestSettings = requestLimits(options);
  const requests = new Bottleneck(requestSettings);
  const tokens = new Bottleneck(tokenLimits(options));
  let stopping: Promise<void> | null = null;

  return {
    requests,
    tokens,
    minTimeMs: requestSettings.minTime,
    scope: 'process',
    schedule(tokenCount, job) {
      return scheduleThrough({ requests, tokens }, options.tpm, tokenCount, job).catch((error: unknown) => {
        throw closedError(error);
      });
    },
    stop() {
      stopping ??= Promise.all([
        requests.stop({ dropWaitingJobs: true, dropErrorMessage: DROPPED_ON_STOP }),
        tokens.stop({ dropWaitingJobs: true, dropErrorMessage: DROPPED_ON_STOP }),
      ]).then(() => undefined);
      return stopping;
    },
  };
}

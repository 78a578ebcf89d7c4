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

const DROPPED_ON_STOP = 'the request was dropped from the queue.';

/**
 * The gap between request starts. A server that counts a sliding window sees at most `rpm` requests
 * in any `windowMs` only if `rpm` gaps span MORE than the window: with gaps of exactly
 * windowMs/rpm, starts at 0, g, …, rpm·g = windowMs put rpm+1 requests in one closed window.
 * So the gap is floor(windowMs·(1+margin)/rpm)+1, strictly above windowMs/rpm with 2 % to spare.
 */
export function minTimeFor(rpm: number, windowMs: number): number {
  return Math.floor((windowMs * (1 + SLIDING_WINDOW_MARGIN)) / rpm) + 1;
}

/**
 * Two bottlenecks in a row. The token limiter comes first and the request limiter last, so the
 * request limiter's spacing is what the server sees: had a job waited for tokens after taking its
 * request slot, several could be released at once and bunch up past the RPM.
 */
export function createRateLimiter(options: RateLimiterOptions): LlmRateLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const minTimeMs = minTimeFor(options.rpm, windowMs);
  const requests = new Bottleneck({
    maxConcurrent: options.maxConcurrent,
    minTime: minTimeMs,
    reservoir: options.rpm,
    reservoirRefreshAmount: options.rpm,
    reservoirRefreshInterval: windowMs,
  });
  const tokens = new Bottleneck({
    reservoir: options.tpm,
    reservoirRefreshAmount: options.tpm,
    reservoirRefreshInterval: windowMs,
  });
  let stopping: Promise<void> | null = null;

  return {
    requests,
    tokens,
    minTimeMs,
    schedule(tokenCount, job) {
      // A request heavier than the whole TPM would wait for a reservoir that never grows that
      // large; it goes alone on a full reservoir instead, and the server decides.
      const weight = Math.max(1, Math.min(Math.ceil(tokenCount), options.tpm));
      return tokens.schedule({ weight }, () => requests.schedule(job)).catch((error: unknown) => {
        if (error instanceof Bottleneck.BottleneckError) throw new LlmUnavailableError(`The LLM client is closed: ${error.message}`, null, { cause: error });
        throw error;
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

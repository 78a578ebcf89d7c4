import type { CacheRequestResult } from '../cache/count-requests.js';
import type { DigestRunOutcome, DigestTrigger } from '../digest/digest-service.js';
import type { LlmCallEvent, LlmErrorKind } from '../llm/call-event.js';
import type { QuoteVerificationStats } from '../verify/index.js';

/**
 * How an interaction ended, as the interaction boundary tells them apart: answered, refused with a
 * UserFacingError, failed unexpectedly, turned away by the per-user limit, or cut off by the work limit.
 */
export type CommandOutcome = 'ok' | 'refused' | 'error' | 'rate_limited' | 'timeout';

/** The two evictable caches behind `/summarize` and digests. */
export type CacheName = 'summary' | 'article';

/** What `/metrics` serves: a prom-client Registry is one. */
export interface MetricsExposition {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/**
 * What the services observe, one method per thing counted. Built once in buildServices and passed
 * to each service as narrow callbacks, so domain code never sees prom-client.
 */
export interface Metrics {
  /** A command, button or modal finished, by name (`summarize`, `component:more`, …). */
  commandAnswered(command: string, outcome: CommandOutcome): void;
  /** From the interaction's arrival to Discord accepting its defer or first reply. */
  interactionAcknowledged(seconds: number): void;
  llmCall(event: LlmCallEvent): void;
  llmRetry(kind: LlmErrorKind): void;
  cacheRequest(cache: CacheName, result: CacheRequestResult): void;
  quotesVerified(stats: QuoteVerificationStats): void;
  digestRun(trigger: DigestTrigger, outcome: DigestRunOutcome): void;
  feedFailure(): void;
  readonly exposition: MetricsExposition;
}

/** For processes that serve no `/metrics` (no HTTP_PORT, the CLI): records nothing, loads nothing. */
export function createNoMetrics(): Metrics {
  const ignore = () => undefined;
  return {
    commandAnswered: ignore,
    interactionAcknowledged: ignore,
    llmCall: ignore,
    llmRetry: ignore,
    cacheRequest: ignore,
    quotesVerified: ignore,
    digestRun: ignore,
    feedFailure: ignore,
    exposition: { contentType: 'text/plain; version=0.0.4; charset=utf-8', metrics: async () => '' },
  };
}

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';

/**
 * Seconds from an interaction's arrival to its acknowledgement. Discord drops an interaction not
 * acknowledged within 3 s, so the buckets are finest well below that and end just past it.
 */
export const ACK_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5];

export interface CreateMetricsOptions {
  /** Process metrics (CPU, memory, event loop lag, GC, handles) as `process_*` and `nodejs_*`. Default true. */
  processMetrics?: boolean;
}

/**
 * The bot's metrics in a registry of its own, never prom-client's global one: two bots in one
 * process (the tests) count apart, and nothing registers twice.
 */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics & { registry: Registry } {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const commands = new Counter({
    name: 'newsbrief_commands_total',
    help: 'Commands, buttons and modals handled, by name and outcome (ok, refused, error, rate_limited, timeout).',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const ack = new Histogram({
    name: 'newsbrief_interaction_ack_seconds',
    help: "Seconds from an interaction's arrival to Discord accepting its defer or first reply (Discord allows 3 s).",
    buckets: ACK_BUCKETS,
    registers,
  });
  const llmCalls = new Counter({
    name: 'newsbrief_llm_calls_total',
    help: 'LLM calls (retries included in one call), by outcome: ok or error.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const llmTokens = new Counter({
    name: 'newsbrief_llm_tokens_total',
    help: 'Tokens the LLM endpoint reported (or we counted) for answered calls, by kind: prompt or completion.',
    labelNames: ['kind'] as const,
    registers,
  });
  const llmErrors = new Counter({
    name: 'newsbrief_llm_errors_total',
    help: 'LLM calls that failed, by kind (budget, rate_limited, timeout, connection, server, auth, rejected, too_large, malformed, truncated, refused, aborted).',
    labelNames: ['kind'] as const,
    registers,
  });
  const llmRetries = new Counter({
    name: 'newsbrief_llm_retries_total',
    help: 'LLM attempts that failed and were retried, by kind (rate_limited, timeout, connection, server).',
    labelNames: ['kind'] as const,
    registers,
  });
  const cacheRequests = new Counter({
    name: 'newsbrief_cache_requests_total',
    help: 'Cache reads, by cache (summary, article) and result (hit, miss).',
    labelNames: ['cache', 'result'] as const,
    registers,
  });
  const quotes = new Counter({
    name: 'newsbrief_quotes_total',
    help: "The model's quotes as checked against the source: verbatim, repaired (to the span they nearly match) or dropped.",
    labelNames: ['outcome'] as const,
    registers,
  });
  const speakers = new Counter({
    name: 'newsbrief_quote_speakers_corrected_total',
    help: "Kept quotes whose model-given speaker the source did not support: replaced by the source's, or cleared.",
    labelNames: ['correction'] as const,
    registers,
  });
  const digestRuns = new Counter({
    name: 'newsbrief_digest_runs_total',
    help: 'Digest runs, by trigger (schedule, now) and outcome (posted, empty, already-posted, locked, failed, skipped).',
    labelNames: ['trigger', 'outcome'] as const,
    registers,
  });
  const feedFailures = new Counter({
    name: 'newsbrief_feed_failures_total',
    help: 'Feed fetches that failed.',
    registers,
  });

  // Series that exist from the start read 0 rather than missing, so rates and ratios work at once.
  for (const outcome of ['ok', 'error']) llmCalls.inc({ outcome }, 0);
  for (const kind of ['prompt', 'completion']) llmTokens.inc({ kind }, 0);
  for (const cache of ['summary', 'article']) for (const result of ['hit', 'miss']) cacheRequests.inc({ cache, result }, 0);
  for (const outcome of ['verbatim', 'repaired', 'dropped']) quotes.inc({ outcome }, 0);
  for (const correction of ['replaced', 'cleared']) speakers.inc({ correction }, 0);

  return {
    registry,
    exposition: registry,
    commandAnswered: (command, outcome) => commands.inc({ command, outcome }),
    interactionAcknowledged: (seconds) => ack.observe(seconds),
    llmCall(event) {
      llmCalls.inc({ outcome: event.outcome });
      if (event.outcome === 'error') llmErrors.inc({ kind: event.kind });
      if (event.usage) {
        llmTokens.inc({ kind: 'prompt' }, countable(event.usage.promptTokens));
        llmTokens.inc({ kind: 'completion' }, countable(event.usage.completionTokens));
      }
    },
    llmRetry: (kind) => llmRetries.inc({ kind }),
    cacheRequest: (cache, result) => cacheRequests.inc({ cache, result }),
    quotesVerified(stats) {
      quotes.inc({ outcome: 'verbatim' }, stats.verbatim);
      quotes.inc({ outcome: 'repaired' }, stats.repaired);
      quotes.inc({ outcome: 'dropped' }, stats.dropped);
      speakers.inc({ correction: 'replaced' }, stats.speakersReplaced);
      speakers.inc({ correction: 'cleared' }, stats.speakersCleared);
    },
    digestRun: (trigger, outcome) => digestRuns.inc({ trigger, outcome }),
    feedFailure: () => feedFailures.inc(),
  };
}

/** A counter throws on a negative or non-finite step; an endpoint's odd usage figures must not fail the call. */
function countable(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

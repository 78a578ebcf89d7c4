import { ResponseTooLargeError } from './bounded-body-fetch.js';
import { LlmAttemptError, LlmOutputError, LlmTruncatedError, LlmUnavailableError, TokenBudgetExhaustedError } from './errors.js';
import type { TokenUsage } from './types.js';

/**
 * Why an LLM call (or one attempt of it) failed, in a few stable words: metric label values, so
 * the set is closed and never carries a message or a status code an endpoint made up.
 */
export type LlmErrorKind =
  | 'budget'
  | 'rate_limited'
  | 'timeout'
  | 'connection'
  | 'server'
  | 'auth'
  | 'rejected'
  | 'too_large'
  | 'malformed'
  | 'truncated'
  | 'refused'
  | 'aborted'
  | 'other';

/**
 * One `complete()` call as a whole (its retries and format step-downs included). `usage` is what
 * the endpoint spent, present whenever it answered, even with something unusable.
 */
export type LlmCallEvent =
  | { outcome: 'ok'; usage: TokenUsage }
  | { outcome: 'error'; kind: LlmErrorKind; usage: TokenUsage | null };

/** The kind of one failed HTTP attempt, as the retry policy sees it. */
export function attemptFailureKind(error: LlmAttemptError): LlmErrorKind {
  if (error.failure === 'timeout') return 'timeout';
  if (error.failure === 'connection') return 'connection';
  const status = error.status;
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status !== null && status >= 500) return 'server';
  return 'rejected';
}

/** The kind of an error `complete()` threw (errors.ts, explain-failure.ts). */
export function llmFailureKind(error: unknown): LlmErrorKind {
  if (error instanceof TokenBudgetExhaustedError) return 'budget';
  if (error instanceof LlmTruncatedError) return 'truncated';
  if (error instanceof LlmOutputError) return 'malformed';
  if (error instanceof LlmUnavailableError) {
    const cause = error.cause;
    if (cause instanceof LlmAttemptError) return attemptFailureKind(cause);
    if (cause instanceof ResponseTooLargeError) return 'too_large';
    // explainFailure's "sent something that is not a chat completion".
    return 'malformed';
  }
  return 'other';
}

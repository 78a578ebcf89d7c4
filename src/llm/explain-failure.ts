import { ResponseTooLargeError } from './bounded-body-fetch.js';
import { LlmAttemptError, LlmUnavailableError } from './errors.js';
import { RETRY_DEFAULTS } from './retry.js';

export interface FailureContext {
  model: string;
  endpointHost: string;
  timeoutMs: number;
  /** HTTP requests made for this call, including the one that failed last. */
  attempts: number;
}

/** The error callers see when the endpoint gave no usable answer, worded for the person who reads the log. */
export function explainFailure(error: unknown, context: FailureContext): LlmUnavailableError {
  const at = `The LLM endpoint at ${context.endpointHost}`;
  const tries = context.attempts === 1 ? '1 attempt' : `${context.attempts} attempts`;
  if (error instanceof ResponseTooLargeError) return new LlmUnavailableError(`${at} sent too much: ${error.message}.`, null, { cause: error });
  if (!(error instanceof LlmAttemptError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new LlmUnavailableError(`${at} sent something that is not a chat completion: ${clip(detail)}`, null, { cause: error });
  }
  const said = error.message ? `: ${clip(error.message)}` : '.';
  const status = error.status;
  const message = (() => {
    if (error.failure === 'timeout') return `${at} did not answer within ${context.timeoutMs} ms (${tries}).`;
    if (error.failure === 'connection') return `Could not reach the LLM endpoint at ${context.endpointHost} (${tries})${said}`;
    switch (status) {
      // The server's words for a 401 may echo part of the key; they stay in `cause` only.
      case 401:
        return 'The LLM endpoint refused the API key (401).';
      case 403:
        return `${at} denied access (403)${said}`;
      case 404:
        return `${at} has no model "${context.model}", or no /chat/completions route (404)${said}`;
      case 400:
        return `${at} rejected the request (400)${said}`;
      case 429:
        if (error.code === 'insufficient_quota') return `The LLM account at ${context.endpointHost} has no quota left (429)${said}`;
        if (error.retryAfterMs !== null && error.retryAfterMs > RETRY_DEFAULTS.maxRetryAfterMs) {
          return `${at} is rate-limiting and asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s, longer than we wait (429).`;
        }
        return `${at} is still rate-limiting after ${tries} (429).`;
      default:
        return status !== null && status >= 500 ? `${at} kept failing (${status}) after ${tries}${said}` : `${at} answered ${status ?? 'an error'}${said}`;
    }
  })();
  return new LlmUnavailableError(message, status, { cause: error });
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

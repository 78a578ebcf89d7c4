import { UserFacingError } from '../errors.js';

/** The model answered, but not with what the schema asks. Carries the raw text for a repair call. */
export class LlmOutputError extends Error {
  override readonly name: string = 'LlmOutputError';
  /** The whole answer, for the repair call. Not enumerable, so a logged error does not carry megabytes of it. */
  declare readonly raw: string;
  constructor(
    message: string,
    raw: string,
    /** Why it failed, phrased so the model can fix it in a repair call. */
    readonly problem: string,
  ) {
    super(message);
    Object.defineProperty(this, 'raw', { value: raw, enumerable: false });
  }
}

/** The answer stopped at max_tokens (`finish_reason: length`): its JSON is cut off. */
export class LlmTruncatedError extends LlmOutputError {
  override readonly name = 'LlmTruncatedError';
}

/** The endpoint could not give an answer: retries spent, auth refused, model missing, timeout. */
export class LlmUnavailableError extends Error {
  override readonly name = 'LlmUnavailableError';
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** GUILD_DAILY_TOKENS is spent for today (UTC). */
export class TokenBudgetExhaustedError extends UserFacingError {
  constructor(readonly resetsAt: Date) {
    super(
      'token_budget_spent',
      `This server has used its LLM token budget for today. It resets at ${resetsAt.toISOString().slice(11, 16)} UTC; until then summaries are extractive.`,
      { badInput: false },
    );
  }
}

/** Why one HTTP attempt failed, sorted so the retry policy can decide without knowing the SDK. */
export type LlmAttemptFailure = 'http' | 'timeout' | 'connection';

/**
 * One attempt at the endpoint failed. Internal to the LLM layer: retry.ts decides on it, and
 * what escapes to callers is an LlmUnavailableError built from the last one.
 * The message is the server's own words (error message, param, code) for HTTP failures.
 */
export class LlmAttemptError extends Error {
  override readonly name = 'LlmAttemptError';
  readonly status: number | null;
  /** From `retry-after-ms` or `retry-after`, when the server sent one. */
  readonly retryAfterMs: number | null;
  /** The provider's error code, e.g. `insufficient_quota`. */
  readonly code: string | null;

  constructor(
    readonly failure: LlmAttemptFailure,
    message: string,
    details: { status?: number | null; retryAfterMs?: number | null; code?: string | null; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.code = details.code ?? null;
  }
}

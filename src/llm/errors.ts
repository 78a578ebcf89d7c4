import { UserFacingError } from '../errors.js';

/** The model answered, but not with what the schema asks. Carries the raw text for a repair call. */
export class LlmOutputError extends Error {
  override readonly name: string = 'LlmOutputError';
  constructor(
    message: string,
    readonly raw: string,
    /** Why it failed, phrased so the model can fix it in a repair call. */
    readonly problem: string,
  ) {
    super(message);
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

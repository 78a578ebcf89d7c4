import { TokenBudgetExhaustedError } from '../llm/errors.js';

/** The note a reader sees when the LLM could not give a valid answer and the extractive result stands in. */
export const LLM_FALLBACK_NOTE = 'LLM unavailable — extractive summary';

/** A spent budget says so and when it resets; every other failure reads the same to a reader. */
export function fallbackNote(error: unknown): string {
  return error instanceof TokenBudgetExhaustedError ? error.message : LLM_FALLBACK_NOTE;
}

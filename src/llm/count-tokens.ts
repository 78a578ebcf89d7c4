import { lazyModule } from '../lazy-module.js';
import type { ChatMessage } from './types.js';

/** Its tables are 56 MB of the process: loaded at the first count, so a bot with no LLM never holds them. */
const tokenizer = lazyModule<typeof import('gpt-tokenizer')>('gpt-tokenizer');

/**
 * Article text may contain strings such as `<|endoftext|>`; the tokenizer refuses them by
 * default. Counting them as plain text is what the API does with user content.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * The chat format wraps every message in a few tokens (start, role, separator, end) and primes
 * the reply with a few more. These are the figures OpenAI documents for its chat models; other
 * models' templates differ by a handful of tokens, which is noise next to an article.
 */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PRIMING_REPLY = 3;

/** Tokens in a piece of text, with o200k_base (GPT-4o's encoding; close enough for other models' budgets). */
export function countTextTokens(text: string): number {
  return tokenizer().countTokens(text, PLAIN_TEXT);
}

/** Tokens a list of chat messages costs as a prompt. Used for TPM weights, budgets and chunking. */
export function countPromptTokens(messages: readonly ChatMessage[]): number {
  let total = TOKENS_PRIMING_REPLY;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countTextTokens(message.role) + countTextTokens(message.content);
  }
  return total;
}

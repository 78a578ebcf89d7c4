import type { Article } from '../article/types.js';

export type SummaryLength = 'brief' | 'standard' | 'detailed';

export interface SummaryOptions {
  length: SummaryLength;
  /** BCP-47 output language; null means the article's own. */
  language: string | null;
  quotes: boolean;
}

export interface Quote {
  /** Verbatim from the source text, without the surrounding quotation marks. */
  text: string;
  /** The speaker's fullest name found in the source, or null when none is named. */
  speaker: string | null;
  /** The sentence(s) the quote sits in, so a reader can judge it. */
  context: string;
}

/** The summary fields of the CLI's `--json` (CONTRACTS §2), shared by every summariser. */
export interface SummaryResult {
  headline: string;
  bullets: string[];
  quotes: Quote[];
  language: string;
  provider: 'openai' | 'extractive';
  model: string | null;
  prompt: string | null;
  notes: string[];
  unsupportedClaims: string[];
}

export interface SummarizeInput {
  article: Article;
  options: SummaryOptions;
  /** Whose daily LLM token budget pays (GUILD_DAILY_TOKENS); absent for the CLI. */
  guildId?: string | null;
}

export interface Summarizer {
  summarize(input: SummarizeInput, signal?: AbortSignal): Promise<SummaryResult>;
}

import type { Article } from '../article/types.js';
import type { SummaryResult } from './summary-result.js';

export type SummaryLength = 'brief' | 'standard' | 'detailed';

export interface SummaryOptions {
  length: SummaryLength;
  /** BCP-47 output language; null means the article's own. */
  language: string | null;
  quotes: boolean;
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

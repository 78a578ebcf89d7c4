import type { Article } from '../article/types.js';
import { wordCount } from '../article/clean-paragraphs.js';
import type { Summarizer, SummaryOptions, SummaryResult } from './types.js';

export interface SummaryStats {
  wordsIn: number;
  wordsOut: number;
  /** How much shorter the summary is than the article, in whole percent. */
  reductionPct: number;
}

export interface ArticleSummary {
  article: Article;
  result: SummaryResult;
  stats: SummaryStats;
  cached: boolean;
}

export type Provider = 'openai' | 'extractive';

export interface SummaryServiceOptions {
  summarizers: Partial<Record<Provider, Summarizer>>;
  defaultProvider: Provider;
}

export interface SummaryService {
  summarize(article: Article, options: SummaryOptions & { provider?: Provider }, signal?: AbortSignal): Promise<ArticleSummary>;
}

/** Chooses the summariser and measures the result; the one path every front door goes through. */
export function createSummaryService(options: SummaryServiceOptions): SummaryService {
  return {
    async summarize(article, { provider = options.defaultProvider, ...summaryOptions }, signal) {
      const extractive = options.summarizers.extractive;
      const chosen = options.summarizers[provider] ?? extractive;
      if (!chosen) throw new Error('No summariser is configured.');
      const result = await chosen.summarize({ article, options: summaryOptions }, signal);
      if (chosen !== options.summarizers[provider]) {
        result.notes.unshift(`The ${provider} summariser is not available in this build, so this is an extractive summary.`);
      }
      return { article, result, stats: measure(article, result), cached: false };
    },
  };
}

export function measure(article: Article, result: SummaryResult): SummaryStats {
  const wordsIn = article.wordCount;
  const wordsOut = result.bullets.reduce((sum, bullet) => sum + wordCount(bullet), 0);
  const reductionPct = wordsIn === 0 ? 0 : Math.max(0, Math.round((1 - wordsOut / wordsIn) * 100));
  return { wordsIn, wordsOut, reductionPct };
}

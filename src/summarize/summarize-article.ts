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

/** The cache and in-flight de-duplication the service needs; src/cache provides them. */
export interface SummaryCache {
  get(key: string): Promise<SummaryResult | undefined>;
  set(key: string, value: SummaryResult): Promise<void>;
}
export interface InFlight<T> {
  run(key: string, work: () => Promise<T>): Promise<T>;
}

export interface SummaryServiceOptions {
  summarizers: Partial<Record<Provider, Summarizer>>;
  defaultProvider: Provider;
  /** CONTRACTS §5: everything but the text, per provider (endpoint host, model, prompt or algorithm version). */
  cacheKey: (article: Article, options: SummaryOptions, provider: Provider) => string;
  cache?: SummaryCache;
  inFlight?: InFlight<SummaryResult>;
}

export interface SummarizeRequest extends SummaryOptions {
  provider?: Provider;
  guildId?: string | null;
}

export interface SummaryService {
  summarize(article: Article, request: SummarizeRequest, signal?: AbortSignal): Promise<ArticleSummary>;
}

/**
 * The one path every front door takes: pick the summariser, answer from the cache when it can,
 * share one LLM call between concurrent identical requests, and measure the result.
 */
export function createSummaryService(options: SummaryServiceOptions): SummaryService {
  return {
    async summarize(article, { provider = options.defaultProvider, guildId = null, ...summaryOptions }, signal) {
      const summarizer = options.summarizers[provider];
      const chosen: Provider = summarizer ? provider : 'extractive';
      const key = options.cacheKey(article, summaryOptions, chosen);
      const hit = await options.cache?.get(key);
      let result: SummaryResult;
      if (hit) {
        result = hit;
      } else {
        const compute = () => summarizeAndStore(options, chosen, key, { article, options: summaryOptions, guildId }, signal);
        result = options.inFlight ? await options.inFlight.run(key, compute) : await compute();
      }
      if (!summarizer) {
        result = { ...result, notes: [`The ${provider} summariser is not configured (set OPENAI_API_KEY or OPENAI_BASE_URL), so this is an extractive summary.`, ...result.notes] };
      }
      return { article, result, stats: measure(article, result), cached: Boolean(hit) };
    },
  };
}

async function summarizeAndStore(
  options: SummaryServiceOptions,
  provider: Provider,
  key: string,
  input: Parameters<Summarizer['summarize']>[0],
  signal?: AbortSignal,
): Promise<SummaryResult> {
  const summarizer = options.summarizers[provider] ?? options.summarizers.extractive;
  if (!summarizer) throw new Error('No summariser is configured.');
  const result = await summarizer.summarize(input, signal);
  // A fallback (the LLM failed, the extractive summary stood in) is not what the key promises: never cache it.
  if (result.provider === provider) await options.cache?.set(key, result);
  return result;
}

export function measure(article: Article, result: SummaryResult): SummaryStats {
  const wordsIn = article.wordCount;
  const wordsOut = result.bullets.reduce((sum, bullet) => sum + wordCount(bullet), 0);
  const reductionPct = wordsIn === 0 ? 0 : Math.max(0, Math.round((1 - wordsOut / wordsIn) * 100));
  return { wordsIn, wordsOut, reductionPct };
}

import { truncationNote } from '../article/truncation-note.js';
import type { Article } from '../article/types.js';
import { cachedCall } from '../cache/cached.js';
import type { InFlight } from '../cache/in-flight.js';
import type { TypedCache } from '../cache/typed-cache.js';
import { countWords } from '../text/index.js';
import type { Provider, SummaryResult } from './summary-result.js';
import type { SummarizeInput, Summarizer, SummaryOptions } from './types.js';

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

export interface SummaryServiceOptions {
  summarizers: Partial<Record<Provider, Summarizer>>;
  defaultProvider: Provider;
  /** CONTRACTS §5: everything but the text, per provider (endpoint host, model, prompt or algorithm version). */
  cacheKey: (article: Article, options: SummaryOptions, provider: Provider) => string;
  cache: TypedCache<SummaryResult>;
  /** Shares one summariser call between concurrent identical requests. */
  inFlight: InFlight<SummaryResult>;
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
      const { value, cached } = await cachedCall({
        cache: options.cache,
        inFlight: options.inFlight,
        key: options.cacheKey(article, summaryOptions, chosen),
        compute: () => runSummarizer(options, chosen, { article, options: summaryOptions, guildId }, signal),
        // A fallback (the LLM failed, the extractive summary stood in) is not what the key promises: never cache it.
        storable: (result) => result.provider === chosen,
      });
      let result = value;
      if (!summarizer) {
        result = { ...result, notes: [`The ${provider} summariser is not configured (set OPENAI_API_KEY or OPENAI_BASE_URL), so this is an extractive summary.`, ...result.notes] };
      }
      // Said on every answer, cached or not: the cut belongs to this input, not to the summary.
      const cut = truncationNote(article);
      if (cut) result = { ...result, notes: [cut, ...result.notes] };
      return { article, result, stats: measure(article, result), cached };
    },
  };
}

async function runSummarizer(options: SummaryServiceOptions, provider: Provider, input: SummarizeInput, signal?: AbortSignal): Promise<SummaryResult> {
  const summarizer = options.summarizers[provider] ?? options.summarizers.extractive;
  if (!summarizer) throw new Error('No summariser is configured.');
  return summarizer.summarize(input, signal);
}

function measure(article: Article, result: SummaryResult): SummaryStats {
  const wordsIn = article.wordCount;
  const wordsOut = result.bullets.reduce((sum, bullet) => sum + countWords(bullet), 0);
  const reductionPct = wordsIn === 0 ? 0 : Math.max(0, Math.round((1 - wordsOut / wordsIn) * 100));
  return { wordsIn, wordsOut, reductionPct };
}

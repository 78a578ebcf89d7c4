import type { SummaryService } from '../../src/summarize/index.js';
import type { BenchArticle } from './bench-articles.js';
import { STANDARD_REQUEST } from './bench-services.js';
import type { TimedFakeLlm } from './timed-fake-llm.js';

export interface LatencySample {
  id: string;
  words: number;
  /** Wall time of a first summarize call, minus the fake's own time for its LLM calls. */
  overheadMs: number;
  /** Wall time of the same call repeated, answered from the cache. */
  cacheHitMs: number;
  /** The fake's index of the call's first request, to read its recorded body. */
  requestIndex: number;
}

export interface LatencyRun {
  samples: LatencySample[];
  errors: number;
  firstError: string | null;
  /** Calls that fell back to the extractive summary, or whose repeat was not a cache hit. */
  fallbacks: number;
  cacheMisses: number;
}

/**
 * Items 1 and 2: one article at a time, each summarised twice. The first call is a miss (every
 * article's text differs); its overhead is what the pipeline adds around the LLM. The second must hit.
 */
export async function measureLatency(summaries: SummaryService, llm: TimedFakeLlm, articles: readonly BenchArticle[]): Promise<LatencyRun> {
  const run: LatencyRun = { samples: [], errors: 0, firstError: null, fallbacks: 0, cacheMisses: 0 };
  for (const { id, article } of articles) {
    try {
      const requestIndex = llm.fake.requestCount;
      const started = performance.now();
      const first = await summaries.summarize(article, STANDARD_REQUEST);
      const wallMs = performance.now() - started;
      let llmMs = 0;
      for (let index = requestIndex; index < llm.fake.requestCount; index++) llmMs += llm.serverMs(index);
      if (first.result.provider !== 'openai') run.fallbacks++;

      const repeated = performance.now();
      const second = await summaries.summarize(article, STANDARD_REQUEST);
      const cacheHitMs = performance.now() - repeated;
      if (!second.cached) run.cacheMisses++;
      run.samples.push({ id, words: article.wordCount, overheadMs: wallMs - llmMs, cacheHitMs, requestIndex });
    } catch (error) {
      run.errors++;
      run.firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  return run;
}

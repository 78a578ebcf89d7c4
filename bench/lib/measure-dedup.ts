import type { Article } from '../../src/article/types.js';
import type { SummaryService } from '../../src/summarize/index.js';
import { STANDARD_REQUEST } from './bench-services.js';
import type { TimedFakeLlm } from './timed-fake-llm.js';

export interface DedupRun {
  requests: number;
  /** Chat completions the fake received for all of them together. */
  llmCalls: number;
  errors: number;
}

/** Item 3: many identical requests at once for an article not yet cached share one LLM call. */
export async function measureDedup(summaries: SummaryService, llm: TimedFakeLlm, article: Article, requests: number): Promise<DedupRun> {
  const before = llm.fake.requestCount;
  const settled = await Promise.allSettled(Array.from({ length: requests }, () => summaries.summarize(article, STANDARD_REQUEST)));
  const errors = settled.filter((outcome) => outcome.status === 'rejected').length;
  return { requests, llmCalls: llm.fake.requestCount - before, errors };
}

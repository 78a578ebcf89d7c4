import type { Article } from '../../src/article/types.js';
import { createBenchModel } from './bench-model.js';
import { buildBenchServices, STANDARD_REQUEST } from './bench-services.js';
import { startTimedFakeLlm } from './timed-fake-llm.js';

export interface RateLimitRun {
  requests: number;
  rpm: number;
  /** The sliding window the fake enforces `rpm` over, scaled down: rpm/60 requests a second. */
  fakeLimit: { limit: number; windowMs: number };
  /** The limiter's gap between request starts, from LLM_RPM over its 60 s window. */
  limiterMinTimeMs: number;
  rateLimited: number;
  /** Summaries carrying a note (the extractive fallback's), or not from the LLM. */
  fallbacks: number;
  errors: number;
  wallMs: number;
  /** requests × 60 000 / rpm: the least time a client honouring the RPM can take. */
  minimumMs: number;
}

/**
 * Item 4: every request at once through buildServices' client (LLM_RPM, its 60 s window; buildServices
 * has no seam for a shorter one) against a fake that refuses more than rpm/60 in any 1 s.
 */
export async function measureRateLimit(articles: readonly Article[], options: { rpm: number; latencyMs: number }): Promise<RateLimitRun> {
  const fakeLimit = { limit: Math.round(options.rpm / 60), windowMs: 1000 };
  const llm = await startTimedFakeLlm({ latencyMs: options.latencyMs, answer: createBenchModel().answer, rpmLimit: fakeLimit });
  const { services } = await buildBenchServices(llm.fake.baseUrl, {
    LLM_RPM: String(options.rpm),
    LLM_MAX_CONCURRENT: '32',
    LLM_TPM: '100000000',
  });
  try {
    const started = performance.now();
    const settled = await Promise.allSettled(articles.map((article) => services.summaries.summarize(article, STANDARD_REQUEST)));
    const wallMs = performance.now() - started;
    const done = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.result] : []));
    return {
      requests: articles.length,
      rpm: options.rpm,
      fakeLimit,
      limiterMinTimeMs: services.llm?.limiter.minTimeMs ?? Number.NaN,
      rateLimited: llm.fake.rateLimitedCount,
      fallbacks: done.filter((result) => result.provider !== 'openai' || result.notes.length > 0).length,
      errors: articles.length - done.length,
      wallMs,
      minimumMs: (articles.length * 60_000) / options.rpm,
    };
  } finally {
    await services.close();
    await llm.fake.close();
  }
}

import type { RecordedRequest } from '../../test-support/fake-openai.js';
import { buildArticles, distinctCopies, type BenchArticle } from './bench-articles.js';
import { createBenchModel } from './bench-model.js';
import { buildBenchServices, STANDARD_REQUEST } from './bench-services.js';
import type { SummaryPair } from './cnndm-pairs.js';
import { measureDedup, type DedupRun } from './measure-dedup.js';
import { measureLatency, type LatencyRun, type LatencySample } from './measure-latency.js';
import { promptTokensBeyondArticle, type PromptTokens } from './measure-prompt-tokens.js';
import { measureQuotes, type QuoteRun } from './measure-quotes.js';
import { measureRateLimit, type RateLimitRun } from './measure-rate-limit.js';
import { startTimedFakeLlm } from './timed-fake-llm.js';

export interface PipelineSettings {
  /** The fake model's fixed time per call. */
  latencyMs: number;
  /** Caps the sequential latency run (items 1, 2 and 5); null for every article. */
  limit: number | null;
  concurrentIdentical: number;
  rateRequests: number;
  rpm: number;
  mangleShare: number;
}

export interface PipelineFigures {
  articles: number;
  refused: number;
  firstRefusal: string | null;
  latency: LatencyRun;
  /** The article closest to 800 words among those timed. */
  nearest800: (LatencySample & { promptTokens: PromptTokens }) | null;
  promptTokensMax: number;
  dedup: DedupRun;
  rate: RateLimitRun;
  quotes: QuoteRun;
}

/** Runs the six scenarios, each on services built by buildServices against its own fake LLM. */
export async function runPipelineScenarios(pairs: readonly SummaryPair[], settings: PipelineSettings): Promise<PipelineFigures> {
  const built = buildArticles(pairs);
  const timed = built.articles.slice(0, settings.limit ?? undefined);

  // Items 1, 2, 3 and 5 share one set of services. LLM_RPM is raised so that the limiter's spacing
  // (1 s at the default 60) never holds back a sequential call: that is queueing, not overhead.
  const llm = await startTimedFakeLlm({ latencyMs: settings.latencyMs, answer: createBenchModel().answer });
  const { services } = await buildBenchServices(llm.fake.baseUrl, { LLM_RPM: '100000', LLM_TPM: '100000000' });
  let latency: LatencyRun;
  let dedup: DedupRun;
  let tokens: Array<{ sample: LatencySample; promptTokens: PromptTokens }>;
  try {
    // First-call costs (JIT, the tokenizer's tables, opening the connection) belong to no one summary.
    for (const warmUp of distinctCopies(pairs, 1, 'warm-up')) await services.summaries.summarize(warmUp, STANDARD_REQUEST);
    latency = await measureLatency(services.summaries, llm, timed);
    const [identical] = distinctCopies(pairs, 1, 'dedup');
    if (!identical) throw new Error('no article for the de-duplication run');
    dedup = await measureDedup(services.summaries, llm, identical, settings.concurrentIdentical);
    tokens = latency.samples.map((sample) => ({ sample, promptTokens: promptTokensOf(sample, timed, llm.fake.requests) }));
  } finally {
    await services.close();
    await llm.fake.close();
  }

  const nearest = tokens.reduce<(typeof tokens)[number] | null>(
    (best, entry) => (best === null || Math.abs(entry.sample.words - 800) < Math.abs(best.sample.words - 800) ? entry : best),
    null,
  );
  const rate = await measureRateLimit(distinctCopies(pairs, settings.rateRequests, 'rate'), { rpm: settings.rpm, latencyMs: settings.latencyMs });
  const allArticles = built.articles.map(({ article }) => article);
  const quotes = await measureQuotes(allArticles, { mangleShare: settings.mangleShare, latencyMs: settings.latencyMs });
  return {
    articles: built.articles.length,
    refused: built.refused,
    firstRefusal: built.firstError,
    latency,
    nearest800: nearest ? { ...nearest.sample, promptTokens: nearest.promptTokens } : null,
    promptTokensMax: Math.max(0, ...tokens.map((entry) => entry.promptTokens.total)),
    dedup,
    rate,
    quotes,
  };
}

function promptTokensOf(sample: LatencySample, articles: readonly BenchArticle[], requests: readonly RecordedRequest[]): PromptTokens {
  const body = requests[sample.requestIndex]?.body;
  const article = articles.find((entry) => entry.id === sample.id)?.article;
  if (!body || !article) throw new Error(`no recorded request for ${sample.id}`);
  return promptTokensBeyondArticle(body, article);
}

import type { Article } from '../../src/article/types.js';
import { createBenchModel } from './bench-model.js';
import { buildBenchServices, STANDARD_REQUEST, type LogRecord } from './bench-services.js';
import { startTimedFakeLlm } from './timed-fake-llm.js';

export interface QuoteRun {
  summaries: number;
  /** Quotes in the fake's answers, counted as it sent them, and how many of those it mangled. */
  sent: number;
  mangled: number;
  /** From the 'LLM summary verified' logs: per quote the model gave. */
  verbatim: number;
  repaired: number;
  dropped: number;
  speakersCleared: number;
  /** Quotes in the results (the model's verified ones merged with those found in the text). */
  printed: number;
  /** Printed quotes that are not a verbatim substring of the article's text. */
  unverifiedPrinted: number;
  unsupportedClaims: number;
  fallbacks: number;
  errors: number;
}

interface VerifiedLog {
  quotes: { verbatim: number; repaired: number; dropped: number; speakersCleared: number };
}

function isVerifiedLog(record: LogRecord): record is LogRecord & VerifiedLog {
  return record.msg === 'LLM summary verified' && typeof record['quotes'] === 'object' && record['quotes'] !== null;
}

/** Item 6: a model that mangles a share of its quotes; nothing it mangled may reach the reader. */
export async function measureQuotes(articles: readonly Article[], options: { mangleShare: number; latencyMs: number }): Promise<QuoteRun> {
  const model = createBenchModel({ mangleShare: options.mangleShare });
  const llm = await startTimedFakeLlm({ latencyMs: options.latencyMs, answer: (body) => model.answer(body) });
  // Timing is not measured here, so the calls run side by side.
  const { services, logs } = await buildBenchServices(llm.fake.baseUrl, { LLM_RPM: '100000', LLM_MAX_CONCURRENT: '16', LLM_TPM: '100000000' });
  try {
    const settled = await Promise.allSettled(articles.map((article) => services.summaries.summarize(article, STANDARD_REQUEST)));
    const run: QuoteRun = {
      summaries: articles.length, sent: model.sent, mangled: model.mangled, verbatim: 0, repaired: 0, dropped: 0, speakersCleared: 0,
      printed: 0, unverifiedPrinted: 0, unsupportedClaims: 0, fallbacks: 0, errors: 0,
    };
    for (const outcome of settled) {
      if (outcome.status === 'rejected') {
        run.errors++;
        continue;
      }
      const { article, result } = outcome.value;
      if (result.provider !== 'openai') run.fallbacks++;
      run.printed += result.quotes.length;
      run.unverifiedPrinted += result.quotes.filter((quote) => !article.text.includes(quote.text)).length;
      run.unsupportedClaims += result.unsupportedClaims.length;
    }
    for (const record of logs().filter(isVerifiedLog)) {
      run.verbatim += record.quotes.verbatim;
      run.repaired += record.quotes.repaired;
      run.dropped += record.quotes.dropped;
      run.speakersCleared += record.quotes.speakersCleared;
    }
    return run;
  } finally {
    await services.close();
    await llm.fake.close();
  }
}

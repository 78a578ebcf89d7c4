import { createArticleLoader, type ArticleLoader } from './article/load-article.js';
import { createPageFetcher } from './article/fetch-page.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { createExtractiveSummarizer } from './summarize/extractive.js';
import { createSummaryService, type SummaryService } from './summarize/summarize-article.js';

/** Everything a front door needs, built once here and passed in; nothing is imported as a singleton. */
export interface Services {
  config: Config;
  log: Logger;
  articles: ArticleLoader;
  summaries: SummaryService;
  close(): Promise<void>;
}

export function buildServices(config: Config, log: Logger): Services {
  const fetcher = createPageFetcher({
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    allowHosts: config.FETCH_ALLOW_HOSTS,
  });
  const articles = createArticleLoader({ fetchPage: fetcher.fetchPage, maxBytes: config.FETCH_MAX_BYTES });
  const summaries = createSummaryService({
    summarizers: { extractive: createExtractiveSummarizer() },
    defaultProvider: config.resolvedProvider,
    cacheKey: () => '',
  });
  return {
    config,
    log,
    articles,
    summaries,
    async close() {
      await fetcher.close();
    },
  };
}

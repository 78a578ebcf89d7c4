/**
 * The composition root: every service is built here, from one validated config, and passed in
 * explicitly to the front doors (the bot, the CLI, the benches and the tests). Nothing else builds services.
 */
import { articleSchema } from './article/article-schema.js';
import { createArticleLoader, type ArticleLoader, type FetchPage } from './article/load-article.js';
import { createPageFetcher } from './article/fetch-page.js';
import type { Article } from './article/types.js';
import { summaryCacheKey } from './cache/cache-key.js';
import { countRequests } from './cache/count-requests.js';
import { createInFlight } from './cache/in-flight.js';
import { openStores, type Stores } from './cache/open-stores.js';
import { createStoresCheck } from './cache/probe-stores.js';
import { createTypedCache } from './cache/typed-cache.js';
import type { Config } from './config.js';
import { createDigestService } from './digest/digest-service.js';
import type { StepHook } from './digest/post-run.js';
import type { HealthCheck } from './http/health-check.js';
import { createMemoryRunLock, createRedisRunLock } from './digest/run-lock.js';
import { createButtonStates, type ButtonStates } from './discord/button-state.js';
import { createChannelDefaults, type ChannelDefaultsStore } from './discord/channel-defaults.js';
import { createChannelSettings, type ChannelSettings } from './discord/channel-settings.js';
import type { DiscordDigestService } from './discord/digest-channel.js';
import { discordDigestRenderer } from './discord/render/digest-renderer.js';
import { countTextTokens } from './llm/count-tokens.js';
import { createLlmClient, type OpenAiCompatibleClient } from './llm/create-llm-client.js';
import { createEndpointCheck } from './llm/probe-endpoint.js';
import { loadPromptRegistry, type PromptRegistry } from './llm/prompt-registry.js';
import { createTokenBudget } from './llm/token-budget.js';
import { connectSharedRedis, type SharedRedis } from './redis/connect-shared-redis.js';
import type { Logger } from './log.js';
import { createNoMetrics, type Metrics } from './metrics/metrics.js';
import { PROMPTS_DIR } from './project-paths.js';
import { createSecretScrubber, type SecretScrubber } from './secrets/index.js';
import {
  answerResultSchema,
  createAnswerService,
  createExtractiveSummarizer,
  createKeyQuotesService,
  createLlmSummarizer,
  createSummaryService,
  EXTRACTIVE_ALGORITHM,
  OUTPUT_SCHEMAS,
  summaryResultSchema,
  type AnswerResult,
  type AnswerService,
  type KeyQuotesService,
  type Provider,
  type SummaryOptions,
  type SummaryResult,
  type SummaryService,
} from './summarize/index.js';

export { PROMPTS_DIR };

/** Fetched articles are kept this long: news pages change, but not within minutes. */
const ARTICLE_TTL_MS = 6 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Everything a front door needs, built once here and passed in; nothing is imported as a singleton. */
export interface Services {
  config: Config;
  log: Logger;
  /** Removes the configured secrets from text a person will see (the logger has its own, from the same config). */
  secrets: SecretScrubber;
  stores: Stores;
  prompts: PromptRegistry;
  /** Present when an OpenAI-compatible endpoint is configured (OPENAI_API_KEY or OPENAI_BASE_URL). */
  llm: OpenAiCompatibleClient | null;
  articles: ArticleLoader;
  summaries: SummaryService;
  /** `/quotes`: key quotes only, verified against the source. */
  quotes: KeyQuotesService;
  /** `/ask` and the Ask button: questions answered from the article, with passages quoted from it. */
  answers: AnswerService;
  /** State behind the buttons under a summary, durable so they survive restarts. */
  buttons: ButtonStates;
  /** Channels that reply to pasted links (/autosummary). */
  channels: ChannelSettings;
  /** Each channel's summary defaults (/settings): language, length, quotes. */
  channelDefaults: ChannelDefaultsStore;
  /** Feeds, schedules and runs of daily digests (/digest and the scheduler), rendered as Discord messages. */
  digests: DiscordDigestService;
  /** What `/metrics` serves; records nothing without HTTP_PORT, where nothing could read it. */
  metrics: Metrics;
  /** The parts of `/healthz` the services own; the bot adds the gateway's. `llm` is null without an endpoint. */
  health: { stores: HealthCheck; llm: HealthCheck | null };
  /** REDIS_URL: the one connection through which the LLM limits, user limits and token budgets are shared by every process. */
  redis: SharedRedis | null;
  close(): Promise<void>;
}

/** What tests and benchmarks change about the services; production leaves all of it out. */
export interface ServiceOverrides {
  /** The clock the digest scheduler reads. */
  now?: () => Date;
  /** Spacing between requests to one host for feeds and digest pages. */
  hostSpacingMs?: number;
  /** Called at each step of a digest run (tests kill the process there). */
  onDigestStep?: StepHook;
  /** How long `/healthz` reuses the LLM endpoint's answer (30 s); 0 asks every time. */
  healthCacheMs?: number;
}

export async function buildServices(config: Config, log: Logger, overrides: ServiceOverrides = {}): Promise<Services> {
  const prompts = await loadPromptRegistry({ dir: PROMPTS_DIR, schemas: OUTPUT_SCHEMAS, pinned: config.PROMPT_VERSIONS });
  const stores = await openStores(config, log);
  // prom-client and its process metrics load only when something can read them.
  const metrics = config.HTTP_PORT === undefined ? createNoMetrics() : (await import('./metrics/create-metrics.js')).createMetrics();
  const fetcher = createPageFetcher({ timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.FETCH_MAX_BYTES, allowHosts: config.FETCH_ALLOW_HOSTS });
  const articleUrlCache = {
    cache: countRequests(createTypedCache<Article>(stores.cache, articleSchema, { ttlMs: ARTICLE_TTL_MS, log }), (result) => metrics.cacheRequest('article', result)),
    inFlight: createInFlight<Article>(),
  };
  // One article cache, whichever fetcher fills it: digests pass one that waits for the per-host limiter.
  const articlesVia = (fetchPage: FetchPage) =>
    createArticleLoader({ fetchPage, checkUrl: fetcher.checkUrl, maxBytes: config.FETCH_MAX_BYTES, urlCache: articleUrlCache });
  const articles = articlesVia(fetcher.fetchPage);

  const extractive = createExtractiveSummarizer();
  // ioredis is loaded only with REDIS_URL; without it, limits are per process and budgets live in the state store.
  const redis = config.REDIS_URL ? await connectSharedRedis(config.REDIS_URL, log) : null;
  const llm = hasEndpoint(config) ? buildLlmClient(config, log, stores, metrics, redis) : null;
  const onQuotesVerified = metrics.quotesVerified;
  const summarizers: Partial<Record<Provider, typeof extractive>> = { extractive };
  if (llm) {
    summarizers.openai = createLlmSummarizer({
      llm, prompts, fallback: extractive, log, contextTokens: config.LLM_CONTEXT_TOKENS, countTokens: countTextTokens, onQuotesVerified,
    });
  }
  // Every prompt a summary may use is in its key, so editing any of them (as a new version) misses the cache.
  const llmPrompts = ['summarize', 'summarize-chunk', 'summarize-reduce'].map((id) => prompts.get(id).label).join('+');
  const summaries = createSummaryService({
    summarizers,
    defaultProvider: config.resolvedProvider,
    cacheKey: (article: Article, options: SummaryOptions, provider: Provider) =>
      summaryCacheKey({
        text: article.text,
        provider,
        endpointHost: provider === 'openai' ? (llm?.endpointHost ?? null) : null,
        model: provider === 'openai' ? (llm?.model ?? null) : null,
        prompt: provider === 'openai' ? llmPrompts : EXTRACTIVE_ALGORITHM,
        length: options.length,
        language: options.language,
        quotes: options.quotes,
      }),
    cache: countRequests(
      createTypedCache<SummaryResult>(stores.cache, summaryResultSchema, { ttlMs: config.CACHE_TTL_HOURS * HOUR_MS, log }),
      (result) => metrics.cacheRequest('summary', result),
    ),
    inFlight: createInFlight<SummaryResult>(),
  });

  const channelDefaults = createChannelDefaults(stores.state);
  const digests = createDigestService({
    state: stores.state,
    fetchPage: fetcher.fetchPage,
    articlesVia, summaries, llm, prompts, log,
    summaryDefaults: (guildId, channelId) => channelDefaults.get(guildId, channelId),
    renderer: discordDigestRenderer,
    // A start-up that fails here must not leave the shared Redis client reconnecting, holding the process open.
    lock: config.REDIS_URL ? await createRedisRunLock(config.REDIS_URL).catch(async (error: unknown) => {
      await redis?.close();
      throw error;
    }) : createMemoryRunLock(),
    now: overrides.now ?? (() => new Date()),
    maxStories: config.DIGEST_MAX_STORIES,
    maxFeedsPerGuild: config.DIGEST_MAX_FEEDS_PER_GUILD,
    failuresBeforeNotice: config.FEED_FAILURES_BEFORE_NOTICE,
    ...(overrides.hostSpacingMs === undefined ? {} : { hostSpacingMs: overrides.hostSpacingMs }),
    ...(overrides.onDigestStep ? { onStep: overrides.onDigestStep } : {}),
    onRun: metrics.digestRun,
    onFeedFailure: metrics.feedFailure,
  });

  return {
    config, log, stores, prompts, llm, articles, summaries, digests,
    secrets: createSecretScrubber(config),
    quotes: createKeyQuotesService({ llm, prompts, log, onQuotesVerified }),
    answers: createAnswerService({
      llm, prompts, log, contextTokens: config.LLM_CONTEXT_TOKENS, countTokens: countTextTokens,
      cache: createTypedCache<AnswerResult>(stores.cache, answerResultSchema, { ttlMs: config.CACHE_TTL_HOURS * HOUR_MS, log }),
      inFlight: createInFlight<AnswerResult>(),
    }),
    metrics,
    health: {
      stores: createStoresCheck(stores),
      llm: llm ? createEndpointCheck({ baseUrl: llm.baseUrl, apiKey: config.OPENAI_API_KEY, ...(overrides.healthCacheMs === undefined ? {} : { cacheMs: overrides.healthCacheMs }) }) : null,
    },
    buttons: createButtonStates(stores.state, log),
    channels: createChannelSettings(stores.state),
    channelDefaults,
    redis,
    async close() {
      await Promise.allSettled([digests.close(), fetcher.close(), llm?.close(), stores.close()]);
      // After the LLM client, whose Redis limiters use it.
      await redis?.close();
    },
  };
}

function hasEndpoint(config: Config): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

function buildLlmClient(config: Config, log: Logger, stores: Stores, metrics: Metrics, redis: SharedRedis | null): OpenAiCompatibleClient {
  return createLlmClient({
    apiKey: config.OPENAI_API_KEY,
    baseUrl: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    responseFormat: config.LLM_RESPONSE_FORMAT,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxConcurrent: config.LLM_MAX_CONCURRENT,
    rpm: config.LLM_RPM,
    tpm: config.LLM_TPM,
    maxRetries: config.LLM_MAX_RETRIES,
    log,
    budget: createTokenBudget({ store: stores.state, dailyTokens: config.GUILD_DAILY_TOKENS, redis }),
    redis,
    onCall: metrics.llmCall,
    onRetry: metrics.llmRetry,
  });
}

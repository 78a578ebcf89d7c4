import type Keyv from 'keyv';
import type { ArticleLoader, FetchPage } from '../article/load-article.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PromptRegistry } from '../llm/prompt-registry.js';
import type { LlmClient } from '../llm/types.js';
import type { SummaryService } from '../summarize/index.js';
import { announceHealth } from './announce-health.js';
import { collectCandidates } from './collect-candidates.js';
import { composeStories, type ComposeDeps } from './compose-digest.js';
import type { DigestRenderer } from './digest.js';
import { digestTitle } from './digest-title.js';
import { createDigestScheduler, type DigestScheduler, type SchedulerScope } from './digest-scheduler.js';
import { createFeedStates, NEW_FEED_STATE, type FeedState } from './feed-state.js';
import type { FeedPageFetcher } from './fetch-feed.js';
import { findFeed, type FoundFeed } from './find-feed.js';
import { createHostLimiter, DEFAULT_HOST_SPACING_MS } from './host-limiter.js';
import type { ItemFilter } from './item-filter.js';
import { nextRunAfter } from './next-run.js';
import { parseFilterRule } from './parse-item-filter.js';
import { describeFeedError, pollFeed } from './poll-feed.js';
import type { DigestChannel, StepHook } from './post-run.js';
import { runDigest, summarizeDigest, type DigestRunDeps, type RunOutcome } from './run-digest.js';
import type { RunLock } from './run-lock.js';
import { createRunRecords } from './run-records.js';
import type { ScheduleSlot } from './schedule-slot.js';
import { createSeenStories } from './seen-stories.js';
import { createSubscriptions, type FeedSubscription, type LastRun, type SlotEntry } from './subscriptions.js';

/** A healthy feed is fetched this often (or less, when its ttl asks); failures back off from here. */
export const FEED_POLL_INTERVAL_MS = 30 * 60 * 1000;
/**
 * `/digest now` and `/digest preview` read again the feeds last read more than this before: up to
 * the minute, and a preview followed by `/digest now` does not read every feed twice.
 */
export const ON_DEMAND_FRESH_MS = 60 * 1000;

export interface DigestServiceOptions<Part> {
  /** Durable state (STORE_URL): subscriptions, feed states, seen stories, run records. */
  state: Keyv;
  fetchPage: FeedPageFetcher;
  /**
   * The article loader `/summarize` uses (same cache) over another page fetcher: the digest gives
   * it one that waits for the per-host limiter, so only real fetches are spaced and a cached page
   * is read at once.
   */
  articlesVia: (fetchPage: FetchPage) => ArticleLoader;
  summaries: SummaryService;
  /** Each channel's summary defaults (/settings): the digests posted there summarise with them. */
  summaryDefaults?: ComposeDeps['summaryDefaults'];
  llm: LlmClient | null;
  prompts: PromptRegistry;
  lock: RunLock;
  /** How the digest looks where it is posted (Discord's messages in the bot); `Part` is one message. */
  renderer: DigestRenderer<Part>;
  log: Logger;
  now: () => Date;
  maxStories: number;
  maxFeedsPerGuild: number;
  failuresBeforeNotice: number;
  hostSpacingMs?: number;
  pollIntervalMs?: number;
  /** Tests stop the process at a step of a run here. */
  onStep?: StepHook;
  /** Told how each digest run ended, a scheduled slot's or `/digest now`'s (metrics). */
  onRun?: (trigger: DigestTrigger, outcome: DigestRunOutcome) => void;
  /** Told of each failed fetch of a feed (metrics). */
  onFeedFailure?: () => void;
}

export type DigestTrigger = 'schedule' | 'now';
/** A run's outcome, or `failed` when it threw, or `skipped` for a slot missed by more than 6 h. */
export type DigestRunOutcome = RunOutcome<unknown>['outcome'] | 'failed' | 'skipped';

export interface FeedOverview {
  feed: FeedSubscription;
  state: FeedState;
}

export interface DigestOverview {
  feeds: FeedOverview[];
  slots: Array<SlotEntry & { next: Date }>;
  lastRun: LastRun | null;
  /** The role the header mentions (`/digest ping`), or null. */
  pingRoleId: string | null;
}

/** `/digest filter`'s options as typed: each given rule replaces that one; `clear` removes both. */
export interface FilterChange {
  include?: string | null;
  exclude?: string | null;
  clear?: boolean;
}

export interface DigestService<Part> {
  addFeed(guildId: string, channelId: string, url: string, signal?: AbortSignal): Promise<FoundFeed>;
  removeFeed(channelId: string, url: string): Promise<FeedSubscription>;
  /**
   * Sets, replaces or clears a feed's filter (see FilterChange); with nothing to change, shows it.
   * Throws UserFacingError for an unknown feed and for a rule that cannot be used (parseFilterRule).
   */
  setFilter(channelId: string, url: string, change: FilterChange): Promise<{ feed: FeedSubscription; changed: boolean }>;
  /** Sets (or with null clears) the one role the digest's header mentions. The caller checks the role may be mentioned. */
  setPing(channelId: string, roleId: string | null): Promise<void>;
  feeds(channelId: string): Promise<FeedSubscription[]>;
  schedule(guildId: string, channelId: string, slot: ScheduleSlot): Promise<{ added: boolean; next: Date }>;
  unschedule(channelId: string, time: string): Promise<SlotEntry[]>;
  overview(channelId: string): Promise<DigestOverview>;
  /** What would be posted now, marking nothing seen and writing nothing. */
  preview(guildId: string, channelId: string): Promise<Part[]>;
  /** `/digest now`: posts at once under `key` and marks the posted stories seen. */
  postNow(guildId: string, channelId: string, key: string, channel: DigestChannel<Part>): Promise<RunOutcome<Part>>;
  /** `scope`: the guilds this process serves (its shards'); all of them when left out. */
  createScheduler(channel: DigestChannel<Part>, scope?: SchedulerScope): DigestScheduler;
  forgetChannel(channelId: string): Promise<void>;
  forgetGuild(guildId: string): Promise<void>;
  close(): Promise<void>;
}

/** The digest front door for the /digest command and the scheduler; every part is built here from explicit dependencies. */
export function createDigestService<Part>(options: DigestServiceOptions<Part>): DigestService<Part> {
  const { state, log, now, renderer } = options;
  const subscriptions = createSubscriptions(state);
  const feedStates = createFeedStates(state);
  const records = createRunRecords(state, renderer.partSchema);
  const hosts = createHostLimiter(options.hostSpacingMs ?? DEFAULT_HOST_SPACING_MS);
  // Every request to a site, feed or page, waits for its host's turn; nothing else does.
  const fetchPage: FeedPageFetcher = (url, signal, fetchOptions) => hosts.schedule(url, () => options.fetchPage(url, signal, fetchOptions));
  const articles = options.articlesVia((url, signal) => fetchPage(url, signal));
  const pollIntervalMs = options.pollIntervalMs ?? FEED_POLL_INTERVAL_MS;
  const seenFor = (channelId: string) => createSeenStories(state, { scope: channelId, now: () => now().getTime(), log });
  const runDeps: DigestRunDeps<Part> = {
    ...options, fetchPage, articles, subscriptions, feedStates, records, seenFor, pollIntervalMs, onStep: options.onStep,
  };
  const onDemandFreshness = (at: Date) => new Date(at.getTime() - ON_DEMAND_FRESH_MS);

  async function requireDigest(channelId: string) {
    const digest = await subscriptions.get(channelId);
    if (!digest || digest.feeds.length === 0) {
      throw new UserFacingError('no_feeds', 'This channel has no feeds yet. Add one with `/digest add feed:<url>`.');
    }
    return digest;
  }

  return {
    async addFeed(guildId, channelId, url, signal) {
      if ((await subscriptions.feedCount(guildId)) >= options.maxFeedsPerGuild) {
        throw new UserFacingError('too_many_feeds', `This server already has ${options.maxFeedsPerGuild} feeds, its limit. Remove one with \`/digest remove\` first.`);
      }
      const found = await findFeed(fetchPage, url, signal);
      const at = now().getTime();
      const added = await subscriptions.addFeed(guildId, channelId, { url: found.url, title: found.feed.title, addedAt: at });
      if (!added) throw new UserFacingError('duplicate_feed', `This channel already has ${found.feed.title} (${found.url}).`);
      await feedStates.set(channelId, found.url, {
        ...NEW_FEED_STATE,
        etag: found.etag,
        lastModified: found.lastModified,
        ttlMinutes: found.feed.ttlMinutes,
        lastFetchAt: at,
        nextFetchAt: at + Math.max(pollIntervalMs, (found.feed.ttlMinutes ?? 0) * 60_000),
        items: found.feed.items.map((item) => ({ ...item, feedUrl: found.url })),
      });
      return found;
    },

    async removeFeed(channelId, url) {
      const removed = await subscriptions.removeFeed(channelId, url);
      if (!removed) throw new UserFacingError('unknown_feed', `This channel has no feed ${url}. \`/digest list\` shows its feeds.`);
      await feedStates.delete(channelId, removed.url);
      return removed;
    },

    async feeds(channelId) {
      return (await subscriptions.get(channelId))?.feeds ?? [];
    },

    async setFilter(channelId, url, change) {
      const feed = (await requireDigest(channelId)).feeds.find((candidate) => candidate.url === url);
      if (!feed) throw new UserFacingError('unknown_feed', `This channel has no feed ${url}. \`/digest list\` shows its feeds.`);
      const include = change.include ?? null;
      const exclude = change.exclude ?? null;
      if (change.clear && (include !== null || exclude !== null)) {
        throw new UserFacingError('bad_filter', '`clear` removes both `include` and `exclude`; give it alone, then set the new filter.');
      }
      if (!change.clear && include === null && exclude === null) return { feed, changed: false };
      // Parsed before anything is written: a refused rule leaves the filter as it was.
      const filter: ItemFilter = {
        include: include === null ? (feed.filter?.include ?? null) : parseFilterRule(include, 'include'),
        exclude: exclude === null ? (feed.filter?.exclude ?? null) : parseFilterRule(exclude, 'exclude'),
      };
      const updated = await subscriptions.setFilter(channelId, feed.url, change.clear ? null : filter);
      if (!updated) throw new UserFacingError('unknown_feed', `This channel has no feed ${url}. \`/digest list\` shows its feeds.`);
      log.info({ channelId, feedUrl: feed.url, filter: updated.filter ?? null }, 'digest feed filter set');
      return { feed: updated, changed: true };
    },

    async setPing(channelId, roleId) {
      await requireDigest(channelId);
      await subscriptions.setPing(channelId, roleId);
      log.info({ channelId, roleId }, 'digest ping set');
    },

    async schedule(guildId, channelId, slot) {
      const at = now();
      const added = await subscriptions.addSlot(guildId, channelId, slot, at.getTime());
      return { added, next: nextRunAfter(slot, at) };
    },

    unschedule: (channelId, time) => subscriptions.removeSlots(channelId, time),

    async overview(channelId) {
      const digest = await subscriptions.get(channelId);
      const at = now();
      const feeds = await Promise.all((digest?.feeds ?? []).map(async (feed) => ({ feed, state: await feedStates.get(channelId, feed.url) })));
      const slots = (digest?.slots ?? []).map((slot) => ({ ...slot, next: nextRunAfter(slot, at) }));
      return { feeds, slots, lastRun: digest?.lastRun ?? null, pingRoleId: digest?.pingRoleId ?? null };
    },

    async preview(guildId, channelId) {
      const digest = await requireDigest(channelId);
      const seen = seenFor(channelId);
      const at = now();
      const candidates = await collectCandidates({ ...runDeps, seen }, digest, at, { save: false, freshAsOf: onDemandFreshness(at) });
      const { entries } = await composeStories({ ...runDeps, seen }, candidates.items, { guildId, channelId });
      const previewed = await summarizeDigest(runDeps, entries, guildId, { key: `preview:${channelId}`, title: `Preview: ${digestTitle(at, zoneOf(digest.slots))}` });
      return previewed ? renderer.parts(previewed) : [];
    },

    async postNow(_guildId, channelId, key, channel) {
      const digest = await requireDigest(channelId);
      const at = now();
      try {
        const outcome = await runDigest(runDeps, { digest, key, title: digestTitle(at, zoneOf(digest.slots)), now: at, freshAsOf: onDemandFreshness(at) }, channel);
        options.onRun?.('now', outcome.outcome);
        return outcome;
      } catch (error) {
        options.onRun?.('now', 'failed');
        throw error;
      }
    },

    createScheduler(channel, scope) {
      return createDigestScheduler({
        subscriptions, records, state, now, log,
        ...(scope ? { scope } : {}),
        async runSlot(digest, slot, key, due) {
          try {
            // The slot shows what its feeds published up to its own minute: feeds read before it are read again.
            const outcome = await runDigest(runDeps, { digest, key, title: digestTitle(due, slot.timezone), now: now(), freshAsOf: due }, channel);
            log.info({ channelId: digest.channelId, key, outcome: outcome.outcome, stories: outcome.stories }, 'digest slot run');
            options.onRun?.('schedule', outcome.outcome);
            return outcome.outcome !== 'locked';
          } catch (error) {
            // A composed run is retried on the next tick from its record; the list shows why it has not posted yet.
            log.error({ err: error, channelId: digest.channelId, key }, 'digest slot run failed');
            options.onRun?.('schedule', 'failed');
            await subscriptions.recordRun(digest.channelId, { key, at: now().getTime(), outcome: 'failed', stories: 0, detail: describeFeedError(error) });
            return true;
          }
        },
        async pollFeeds(digest) {
          const at = now();
          const polls = await Promise.all(digest.feeds.map(async (feed) => ({ feed, poll: await pollFeed(runDeps, digest.channelId, feed.url, at, { save: true }) })));
          await announceHealth(channel, renderer, digest.channelId, polls, log);
        },
        async skipSlot(digest, key, lateMs) {
          log.warn({ channelId: digest.channelId, key, lateMinutes: Math.round(lateMs / 60_000) }, 'digest slot missed by more than 6 h; skipped');
          options.onRun?.('schedule', 'skipped');
          await subscriptions.recordRun(digest.channelId, { key, at: now().getTime(), outcome: 'skipped', stories: 0, detail: `missed by ${Math.round(lateMs / 60_000)} min while the bot was down` });
        },
      });
    },

    async forgetChannel(channelId) {
      const digest = await subscriptions.get(channelId);
      for (const feed of digest?.feeds ?? []) await feedStates.delete(channelId, feed.url);
      await subscriptions.forgetChannel(channelId);
    },

    async forgetGuild(guildId) {
      for (const digest of await subscriptions.all()) {
        if (digest.guildId === guildId) await this.forgetChannel(digest.channelId);
      }
    },

    async close() {
      await Promise.allSettled([hosts.stop(), options.lock.close()]);
    },
  };
}

/** A digest's dates read in its first slot's zone; UTC before it has one. */
function zoneOf(slots: readonly SlotEntry[]): string {
  return slots[0]?.timezone ?? 'UTC';
}

import type { FeedItem } from './feed-item.js';
import type { FeedState } from './feed-state.js';
import { compileItemFilter } from './match-item-filter.js';
import { pollFeed, type FeedPoll, type FeedPollDeps, type PollOptions } from './poll-feed.js';
import type { SeenStories } from './seen-stories.js';
import type { ChannelDigest, FeedSubscription } from './subscriptions.js';

/** A new feed's first digest takes this much of its history; older items are marked seen. */
export const FIRST_RUN_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface Candidates {
  /** Unseen items, feed by feed in subscription order, each feed's in its own order. */
  items: FeedItem[];
  /** Items a new feed carried from before its first run: marked seen by a posting run, never shown. */
  history: FeedItem[];
  /**
   * Unseen items their feed's filter held back: never fetched or summarised. A posting run marks
   * them seen within their own feed only (see `passedOverInFeed`), so they are counted once.
   */
  filtered: FeedItem[];
  /** Feeds whose first run this is. */
  newFeeds: string[];
  polls: Array<{ feed: FeedSubscription; poll: FeedPoll }>;
}

/**
 * Everything a channel's feeds offer that it has not seen and their filters let through, after
 * bringing each feed up to date: read again when last read before `options.freshAsOf` (see
 * `pollFeed`). Only the cheap checks run here (GUID, link, title, filters); nothing is fetched but
 * the feeds, so a filtered item costs no page fetch and no LLM call.
 */
export async function collectCandidates(
  deps: FeedPollDeps & { seen: SeenStories; maxStories: number },
  digest: ChannelDigest,
  now: Date,
  options: PollOptions,
): Promise<Candidates> {
  const polls = await Promise.all(
    digest.feeds.map(async (feed) => ({ feed, poll: await pollFeed(deps, digest.channelId, feed.url, now, options) })),
  );
  const candidates: Candidates = { items: [], history: [], filtered: [], newFeeds: [], polls };
  for (const { feed, poll } of polls) {
    const { fresh, history } = poll.state.initialised
      ? { fresh: poll.state.items, history: [] }
      : splitFirstRun(poll.state, now, deps.maxStories);
    if (!poll.state.initialised) candidates.newFeeds.push(feed.url);
    candidates.history.push(...history);
    const passes = feed.filter ? compileItemFilter(feed.filter) : null;
    for (const item of fresh) {
      if (await deps.seen.isSeen(item)) continue;
      if (passes && !passes(item)) candidates.filtered.push(item);
      else candidates.items.push(item);
    }
  }
  return candidates;
}

/**
 * How a posting run marks an item its feed's filter held back: by its GUID alone, which counts only
 * within its own feed. Its link and title would also hide the same story arriving through another
 * feed whose filter wants it. An item without a GUID is not marked, and is held back (and counted)
 * again by the next run.
 */
export function passedOverInFeed(item: FeedItem): FeedItem {
  return { feedUrl: item.feedUrl, feedTitle: item.feedTitle, guid: item.guid, link: null, title: '', publishedAt: item.publishedAt };
}

/** How many items each feed's filter held back, by feed URL; feeds that held back none are left out. */
export function filteredCounts(filtered: readonly FeedItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of filtered) counts[item.feedUrl] = (counts[item.feedUrl] ?? 0) + 1;
  return counts;
}

/**
 * A new feed's items from the last 24 hours, and the rest as history. Undated items cannot show
 * their age, so they count as history, unless the feed dates nothing at all: then its first
 * `maxStories` items (feeds list newest first) stand in for the last day.
 */
function splitFirstRun(state: FeedState, now: Date, maxStories: number): { fresh: FeedItem[]; history: FeedItem[] } {
  const since = now.getTime() - FIRST_RUN_WINDOW_MS;
  if (state.items.every((item) => item.publishedAt === null)) {
    return { fresh: state.items.slice(0, maxStories), history: state.items.slice(maxStories) };
  }
  const fresh = state.items.filter((item) => item.publishedAt !== null && item.publishedAt.getTime() >= since);
  return { fresh, history: state.items.filter((item) => !fresh.includes(item)) };
}

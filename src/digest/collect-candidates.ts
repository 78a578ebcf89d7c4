import type { FeedItem } from './feed-item.js';
import type { FeedState } from './feed-state.js';
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
  /** Feeds whose first run this is. */
  newFeeds: string[];
  polls: Array<{ feed: FeedSubscription; poll: FeedPoll }>;
}

/**
 * Everything a channel's feeds offer that it has not seen, after bringing each feed up to date:
 * read again when last read before `options.freshAsOf` (see `pollFeed`). Only the cheap checks run
 * here (GUID, link, title); nothing is fetched but the feeds.
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
  const candidates: Candidates = { items: [], history: [], newFeeds: [], polls };
  for (const { feed, poll } of polls) {
    const { fresh, history } = poll.state.initialised
      ? { fresh: poll.state.items, history: [] }
      : splitFirstRun(poll.state, now, deps.maxStories);
    if (!poll.state.initialised) candidates.newFeeds.push(feed.url);
    candidates.history.push(...history);
    for (const item of fresh) {
      if (!(await deps.seen.isSeen(item))) candidates.items.push(item);
    }
  }
  return candidates;
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

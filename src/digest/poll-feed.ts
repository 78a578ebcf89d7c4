import { HttpStatusError } from '../article/fetch-page.js';
import { UserFacingError } from '../errors.js';
import { nextHealth, type FetchOutcome } from './feed-health.js';
import { mergeItems, type FeedState, type FeedStates } from './feed-state.js';
import { fetchFeed, type FeedPageFetcher } from './fetch-feed.js';

export interface FeedPollDeps {
  /** The page fetcher behind the per-host limiter: each request waits for its host's turn. */
  fetchPage: FeedPageFetcher;
  feedStates: FeedStates;
  /** FEED_FAILURES_BEFORE_NOTICE. */
  failuresBeforeNotice: number;
  /** How often a healthy feed is fetched; failures back off from here. */
  pollIntervalMs: number;
  /** Told of each failed fetch of a feed (metrics). */
  onFeedFailure?: () => void;
}

export interface FeedPoll {
  state: FeedState;
  /** Post the one "feed X has failed since …" notice now. */
  noticeDue: boolean;
  /** Post the one "feed X works again" notice now. */
  recovered: boolean;
}

export interface PollOptions {
  /** False for a preview: nothing is written back. */
  save: boolean;
  /**
   * A digest's "as of" instant: a healthy feed last read before it is read again now, whatever its
   * poll interval or ttl says (a conditional GET, so an unchanged feed costs a 304). A failing feed
   * keeps its backoff and a server's Retry-After is still waited out. Absent: only when due.
   */
  freshAsOf?: Date;
}

/**
 * Brings one channel's copy of a feed up to date when it is due (its ttl, Retry-After or backoff
 * has passed) or older than `freshAsOf`, with a conditional GET through the host limiter. A
 * failure is folded into the feed's health, never thrown.
 */
export async function pollFeed(deps: FeedPollDeps, channelId: string, feedUrl: string, now: Date, options: PollOptions): Promise<FeedPoll> {
  const state = await deps.feedStates.get(channelId, feedUrl);
  if (now.getTime() < state.nextFetchAt && !staleAt(state, now, options.freshAsOf)) return { state, noticeDue: false, recovered: false };

  let outcome: FetchOutcome;
  let next: FeedState = state;
  let retryAfterMs: number | null = null;
  try {
    const result = await fetchFeed(deps.fetchPage, feedUrl, state);
    retryAfterMs = result.retryAfterMs;
    const ttlMinutes = result.status === 'fresh' ? result.feed.ttlMinutes : state.ttlMinutes;
    outcome = { ok: true, at: now, retryAfterMs: result.retryAfterMs, ttlMinutes };
    if (result.status === 'fresh') {
      // GUIDs are keyed by the subscribed URL, so a feed that starts redirecting elsewhere keeps its identities.
      const items = result.feed.items.map((item) => ({ ...item, feedUrl }));
      next = { ...state, etag: result.etag, lastModified: result.lastModified, ttlMinutes, items: mergeItems(items, state.items) };
    }
  } catch (error) {
    retryAfterMs = error instanceof HttpStatusError ? error.retryAfterMs : null;
    deps.onFeedFailure?.();
    outcome = { ok: false, at: now, error: describeFeedError(error), retryAfterMs };
  }

  const step = nextHealth(state.health, outcome, { failuresBeforeNotice: deps.failuresBeforeNotice, baseIntervalMs: deps.pollIntervalMs });
  const retryAfterUntil = retryAfterMs !== null && retryAfterMs > 0 ? now.getTime() + retryAfterMs : null;
  next = { ...next, health: step.health, lastFetchAt: now.getTime(), nextFetchAt: step.nextFetchAt.getTime(), retryAfterUntil };
  if (options.save) await deps.feedStates.set(channelId, feedUrl, next);
  return { state: next, noticeDue: step.noticeDue, recovered: step.recovered };
}

/** Whether a digest as of `freshAsOf` must read the feed again before its due time. */
function staleAt(state: FeedState, now: Date, freshAsOf: Date | undefined): boolean {
  if (!freshAsOf || state.health.consecutiveFailures > 0) return false;
  if (state.retryAfterUntil !== null && now.getTime() < state.retryAfterUntil) return false;
  return state.lastFetchAt === null || state.lastFetchAt < freshAsOf.getTime();
}

/** A line a channel can read: our own errors already are one; anything else is named briefly. */
export function describeFeedError(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof Error) return error.message.slice(0, 200) || error.name;
  return String(error).slice(0, 200);
}

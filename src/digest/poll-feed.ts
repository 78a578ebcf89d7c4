import { HttpStatusError } from '../article/fetch-page.js';
import { UserFacingError } from '../errors.js';
import { nextHealth, type FetchOutcome } from './feed-health.js';
import { mergeItems, type FeedState, type FeedStates } from './feed-state.js';
import { fetchFeed, type FeedPageFetcher } from './fetch-feed.js';
import type { HostLimiter } from './host-limiter.js';

export interface FeedPollDeps {
  fetchPage: FeedPageFetcher;
  hosts: HostLimiter;
  feedStates: FeedStates;
  /** FEED_FAILURES_BEFORE_NOTICE. */
  failuresBeforeNotice: number;
  /** How often a healthy feed is fetched; failures back off from here. */
  pollIntervalMs: number;
}

export interface FeedPoll {
  state: FeedState;
  /** Post the one "feed X has failed since …" notice now. */
  noticeDue: boolean;
  /** Post the one "feed X works again" notice now. */
  recovered: boolean;
}

/**
 * Brings one channel's copy of a feed up to date when it is due (its ttl, Retry-After or backoff
 * has passed), with a conditional GET through the host limiter. A failure is folded into the
 * feed's health, never thrown. With `save: false` (a preview) nothing is written back.
 */
export async function pollFeed(deps: FeedPollDeps, channelId: string, feedUrl: string, now: Date, options: { save: boolean }): Promise<FeedPoll> {
  const state = await deps.feedStates.get(channelId, feedUrl);
  if (now.getTime() < state.nextFetchAt) return { state, noticeDue: false, recovered: false };

  let outcome: FetchOutcome;
  let next: FeedState = state;
  try {
    const result = await deps.hosts.schedule(feedUrl, () => fetchFeed(deps.fetchPage, feedUrl, state));
    const ttlMinutes = result.status === 'fresh' ? result.feed.ttlMinutes : state.ttlMinutes;
    outcome = { ok: true, at: now, retryAfterMs: result.retryAfterMs, ttlMinutes };
    if (result.status === 'fresh') {
      // GUIDs are keyed by the subscribed URL, so a feed that starts redirecting elsewhere keeps its identities.
      const items = result.feed.items.map((item) => ({ ...item, feedUrl }));
      next = { ...state, etag: result.etag, lastModified: result.lastModified, ttlMinutes, items: mergeItems(items, state.items) };
    }
  } catch (error) {
    outcome = { ok: false, at: now, error: describeFeedError(error), retryAfterMs: error instanceof HttpStatusError ? error.retryAfterMs : null };
  }

  const step = nextHealth(state.health, outcome, { failuresBeforeNotice: deps.failuresBeforeNotice, baseIntervalMs: deps.pollIntervalMs });
  next = { ...next, health: step.health, lastFetchAt: now.getTime(), nextFetchAt: step.nextFetchAt.getTime() };
  if (options.save) await deps.feedStates.set(channelId, feedUrl, next);
  return { state: next, noticeDue: step.noticeDue, recovered: step.recovered };
}

/** A line a channel can read: our own errors already are one; anything else is named briefly. */
export function describeFeedError(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof Error) return error.message.slice(0, 200) || error.name;
  return String(error).slice(0, 200);
}

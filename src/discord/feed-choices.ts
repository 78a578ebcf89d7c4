import { createHash } from 'node:crypto';
import type { FeedSubscription } from '../digest/subscriptions.js';

/** Discord caps an autocomplete choice's value at 100 characters; longer URLs go by a short hash. */
const CHOICE_VALUE_MAX = 100;

export function feedChoiceValue(feed: Pick<FeedSubscription, 'url'>): string {
  return feed.url.length <= CHOICE_VALUE_MAX ? feed.url : `feed:${hashOf(feed.url)}`;
}

/** The feed an autocomplete value (or a URL typed by hand) names. */
export function findFeedChoice<T extends Pick<FeedSubscription, 'url'>>(feeds: readonly T[], value: string): T | undefined {
  return feeds.find((feed) => feed.url === value || feedChoiceValue(feed) === value);
}

function hashOf(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

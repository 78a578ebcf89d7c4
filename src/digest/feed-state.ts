import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';
import type { FeedItem } from './feed-item.js';
import { HEALTHY } from './feed-health.js';

const storedItemSchema = z.object({
  feedUrl: z.string(),
  feedTitle: z.string(),
  guid: z.string().nullable(),
  link: z.string().nullable(),
  title: z.string(),
  publishedAt: z.number().nullable(),
  /** Kept for feed filters, which may change after the item was read. */
  description: z.string().optional(),
  categories: z.array(z.string()).optional(),
});

const feedStateSchema = z.object({
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastFetchAt: z.number().nullable(),
  /** Not before this: the feed's ttl, Retry-After or the failure backoff. */
  nextFetchAt: z.number(),
  /** The feed's `<ttl>` from its last fresh answer, still honoured after a 304 (which carries no body). */
  ttlMinutes: z.number().nullable().default(null),
  /** Until when the server's last Retry-After asks us to stay away: even a digest's re-read waits for it. */
  retryAfterUntil: z.number().nullable().default(null),
  health: z.object({
    consecutiveFailures: z.number(),
    failingSince: z.string().nullable(),
    lastError: z.string().nullable(),
    noticeSent: z.boolean(),
  }),
  /** False until a posting run has taken this feed's last 24 h and marked the older items seen. */
  initialised: z.boolean(),
  /**
   * The feed's latest items, kept across fetches: a 304 or a fetch skipped for the feed's ttl still
   * has items to offer, and items that scroll off a busy feed between digests are not lost.
   */
  items: z.array(storedItemSchema),
});

export type FeedState = Omit<z.infer<typeof feedStateSchema>, 'items'> & { items: FeedItem[] };

/** Items a feed keeps between digests; enough for a busy feed polled every half hour. */
export const MAX_STORED_ITEMS = 200;

export const NEW_FEED_STATE: FeedState = {
  etag: null, lastModified: null, lastFetchAt: null, nextFetchAt: 0, ttlMinutes: null, retryAfterUntil: null, health: { ...HEALTHY }, initialised: false, items: [],
};

export interface FeedStates {
  get(channelId: string, feedUrl: string): Promise<FeedState>;
  set(channelId: string, feedUrl: string, state: FeedState): Promise<void>;
  delete(channelId: string, feedUrl: string): Promise<void>;
}

/**
 * What a channel's digest remembers about each of its feeds, in durable state under
 * `digest:feed:<channel>:<sha256(url) prefix>`: validators for the conditional GET, health, and the
 * stored items. It is kept per channel, not per URL, so health notices belong to one channel.
 */
export function createFeedStates(store: Keyv): FeedStates {
  const states = createTypedCache(store, feedStateSchema);
  const keyOf = (channelId: string, feedUrl: string) =>
    `digest:feed:${channelId}:${createHash('sha256').update(feedUrl).digest('hex').slice(0, 24)}`;
  return {
    async get(channelId, feedUrl) {
      const stored = await states.get(keyOf(channelId, feedUrl));
      if (!stored) return { ...NEW_FEED_STATE, health: { ...HEALTHY }, items: [] };
      return { ...stored, items: stored.items.map((item) => ({ ...item, publishedAt: item.publishedAt === null ? null : new Date(item.publishedAt) })) };
    },
    async set(channelId, feedUrl, state) {
      const items = state.items.slice(0, MAX_STORED_ITEMS).map((item) => ({ ...item, publishedAt: item.publishedAt?.getTime() ?? null }));
      await states.set(keyOf(channelId, feedUrl), { ...state, items });
    },
    async delete(channelId, feedUrl) {
      await store.delete(keyOf(channelId, feedUrl));
    },
  };
}

/** Fresh items first, then the stored ones this fetch no longer lists (matched by GUID, else link, else title). */
export function mergeItems(fresh: readonly FeedItem[], stored: readonly FeedItem[]): FeedItem[] {
  const identity = (item: FeedItem) => item.guid?.trim() || item.link?.trim() || item.title.trim();
  const known = new Set(fresh.map(identity));
  return [...fresh, ...stored.filter((item) => !known.has(identity(item)))].slice(0, MAX_STORED_ITEMS);
}

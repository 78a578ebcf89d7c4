import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';
import type { Logger } from '../log.js';
import { createSerialQueue } from '../serial-queue.js';
import type { FeedItem } from './feed-item.js';
import { normaliseLink } from './normalise-link.js';
import { MIN_TITLE_WORDS, sameStoryTitle, titleTokens } from './title-similarity.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_TTL_DAYS = 30;
/** The title list stays small: the title rule never reaches back more than 48 hours anyway. */
const DEFAULT_MAX_TITLES = 500;
const DEFAULT_TITLE_DAYS = 7;

const markerSchema = z.object({ seenAt: z.number() });
const titlesSchema = z.object({
  titles: z.array(z.object({ title: z.string(), publishedAt: z.number(), seenAt: z.number() })),
});
type SeenTitle = z.infer<typeof titlesSchema>['titles'][number];

export interface SeenStoriesOptions {
  /** Whose digest this is, normally the channel id: each channel sees each story once. */
  scope: string;
  /** How long a GUID, link or text hash is remembered. */
  ttlDays?: number;
  /** The title list keeps at most this many titles… */
  maxTitles?: number;
  /** …seen within this many days. */
  titleDays?: number;
  /** Milliseconds since the epoch; a parameter so tests can move time. */
  now?: () => number;
  log?: Logger;
}

export interface SeenStories {
  /** The cheap checks, before anything is fetched: the item's GUID (in its feed), its normalised link, then its title. */
  isSeen(item: FeedItem): Promise<boolean>;
  /** Whether a link (such as the canonical URL found on a fetched page) was seen as an item's link or canonical URL. */
  isSeenLink(url: string): Promise<boolean>;
  /** Whether a summarised item had this hash of its cleaned text. */
  isSeenText(textHash: string): Promise<boolean>;
  /** Remembers every identity of the item: GUID, link, title, and when known its page's canonical URL and text hash. */
  markSeen(item: FeedItem, extra?: SeenExtra): Promise<void>;
  /** `markSeen` for many items at once, with one write of the title list. */
  markAllSeen(entries: ReadonlyArray<{ item: FeedItem; extra?: SeenExtra }>): Promise<void>;
}

/** Identities learnt from a fetched page: its canonical URL and the hash of its cleaned text. */
export interface SeenExtra {
  canonicalUrl?: string | null;
  textHash?: string | null;
}

/**
 * The stories a channel's digests have already posted, kept in durable state so that they survive
 * a restart. Keys, all under `seen:<scope>:`:
 * - `guid:<sha256 of [feedUrl, guid]>`: a GUID counts only within its own feed, since many feeds use
 *   short ids ("1234") that other feeds reuse; the same story from another feed is caught by link or title.
 * - `link:<sha256 of the normalised link>`, for the item's link and the page's canonical URL.
 * - `text:<sha256 of the caller's text hash>`.
 * - `titles`: one list of recent titles with their dates, for `sameStoryTitle`. An item without a date
 *   is dated when it is checked or marked. The list is read, changed and written back, so updates by
 *   this object are queued; two objects (or processes) marking one scope at once may lose a title.
 * Open the store as durable state (`openStore(url, { namespace: 'state', durable: true })`): its errors
 * are then thrown, whereas a cache store would turn them into misses and post stories twice.
 */
export function createSeenStories(store: Keyv, options: SeenStoriesOptions): SeenStories {
  const {
    scope,
    ttlDays = DEFAULT_TTL_DAYS,
    maxTitles = DEFAULT_MAX_TITLES,
    titleDays = DEFAULT_TITLE_DAYS,
    now = Date.now,
    log,
  } = options;
  const cacheOptions = log === undefined ? {} : { log };
  const markers = createTypedCache(store, markerSchema, { ...cacheOptions, ttlMs: ttlDays * DAY_MS });
  const titleList = createTypedCache(store, titlesSchema, { ...cacheOptions, ttlMs: titleDays * DAY_MS });
  const prefix = `seen:${encodeURIComponent(scope)}:`;
  const titlesKey = `${prefix}titles`;

  const guidKey = (item: FeedItem): string | null =>
    item.guid === null || item.guid.trim() === '' ? null : `${prefix}guid:${sha256(JSON.stringify([item.feedUrl, item.guid.trim()]))}`;
  const linkKey = (url: string | null | undefined): string | null => {
    const link = url === null || url === undefined ? null : normaliseLink(url);
    return link === null ? null : `${prefix}link:${sha256(link)}`;
  };
  const textKey = (textHash: string): string => `${prefix}text:${sha256(textHash)}`;
  const has = async (key: string | null): Promise<boolean> => key !== null && (await markers.get(key)) !== undefined;

  async function recentTitles(at: number): Promise<SeenTitle[]> {
    const list = await titleList.get(titlesKey);
    return (list?.titles ?? []).filter((entry) => entry.seenAt >= at - titleDays * DAY_MS);
  }

  const titleWrites = createSerialQueue();
  function rememberTitles(entries: SeenTitle[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return titleWrites.run(async () => {
      const latest = entries.reduce((at, entry) => Math.max(at, entry.seenAt), 0);
      const titles = [...(await recentTitles(latest)), ...entries].slice(-maxTitles);
      await titleList.set(titlesKey, { titles });
    });
  }

  async function markAll(entries: ReadonlyArray<{ item: FeedItem; extra?: SeenExtra }>): Promise<void> {
    const seenAt = now();
    const keys = new Set<string>();
    const titles: SeenTitle[] = [];
    for (const { item, extra = {} } of entries) {
      for (const key of [guidKey(item), linkKey(item.link), linkKey(extra.canonicalUrl), extra.textHash ? textKey(extra.textHash) : null]) {
        if (key !== null) keys.add(key);
      }
      if (titleTokens(item.title).length >= MIN_TITLE_WORDS) {
        titles.push({ title: item.title, publishedAt: item.publishedAt?.getTime() ?? seenAt, seenAt });
      }
    }
    for (const key of keys) await markers.set(key, { seenAt });
    await rememberTitles(titles);
  }

  return {
    async isSeen(item) {
      if ((await has(guidKey(item))) || (await has(linkKey(item.link)))) return true;
      if (titleTokens(item.title).length < MIN_TITLE_WORDS) return false;
      const at = now();
      const candidate = { title: item.title, publishedAt: item.publishedAt ?? new Date(at) };
      return (await recentTitles(at)).some((seen) =>
        sameStoryTitle(candidate, { title: seen.title, publishedAt: new Date(seen.publishedAt) }),
      );
    },

    isSeenLink: (url) => has(linkKey(url)),

    isSeenText: (textHash) => has(textKey(textHash)),

    markSeen: (item, extra = {}) => markAll([{ item, extra }]),

    markAllSeen: markAll,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

import type { FetchedPage, FetchPageOptions } from '../article/fetch-page.js';
import { decodeBody } from '../article/decode-body.js';
import { parseFeed, type ParsedFeed } from './parse-feed.js';

/** The SSRF-safe fetcher's call, as `createPageFetcher` returns it; tests pass the real one at loopback. */
export type FeedPageFetcher = (url: string, signal?: AbortSignal, options?: FetchPageOptions) => Promise<FetchedPage>;

/** The validators from the last fresh answer, sent back as a conditional GET. */
export interface FeedValidators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FeedFetchResult =
  | { status: 'fresh'; feed: ParsedFeed; etag: string | null; lastModified: string | null; retryAfterMs: number | null }
  | { status: 'not-modified'; retryAfterMs: number | null };

/** Every type a feed is served as in the wild; pages types stay accepted too. */
export const FEED_MIME_TYPES: readonly string[] = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
];

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';

/**
 * Fetches and parses one feed with a conditional GET. A 304 is `not-modified`; any other
 * non-2xx answer throws the fetcher's `HttpStatusError`, whose `retryAfterMs` the caller
 * hands to `nextHealth`. Throws `UserFacingError('not_a_feed')` when the body is no feed.
 */
export async function fetchFeed(
  fetchPage: FeedPageFetcher,
  feedUrl: string,
  previous: FeedValidators = {},
  signal?: AbortSignal,
): Promise<FeedFetchResult> {
  const page = await fetchPage(feedUrl, signal, feedRequestOptions(previous));
  const retryAfterMs = page.retryAfterMs ?? null;
  if (page.status === 304) return { status: 'not-modified', retryAfterMs };

  const feed = parseFeed(decodeBody(page.body, page.charset, page.mimeType), page.url);
  return { status: 'fresh', feed, etag: page.etag ?? null, lastModified: page.lastModified ?? null, retryAfterMs };
}

/** The fetcher options of a feed request: feed types accepted, and the validators of a conditional GET. */
export function feedRequestOptions(previous: FeedValidators = {}): FetchPageOptions {
  const headers: Record<string, string> = { accept: FEED_ACCEPT };
  if (previous.etag) headers['if-none-match'] = previous.etag;
  if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
  return { headers, acceptNotModified: true, extraTypes: FEED_MIME_TYPES };
}

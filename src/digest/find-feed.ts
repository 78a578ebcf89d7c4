import { decodeBody } from '../article/decode-body.js';
import { UserFacingError } from '../errors.js';
import { discoverFeeds } from './discover-feeds.js';
import { feedRequestOptions, fetchFeed, type FeedPageFetcher } from './fetch-feed.js';
import { parseFeed, type ParsedFeed } from './parse-feed.js';

export interface FoundFeed {
  /** The feed's own URL: the one given, or the one its page advertises. */
  url: string;
  feed: ParsedFeed;
  etag: string | null;
  lastModified: string | null;
  /** The page the feed was discovered on, when the URL given was a page. */
  discoveredOn: string | null;
}

/** Advertised feeds tried before giving up: sites list their main feed first. */
const MAX_ADVERTISED_TRIED = 3;

/**
 * `/digest add`: the URL's feed, or, when the URL is a web page, the first feed it advertises with
 * `<link rel="alternate">`. Errors say what the URL turned out to be.
 */
export async function findFeed(fetchPage: FeedPageFetcher, url: string, signal?: AbortSignal): Promise<FoundFeed> {
  const page = await fetchPage(url, signal, feedRequestOptions());
  const body = decodeBody(page.body, page.charset, page.mimeType);
  let notAFeed: unknown;
  try {
    return { url: page.url, feed: parseFeed(body, page.url), etag: page.etag ?? null, lastModified: page.lastModified ?? null, discoveredOn: null };
  } catch (error) {
    if (!(error instanceof UserFacingError && error.code === 'not_a_feed')) throw error;
    notAFeed = error;
  }
  if (page.mimeType !== 'text/html' && page.mimeType !== 'application/xhtml+xml') throw notAFeed;

  const advertised = discoverFeeds(body, page.url).slice(0, MAX_ADVERTISED_TRIED);
  let lastError: unknown = new UserFacingError('not_a_feed', `${page.url} is a web page that advertises no RSS, Atom or JSON feed. Give the feed's own address.`);
  for (const feedUrl of advertised) {
    try {
      const result = await fetchFeed(fetchPage, feedUrl, {}, signal);
      if (result.status === 'fresh') {
        return { url: feedUrl, feed: result.feed, etag: result.etag, lastModified: result.lastModified, discoveredOn: page.url };
      }
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

import { UserFacingError } from '../errors.js';
import { parseAllowList } from './address-policy.js';
import { checkDestination } from './check-destination.js';
import { checkUrlAsWritten, parseRequestedUrl } from './check-url-as-written.js';
import { describeNetworkFailure, fetchTimedOut } from './fetch-failures.js';
import { hostnameOf } from './hostname-of.js';
import { lookupFrom, resolveWithSystemDns, type ResolvedAddress } from './pinned-dns.js';
import { readPage, type FetchedPage, type ReadOptions } from './read-page.js';
import { redirectTarget } from './redirect-target.js';
import { callerHeaders, DEFAULT_USER_AGENT, defaultHeaders } from './request-headers.js';
import { lazyModule } from '../lazy-module.js';

/** Loaded at the first fetch: a bot that has summarised no URL yet does not hold it. */
const undici = lazyModule<typeof import('undici')>('undici');

export type { FetchedPage, ResolvedAddress };
export { DEFAULT_USER_AGENT };
export { HttpStatusError } from './read-page.js';

/** Per-call choices, for callers such as the feed reader that need more than a page. */
export interface FetchPageOptions {
  /** Only `accept`, `if-none-match` and `if-modified-since` are sent; other names are ignored. */
  headers?: Record<string, string>;
  /** Resolve a 304 to a page with `status: 304` and an empty body instead of throwing. */
  acceptNotModified?: boolean;
  /** Mime types accepted on top of the readable page types, e.g. `application/rss+xml`. */
  extraTypes?: readonly string[];
}

export interface PageFetcherOptions {
  /** Budget for the whole fetch: every redirect and the body read. */
  timeoutMs: number;
  /** Cap on the decompressed body. */
  maxBytes: number;
  /** `FETCH_ALLOW_HOSTS`: host names, IPs or CIDRs that may be private. */
  allowHosts: readonly string[];
  userAgent?: string;
  /** Every address a host name resolves to. Tests pass a fake so no real DNS is asked. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface PageFetcher {
  /** The checks that need no I/O (a malformed link, another scheme, a literal private address); throws a UserFacingError. */
  checkUrl(url: string): void;
  fetchPage(url: string, signal?: AbortSignal, options?: FetchPageOptions): Promise<FetchedPage>;
  /** Aborts fetches in flight and refuses new ones. */
  close(): Promise<void>;
}

/**
 * A fetcher that only reaches the public internet (or what `allowHosts` opens).
 *
 * Each call resolves a host once, checks every address, and connects to exactly those
 * addresses through an Agent whose DNS lookup answers from that checked list. A DNS
 * answer that changes between the check and the connect (DNS rebinding) therefore
 * never reaches the socket. The Agent lives for one call, so no pooled connection or
 * pinned answer outlives the check that justified it.
 */
export function createPageFetcher(options: PageFetcherOptions): PageFetcher {
  const allowList = parseAllowList(options.allowHosts);
  const resolve = options.resolve ?? resolveWithSystemDns;
  const headers = defaultHeaders(options.userAgent ?? DEFAULT_USER_AGENT);
  const closing = new AbortController();

  async function fetchPage(url: string, signal?: AbortSignal, fetchOptions: FetchPageOptions = {}): Promise<FetchedPage> {
    closing.signal.throwIfAborted();
    const requestHeaders = { ...headers, ...callerHeaders(fetchOptions.headers) };
    const reading: ReadOptions = {
      maxBytes: options.maxBytes,
      acceptNotModified: fetchOptions.acceptNotModified ?? false,
      extraTypes: new Set((fetchOptions.extraTypes ?? []).map((type) => type.toLowerCase())),
    };
    let current = parseRequestedUrl(url);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
    const aborted = AbortSignal.any([deadline.signal, closing.signal, ...(signal ? [signal] : [])]);
    const pinned = new Map<string, ResolvedAddress[]>();
    const agent = new (undici().Agent)({ connect: { lookup: lookupFrom(pinned) } });
    try {
      for (let redirects = 0; ; redirects += 1) {
        await checkDestination(current, { allowList, resolve, pinned, signal: aborted }, redirects > 0);
        const response = await undici().fetch(current, { dispatcher: agent, redirect: 'manual', headers: requestHeaders, signal: aborted });
        const next = await redirectTarget(response, current, redirects);
        if (next === null) return await readPage(response, current, reading);
        current = next;
      }
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      if (signal?.aborted) throw signal.reason;
      if (deadline.signal.aborted) throw fetchTimedOut(options.timeoutMs, error);
      if (closing.signal.aborted) throw closing.signal.reason;
      throw describeNetworkFailure(error, hostnameOf(current));
    } finally {
      clearTimeout(timer);
      await agent.destroy();
    }
  }

  return {
    checkUrl: (url) => void checkUrlAsWritten(parseRequestedUrl(url), allowList),
    fetchPage,
    close: async () => closing.abort(new Error('The page fetcher was closed.')),
  };
}

import { promises as dns } from 'node:dns';
import { STATUS_CODES } from 'node:http';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import { UserFacingError } from '../errors.js';
import { isPublicAddress, parseAllowList, type AllowList } from './address-policy.js';
import { isPdf, parseContentType, pdfRefusal, refuseUnreadableType, sniffMimeType, tooLarge } from './content-type.js';

export interface FetchedPage {
  /** Final URL, after redirects. */
  url: string;
  status: number;
  /** Lowercased, without parameters. Sniffed when the server sends none. */
  mimeType: string;
  /** As the Content-Type header declares it; decodeBody weighs it against BOMs and meta tags. */
  charset: string | null;
  /** Already decompressed. Empty for a 304. */
  body: Uint8Array;
  /** The `ETag` header as sent; null when absent. */
  etag?: string | null;
  /** The `Last-Modified` header as sent; null when absent. */
  lastModified?: string | null;
  /** `Retry-After` (seconds or an HTTP date) in milliseconds from now; null when absent or unreadable. */
  retryAfterMs?: number | null;
}

/** Per-call choices, for callers such as the feed reader that need more than a page. */
export interface FetchPageOptions {
  /** Only `accept`, `if-none-match` and `if-modified-since` are sent; other names are ignored. */
  headers?: Record<string, string>;
  /** Resolve a 304 to a page with `status: 304` and an empty body instead of throwing. */
  acceptNotModified?: boolean;
  /** Mime types accepted on top of the readable page types, e.g. `application/rss+xml`. */
  extraTypes?: readonly string[];
}

/** A non-2xx answer. Carries the status and any `Retry-After`, so callers can back off. */
export class HttpStatusError extends UserFacingError {
  override readonly name: string = 'HttpStatusError';
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super('http_error', message, { badInput: false });
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
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
  fetchPage(url: string, signal?: AbortSignal, options?: FetchPageOptions): Promise<FetchedPage>;
  /** Aborts fetches in flight and refuses new ones. */
  close(): Promise<void>;
}

export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; newsbrief/0.1; +https://github.com/newsbrief/newsbrief)';
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The only request headers a caller may add or override. */
const CALLER_HEADERS = new Set(['accept', 'if-none-match', 'if-modified-since']);

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
  const headers = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
    'accept-language': 'en;q=0.9,*;q=0.5',
  };
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
    const agent = new Agent({ connect: { lookup: lookupFrom(pinned) } });
    try {
      for (let redirects = 0; ; redirects += 1) {
        await checkDestination(current, { allowList, resolve, pinned, signal: aborted }, redirects > 0);
        const response = await fetch(current, { dispatcher: agent, redirect: 'manual', headers: requestHeaders, signal: aborted });
        const location = response.headers.get('location');
        if (!REDIRECT_STATUSES.has(response.status) || location === null) {
          return await readPage(response, current, reading);
        }
        await response.body?.cancel();
        if (redirects === MAX_REDIRECTS) {
          throw new UserFacingError('too_many_redirects', `The page redirected more than ${MAX_REDIRECTS} times, so newsbrief stopped following it.`, { badInput: false });
        }
        current = parseRedirect(location, current);
      }
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      if (signal?.aborted) throw signal.reason;
      if (deadline.signal.aborted) {
        throw new UserFacingError('fetch_timeout', `The page took longer than ${formatNumber(options.timeoutMs / 1000)} s to load, so newsbrief gave up.`, { badInput: false, cause: error });
      }
      if (closing.signal.aborted) throw closing.signal.reason;
      throw describeNetworkFailure(error, hostnameOf(current));
    } finally {
      clearTimeout(timer);
      await agent.destroy();
    }
  }

  return {
    fetchPage,
    close: async () => closing.abort(new Error('The page fetcher was closed.')),
  };
}

interface DestinationCheck {
  allowList: AllowList;
  resolve: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Host name → the addresses that passed the check; the Agent's lookup reads it. */
  pinned: Map<string, ResolvedAddress[]>;
  signal: AbortSignal;
}

function parseRequestedUrl(input: string): URL {
  try {
    return new URL(input.trim());
  } catch {
    throw new UserFacingError('invalid_url', 'That is not a valid web address.');
  }
}

function parseRedirect(location: string, from: URL): URL {
  try {
    return new URL(location, from);
  } catch {
    throw new UserFacingError('fetch_failed', 'The page redirected to an address that is not valid.', { badInput: false });
  }
}

/**
 * Refuses before any connection is attempted. IP literals are judged as written,
 * because Node connects to them without a lookup; host names are resolved once, and
 * one private answer among public ones is enough to refuse.
 */
async function checkDestination(url: URL, check: DestinationCheck, isRedirect: boolean): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = isRedirect
      ? `The page redirected to a ${url.protocol} link; newsbrief only follows http and https links.`
      : `newsbrief only fetches http and https links, not ${url.protocol} links.`;
    throw new UserFacingError('blocked_url', message);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UserFacingError('blocked_url', 'Links with a user name or password in them are not fetched.');
  }

  const hostname = hostnameOf(url);
  if (isIP(hostname) !== 0) {
    if (!isPublicAddress(hostname) && !check.allowList.allowsAddress(hostname)) throw privateAddress(hostname);
    return;
  }

  const addresses = await resolveOrExplain(hostname, check);
  if (!check.allowList.allowsHost(hostname)) {
    const refused = addresses.find(({ address }) => !isPublicAddress(address) && !check.allowList.allowsAddress(address));
    if (refused) throw privateAddress(refused.address, hostname);
  }
  check.pinned.set(url.hostname, addresses);
}

async function resolveOrExplain(hostname: string, check: DestinationCheck): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await untilAborted(check.resolve(hostname), check.signal);
  } catch (error) {
    if (check.signal.aborted) throw error;
    throw notFound(hostname, error);
  }
  if (addresses.length === 0) throw notFound(hostname);
  // The socket trusts this family, so take it from the address rather than the resolver's word.
  return addresses.map(({ address }) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
}

/**
 * The Agent's DNS: answers only with addresses this fetch already checked. A host it
 * does not know was never checked, so the connection fails instead of asking real DNS.
 */
function lookupFrom(pinned: ReadonlyMap<string, ResolvedAddress[]>): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    const family = lookupOptions.family;
    const addresses = (pinned.get(hostname) ?? []).filter((entry) => (family === 4 || family === 6 ? entry.family === family : true));
    const [first] = addresses;
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error(`${hostname} was not checked before connecting`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (lookupOptions.all) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function callerHeaders(extra: Record<string, string> | undefined): Record<string, string> {
  const allowed: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra ?? {})) {
    const lower = name.toLowerCase();
    if (CALLER_HEADERS.has(lower)) allowed[lower] = value;
  }
  return allowed;
}

interface ReadOptions {
  maxBytes: number;
  acceptNotModified: boolean;
  extraTypes: ReadonlySet<string>;
}

async function readPage(response: Response, url: URL, reading: ReadOptions): Promise<FetchedPage> {
  const { maxBytes } = reading;
  const cacheHeaders = {
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  };
  const declared = parseContentType(response.headers.get('content-type'));
  if (response.status === 304 && reading.acceptNotModified) {
    await response.body?.cancel();
    return { url: url.href, status: 304, mimeType: declared.mimeType, charset: declared.charset, body: new Uint8Array(), ...cacheHeaders };
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel();
    const reason = response.statusText || STATUS_CODES[response.status] || '';
    throw new HttpStatusError(response.status, `The page answered ${`${response.status} ${reason}`.trim()}.`, cacheHeaders.retryAfterMs);
  }
  if (declared.mimeType !== '' && !reading.extraTypes.has(declared.mimeType)) {
    const refusal = refuseUnreadableType(declared.mimeType);
    if (refusal) {
      await response.body?.cancel();
      throw refusal;
    }
  }
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes, 'page');
  }

  const body = await readAtMost(response.body, maxBytes);
  if (isPdf(body)) throw pdfRefusal();
  return {
    url: url.href,
    status: response.status,
    mimeType: declared.mimeType || sniffMimeType(body),
    charset: declared.charset,
    body,
    ...cacheHeaders,
  };
}

/** `Retry-After` is either delay-seconds or an HTTP date; a date in the past means now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Counts bytes after decompression, so a small gzip that inflates past the cap is caught. */
async function readAtMost(stream: Response['body'], maxBytes: number): Promise<Uint8Array> {
  if (stream === null) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk: Uint8Array = value;
    total += chunk.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes, 'page');
    }
    chunks.push(chunk);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function describeNetworkFailure(error: unknown, hostname: string): UserFacingError {
  const code = errorCode(error);
  const why =
    code === 'ECONNREFUSED' ? 'the connection was refused'
    : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'the connection was cut off'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the name does not resolve'
    : code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' ? 'the connection timed out'
    : code !== undefined && /CERT|SELF_SIGNED|ALTNAME/.test(code) ? 'its security certificate is not valid'
    : 'the connection failed';
  return new UserFacingError('fetch_failed', `Could not fetch the page from ${hostname}: ${why}.`, { badInput: false, cause: error });
}

/** undici wraps network errors in `TypeError('fetch failed')`; the system code sits in a cause. */
function errorCode(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function privateAddress(address: string, hostname?: string): UserFacingError {
  const subject = hostname === undefined ? 'That address' : hostname;
  return new UserFacingError('blocked_url', `${subject} points to a private or internal network (${address}), which newsbrief does not fetch.`);
}

function notFound(hostname: string, cause?: unknown): UserFacingError {
  return new UserFacingError('fetch_failed', `Could not find the site ${hostname}: the name does not resolve.`, { badInput: false, cause });
}

/** `URL.hostname` keeps IPv6 brackets; addresses and DNS want them off. */
function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function resolveWithSystemDns(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

import { STATUS_CODES } from 'node:http';
import type { Response } from 'undici';
import { UserFacingError } from '../errors.js';
import { isPdf, parseContentType, pdfRefusal, refuseUnreadableType, sniffMimeType, tooLarge } from './content-type.js';
import { readAtMost } from './read-at-most.js';
import { readCacheHeaders } from './response-headers.js';
import { shortenForMessage } from './shorten-for-message.js';

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

export interface ReadOptions {
  maxBytes: number;
  acceptNotModified: boolean;
  extraTypes: ReadonlySet<string>;
}

export async function readPage(response: Response, url: URL, reading: ReadOptions): Promise<FetchedPage> {
  const { maxBytes } = reading;
  const cacheHeaders = readCacheHeaders(response.headers);
  const declared = parseContentType(response.headers.get('content-type'));
  if (response.status === 304 && reading.acceptNotModified) {
    await response.body?.cancel();
    return { url: url.href, status: 304, mimeType: declared.mimeType, charset: declared.charset, body: new Uint8Array(), ...cacheHeaders };
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel();
    const reason = shortenForMessage(response.statusText || STATUS_CODES[response.status] || '');
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

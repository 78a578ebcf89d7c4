import type { Response } from 'undici';
import { parseRetryAfter } from '../http/retry-after.js';

/** What a caller needs to revalidate the page later or to back off. */
export interface CacheHeaders {
  etag: string | null;
  lastModified: string | null;
  retryAfterMs: number | null;
}

export function readCacheHeaders(headers: Response['headers']): CacheHeaders {
  return {
    etag: headers.get('etag'),
    lastModified: headers.get('last-modified'),
    retryAfterMs: parseRetryAfter(headers.get('retry-after')),
  };
}

import type { Response } from 'undici';

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

/** `Retry-After` is either delay-seconds or an HTTP date; a date in the past means now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

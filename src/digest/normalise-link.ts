/** Query parameters that only track where a click came from; they never change which page it is. */
const TRACKING_PARAMETER = /^(?:utm_.*|fbclid|gclid)$/i;

/**
 * The form of a link that two copies of one story share: tracking parameters (`utm_*`, `fbclid`,
 * `gclid`), the fragment, credentials and a trailing slash dropped; the host lower-cased and a
 * default port dropped (as WHATWG URL parsing does). The path's case, the scheme and the order of
 * the remaining parameters are kept, since servers may tell those apart. The query is always
 * re-encoded, so `%20` and `+` compare equal. Null for anything that is not an http(s) URL.
 */
export function normaliseLink(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const kept = [...parsed.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name));
  const query = new URLSearchParams(kept).toString();
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.origin}${path}${query === '' ? '' : `?${query}`}`;
}

/** Query parameters that only track where a click came from; they never change which page it is. */
const TRACKING_PARAMETER = /^(?:utm_.*|fbclid|gclid|mc_cid|mc_eid)$/i;
/** `ref` tracks too when it only names the feed a click came through (`ref=rss`, `ref=feed`, `ref=rss-feed`). */
const FEED_REFERRER = /^(?:rss|atom|feeds?)(?:[-_.]?(?:rss|atom|feeds?))*$/i;

/**
 * Whether a query parameter only tracks the click: `utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`,
 * and `ref` when its value names a feed. The one rule for a link's identity (`normaliseLink`) and
 * for the links a digest shows (`withoutTracking`).
 */
export function isTrackingParameter(name: string, value: string): boolean {
  if (TRACKING_PARAMETER.test(name)) return true;
  return name.toLowerCase() === 'ref' && FEED_REFERRER.test(value.trim());
}

/**
 * The form of a link that two copies of one story share: tracking parameters (`isTrackingParameter`),
 * the fragment, credentials and a trailing slash dropped; the host lower-cased and a
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
  const kept = [...parsed.searchParams].filter(([name, value]) => !isTrackingParameter(name, value));
  const query = new URLSearchParams(kept).toString();
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.origin}${path}${query === '' ? '' : `?${query}`}`;
}

/**
 * A link as a digest shows it: the same link with its tracking parameters removed and nothing else
 * changed (the other parameters keep their order and spelling, the fragment stays). Anything that
 * is not an http(s) URL comes back as it was given.
 */
export function withoutTracking(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search === '') return url;
  const pairs = parsed.search.slice(1).split('&');
  const kept = pairs.filter((pair) => {
    if (pair === '') return false;
    const [name = '', value = ''] = pair.split(/=(.*)/s).map(decodeQueryPart);
    return !isTrackingParameter(name, value);
  });
  if (kept.length === pairs.length) return url;
  parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return parsed.href;
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/**
 * `Retry-After` as milliseconds: delay-seconds (decimals accepted, as some servers send them) or an
 * HTTP date, where a date in the past means now. Null when absent or unreadable. The one parser for
 * feeds, pages and LLM endpoints alike.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number.parseFloat(text) * 1000);
  // V8's Date.parse takes "-5" as a year: an HTTP date always names its weekday and month.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

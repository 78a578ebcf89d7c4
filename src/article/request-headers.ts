export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; newsbrief/0.1; +https://github.com/newsbrief/newsbrief)';
/** The only request headers a caller may add or override. */
const CALLER_HEADERS = new Set(['accept', 'if-none-match', 'if-modified-since']);

export function defaultHeaders(userAgent: string): Record<string, string> {
  return {
    'user-agent': userAgent,
    accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
    'accept-language': 'en;q=0.9,*;q=0.5',
  };
}

export function callerHeaders(extra: Record<string, string> | undefined): Record<string, string> {
  const allowed: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra ?? {})) {
    const lower = name.toLowerCase();
    if (CALLER_HEADERS.has(lower)) allowed[lower] = value;
  }
  return allowed;
}

/**
 * A link from a page or feed as an absolute http(s) URL, resolved against `base` when there is
 * one; anything else (`javascript:`, `mailto:`, garbage) is null.
 */
export function absoluteHttpUrl(href: string | null | undefined, base: string | null): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

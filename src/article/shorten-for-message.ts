/** Echoed input (a host, a link's scheme, a file name, a header) is kept to this many characters in a message. */
export const MAX_ECHOED_CHARS = 80;

/**
 * Input as a message may echo it: at most `max` characters, with "…" where the rest was. A 100,000
 * character host name must not become a 100,000 character error (a Discord reply holds 2,000).
 * `keep: 'end'` keeps the tail, where a path's file name is.
 */
export function shortenForMessage(input: string, max = MAX_ECHOED_CHARS, keep: 'start' | 'end' = 'start'): string {
  if (input.length <= max) return input;
  if (keep === 'start') {
    // A cut between the halves of a surrogate pair would leave half a character.
    const kept = input.slice(0, max - 1);
    return `${/[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept}…`;
  }
  const kept = input.slice(input.length - (max - 1));
  return `…${/^[\uDC00-\uDFFF]/.test(kept) ? kept.slice(1) : kept}`;
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;

/**
 * Where `needle` first occurs in `haystack` at or after `from` without cutting a word in two
 * ("he" is not found inside "the"), or -1. Edges of the needle that are not word characters
 * ("U.S.", "5%") may touch anything.
 */
export function indexOfWholeWords(haystack: string, needle: string, from = 0): number {
  if (needle === '') return -1;
  const checkBefore = WORD_CHARACTER.test(needle.charAt(0));
  const checkAfter = WORD_CHARACTER.test(needle.charAt(needle.length - 1));
  for (let index = haystack.indexOf(needle, from); index !== -1; index = haystack.indexOf(needle, index + 1)) {
    const end = index + needle.length;
    if (checkBefore && index > 0 && WORD_CHARACTER.test(haystack.charAt(index - 1))) continue;
    if (checkAfter && end < haystack.length && WORD_CHARACTER.test(haystack.charAt(end))) continue;
    return index;
  }
  return -1;
}

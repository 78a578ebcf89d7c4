import { prefixEditDistances } from '../src/verify/edit-similarity.js';

/**
 * 1 − Levenshtein distance / the longer length: 1 for equal strings, 0 for nothing in common.
 * Tests use it to state the premise of a case ("close, but below the threshold"); the verifier
 * itself searches windows with `prefixEditDistances` directly.
 */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const distance = prefixEditDistances(a, b, 0, b.length, Infinity).at(-1) ?? longer;
  return 1 - distance / longer;
}

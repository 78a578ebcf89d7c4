import { boundedRuns } from '../text/index.js';
import { prefixEditDistances } from './edit-similarity.js';

/**
 * Finding the span of a long text that a pattern nearly matches, fast enough for a 30,000-word
 * article: a q-gram count rules out almost every window, and only the windows left are aligned
 * with Levenshtein distance.
 *
 * The filter loses nothing (the q-gram lemma): a window within k edits of a pattern of length m
 * shares at least m − q + 1 − k·q of the pattern's q-grams, because each edit spoils at most q of
 * them. A window that counts fewer cannot match. Below a similarity of about 0.75 the bound drops
 * to nothing for short quotes; then any shared q-gram admits a window, and only the
 * MAX_CANDIDATES best-counting ones are aligned.
 */

const GRAM = 3;
/** Windows aligned in full, at most; more only happens in text that repeats itself, where any of them will do. */
const MAX_CANDIDATES = 64;
/** Inside of a character class: letters, digits and marks make a word. */
const WORD_CHARACTERS = '\\p{L}\\p{N}\\p{M}';
const NON_SPACE = /\S+/g;

export interface ApproximateIndex {
  readonly text: string;
  /** Every position of each q-gram, keyed by its character codes. */
  readonly grams: ReadonlyMap<number, readonly number[]>;
  /** Where a window may start: at a word or a run of non-spaces. */
  readonly startsWord: Uint8Array;
  /** Where a window may end: just past a word or a run of non-spaces. */
  readonly endsWord: Uint8Array;
}

export interface ApproximateMatch {
  readonly start: number;
  readonly end: number;
  readonly similarity: number;
}

export function indexForApproximateSearch(text: string): ApproximateIndex {
  const grams = new Map<number, number[]>();
  for (let position = 0; position + GRAM <= text.length; position++) {
    const key = gramKey(text, position);
    const positions = grams.get(key);
    if (positions) positions.push(position);
    else grams.set(key, [position]);
  }
  const startsWord = new Uint8Array(text.length + 1);
  const endsWord = new Uint8Array(text.length + 1);
  // Words as bounded runs: /[\p{L}\p{N}\p{M}]+/gu overflows V8's stack on a few megabytes of Chinese.
  for (const { start, end } of boundedRuns(text, WORD_CHARACTERS)) {
    startsWord[start] = 1;
    endsWord[end] = 1;
  }
  for (const match of text.matchAll(NON_SPACE)) {
    startsWord[match.index] = 1;
    endsWord[match.index + match[0].length] = 1;
  }
  return { text, grams, startsWord, endsWord };
}

/**
 * The word-aligned span of the indexed text most similar to `pattern` (similarity: 1 − Levenshtein
 * distance / the longer length), or null when none reaches `minSimilarity`. Both sides should already be
 * folded the same way; the earliest span wins a tie.
 */
export function findApproximateMatch(index: ApproximateIndex, pattern: string, minSimilarity: number): ApproximateMatch | null {
  const length = pattern.length;
  if (length < GRAM || minSimilarity <= 0 || minSimilarity > 1) return null;
  // similarity = 1 − d / max(m, n) with n ≤ m + d, so d ≤ m·(1 − s)/s.
  const maxEdits = Math.floor((length * (1 - minSimilarity)) / minSimilarity + 1e-9);
  const windowLength = length + maxEdits;
  const candidates = candidateStarts(index, pattern, windowLength, Math.max(1, length - GRAM + 1 - maxEdits * GRAM));

  let best: ApproximateMatch | null = null;
  for (const start of candidates) {
    const distances = prefixEditDistances(pattern, index.text, start, windowLength, maxEdits);
    for (let spanLength = Math.max(1, length - maxEdits); spanLength < distances.length; spanLength++) {
      if (!index.endsWord[start + spanLength]) continue;
      const similarity = 1 - distances[spanLength]! / Math.max(length, spanLength);
      if (similarity >= minSimilarity && (!best || similarity > best.similarity)) best = { start, end: start + spanLength, similarity };
    }
  }
  return best;
}

/**
 * Window starts whose window of `windowLength` holds at least `threshold` of the pattern's
 * q-grams, counted with the pattern's multiplicity so the count never falls below the lemma's.
 * A difference array adds each occurrence to all the windows that hold it at once.
 */
function candidateStarts(index: ApproximateIndex, pattern: string, windowLength: number, threshold: number): number[] {
  const multiplicity = new Map<number, number>();
  for (let position = 0; position + GRAM <= pattern.length; position++) {
    const key = gramKey(pattern, position);
    multiplicity.set(key, (multiplicity.get(key) ?? 0) + 1);
  }
  const changes = new Int32Array(index.text.length + 1);
  for (const [key, weight] of multiplicity) {
    for (const position of index.grams.get(key) ?? []) {
      changes[Math.max(0, position - (windowLength - GRAM))]! += weight;
      changes[position + 1]! -= weight;
    }
  }

  const passing: { start: number; count: number }[] = [];
  let count = 0;
  for (let start = 0; start < index.text.length; start++) {
    count += changes[start]!;
    if (count >= threshold && index.startsWord[start]) passing.push({ start, count });
  }
  const kept = passing.length > MAX_CANDIDATES ? passing.sort((a, b) => b.count - a.count).slice(0, MAX_CANDIDATES) : passing;
  return kept.map(({ start }) => start).sort((a, b) => a - b);
}

/** Three UTF-16 code units in one number: 48 bits, exact in a double. */
function gramKey(text: string, position: number): number {
  return text.charCodeAt(position) * 0x1_0000_0000 + text.charCodeAt(position + 1) * 0x1_0000 + text.charCodeAt(position + 2);
}

import { QUOTE_MARKS } from './quote-marks.js';
import type { TextSpan } from './text-span.js';

/**
 * A text with its typography folded away, so a model's spelling of a quote meets the source's:
 * curly, low and angled quote marks and corner brackets (「」) become straight ones, dashes
 * become "-", "…" becomes "...", every run of whitespace (newlines, NBSP, thin spaces) becomes
 * one space, and invisible characters (soft hyphens, zero-width spaces) go. Case is kept; see
 * `caseless`.
 */
export interface FoldedText {
  readonly text: string;
  /** For each folded character, where the original character(s) it came from start... */
  readonly starts: Int32Array;
  /** ...and end. The three dots of a folded "…" share one original span. */
  readonly ends: Int32Array;
}

const FOLDS = new Map<string, string>([
  ...QUOTE_MARKS.filter(({ mark, plain }) => mark !== plain).map(({ mark, plain }): [string, string] => [mark, plain]),
  ...[...'‐‑‒–—―−﹣－'].map((dash): [string, string] => [dash, '-']),
  ['…', '...'],
]);
/** Soft hyphen and zero-width characters. U+FEFF is whitespace to JavaScript but invisible in text. */
const INVISIBLE = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';
/** What folding changes: whitespace runs, invisible characters, and the characters in FOLDS. */
const FOLDABLE = new RegExp(`[${INVISIBLE}]+|(?:(?![${INVISIBLE}])\\s)+|[${[...FOLDS.keys()].join('')}]`, 'gu');

export function foldText(text: string): FoldedText {
  const pieces: string[] = [];
  // "…" is the only character that grows (to three), so this is room enough.
  const capacity = text.length + 2 * (text.split('…').length - 1);
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  let length = 0;
  /** Characters kept as they are map one to one. */
  const keep = (start: number, end: number): void => {
    pieces.push(text.slice(start, end));
    for (let index = start; index < end; index++, length++) {
      starts[length] = index;
      ends[length] = index + 1;
    }
  };
  const replace = (folded: string, start: number, end: number): void => {
    pieces.push(folded);
    for (let count = 0; count < folded.length; count++, length++) {
      starts[length] = start;
      ends[length] = end;
    }
  };

  let kept = 0;
  for (const match of text.matchAll(FOLDABLE)) {
    keep(kept, match.index);
    kept = match.index + match[0].length;
    const folded = FOLDS.get(match[0]) ?? (INVISIBLE.includes(match[0].charAt(0)) ? '' : ' ');
    replace(folded, match.index, kept);
  }
  keep(kept, text.length);
  return { text: pieces.join(''), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** The original span that the folded characters [start, end) came from; `end` must be past `start`. */
export function originalSpan(folded: FoldedText, start: number, end: number): TextSpan {
  return { start: folded.starts[start] ?? 0, end: folded.ends[end - 1] ?? 0 };
}

/** The first folded offset whose character comes from at or after `originalOffset`. */
export function foldedOffset(folded: FoldedText, originalOffset: number): number {
  let low = 0;
  let high = folded.starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((folded.starts[middle] ?? 0) < originalOffset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Lower case that keeps every offset: the few characters whose lower case is longer ("İ") stay
 * as they are, so positions found in the result are positions in `text`.
 */
export function caseless(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // Unit by unit (no u flag: a surrogate half stays as it is), skipping what cannot change: an
  // array of every character of a long text would take hundreds of megabytes.
  return text.replace(/[^a-z0-9\s]/g, (char) => {
    const lowered = char.toLowerCase();
    return lowered.length === 1 ? lowered : char;
  });
}

/** Whitespace runs collapsed to single spaces, ends trimmed: how contexts and names are shown. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

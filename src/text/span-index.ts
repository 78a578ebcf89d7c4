import type { TextSpan } from './text-span.js';

/**
 * Binary searches over spans in text order (sorted by start, none overlapping: sentences,
 * paragraphs, quotes). A scan of every sentence for each quote or mention is quadratic on a long
 * text (a 5 MB paste has 60,000 sentences); these answer the same questions in log time.
 */

/** The first index in [0, length) at which `reached` holds, or `length`; `reached` must be false then true. */
export function firstIndexWhere(length: number, reached: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reached(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The index of the span holding `offset`, or -1: what `spans.findIndex((span) => span.start <= offset && offset < span.end)` answers. */
export function spanIndexAt(spans: readonly TextSpan[], offset: number): number {
  const index = firstSpanStartingAfter(spans, offset) - 1;
  return index >= 0 && offset < spans[index]!.end ? index : -1;
}

/** The index of the first span that starts after `offset`, or `spans.length`. */
export function firstSpanStartingAfter(spans: readonly TextSpan[], offset: number): number {
  return firstIndexWhere(spans.length, (index) => spans[index]!.start > offset);
}

/** The index of the first span that ends after `offset`, or `spans.length`. */
export function firstSpanEndingAfter(spans: readonly TextSpan[], offset: number): number {
  return firstIndexWhere(spans.length, (index) => spans[index]!.end > offset);
}

/** The index of the first of `sorted` (ascending numbers) at or after `value`, or `sorted.length`. */
export function firstAtOrAfter(sorted: ArrayLike<number>, value: number): number {
  return firstIndexWhere(sorted.length, (index) => sorted[index]! >= value);
}

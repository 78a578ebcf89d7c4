import { describe, expect, it } from 'vitest';
import { firstAtOrAfter, firstSpanEndingAfter, firstSpanStartingAfter, sentenceSpans, spanIndexAt, type TextSpan } from '../../src/text/index.js';

/** Spans as sentences and paragraphs are: in order, none overlapping, none empty, gaps of any size between. */
function randomSpans(seed: number, count: number): TextSpan[] {
  let state = seed;
  const next = (limit: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % limit;
  };
  const spans: TextSpan[] = [];
  let at = next(3);
  for (let index = 0; index < count; index++) {
    const start = at + next(4);
    const end = start + 1 + next(6);
    spans.push({ start, end });
    at = end;
  }
  return spans;
}

describe('binary searches over spans in text order', () => {
  it('answer what a scan of every span answers, at every offset', () => {
    for (const seed of [1, 2, 3, 42]) {
      for (const count of [0, 1, 2, 7, 50]) {
        const spans = randomSpans(seed, count);
        const last = spans.at(-1)?.end ?? 0;
        for (let offset = -1; offset <= last + 2; offset++) {
          expect(spanIndexAt(spans, offset)).toBe(spans.findIndex((span) => span.start <= offset && offset < span.end));
          const startingAfter = spans.findIndex((span) => span.start > offset);
          expect(firstSpanStartingAfter(spans, offset)).toBe(startingAfter === -1 ? spans.length : startingAfter);
          const endingAfter = spans.findIndex((span) => span.end > offset);
          expect(firstSpanEndingAfter(spans, offset)).toBe(endingAfter === -1 ? spans.length : endingAfter);
        }
      }
    }
  });

  it('find the sentence that holds an offset in a real text', () => {
    const text = 'Mayor Jane Okafor spoke first. “We cannot wait,” she said.\n\nThe plan passed.';
    const sentences = sentenceSpans(text);
    expect(sentences).toHaveLength(3);
    expect(spanIndexAt(sentences, text.indexOf('Okafor'))).toBe(0);
    expect(spanIndexAt(sentences, text.indexOf('wait'))).toBe(1);
    // The blank line between paragraphs is in no sentence.
    expect(spanIndexAt(sentences, text.indexOf('\n'))).toBe(-1);
    expect(spanIndexAt(sentences, text.indexOf('plan'))).toBe(2);
  });

  it('find the first number at or after a value in a sorted list, repeats included', () => {
    const sorted = Float64Array.from([2, 4, 4, 4, 9]);
    expect([0, 2, 3, 4, 5, 9, 10].map((value) => firstAtOrAfter(sorted, value))).toEqual([0, 0, 1, 1, 4, 4, 5]);
    expect(firstAtOrAfter([], 1)).toBe(0);
  });
});

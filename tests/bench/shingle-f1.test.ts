import { describe, expect, it } from 'vitest';
import { matchShingles, scoreExtraction } from '../../bench/metrics/shingle-f1.js';

const article = 'The city council approved the new budget on Tuesday evening.';

describe('matchShingles', () => {
  it('finds every shingle of an identical text', () => {
    expect(matchShingles(article, article)).toEqual({ truePositive: 1, falsePositive: 0, falseNegative: 0 });
  });

  it('counts a partial overlap as shares of all shingles', () => {
    // Truth "a b c d e" has shingles abcd, bcde; prediction "b c d e f" has bcde, cdef.
    expect(matchShingles('a b c d e', 'b c d e f')).toEqual({ truePositive: 1 / 3, falsePositive: 1 / 3, falseNegative: 1 / 3 });
  });

  it('keeps case and counts repeated shingles as a multiset', () => {
    expect(matchShingles('one two three four', 'One two three four')).toEqual({ truePositive: 0, falsePositive: 0.5, falseNegative: 0.5 });
    expect(matchShingles('w x y z', 'w x y z. w x y z')).toEqual({ truePositive: 0.2, falsePositive: 0.8, falseNegative: 0 });
  });

  it('makes one shorter shingle of a text under four words', () => {
    expect(matchShingles('Breaking news', 'Breaking news!')).toEqual({ truePositive: 1, falsePositive: 0, falseNegative: 0 });
  });

  it('splits words as Python\'s Unicode \\w does', () => {
    expect(matchShingles('Zürich café_bar 2024', 'Zürich, café_bar; 2024')).toEqual({ truePositive: 1, falsePositive: 0, falseNegative: 0 });
  });
});

describe('scoreExtraction', () => {
  it('gives 1 when every page is extracted exactly', () => {
    expect(scoreExtraction([matchShingles(article, article), matchShingles('short text', 'short text')])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('leaves an empty prediction out of precision but counts it as 0 recall', () => {
    const score = scoreExtraction([matchShingles(article, article), matchShingles(article, '')]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(2 / 3, 12);
  });

  it('counts a page with nothing to find and nothing found as perfect', () => {
    expect(scoreExtraction([matchShingles('', '')])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('averages per page, then takes the harmonic mean of the averages', () => {
    // Page 1: P = R = 1/2. Page 2: truth "a b c d e f", prediction "a b c d": tp 1/3, fn 2/3, so P 1, R 1/3.
    const score = scoreExtraction([matchShingles('a b c d e', 'b c d e f'), matchShingles('a b c d e f', 'a b c d')]);
    const precision = (0.5 + 1) / 2;
    const recall = (0.5 + 1 / 3) / 2;
    expect(score.precision).toBeCloseTo(precision, 12);
    expect(score.recall).toBeCloseTo(recall, 12);
    expect(score.f1).toBeCloseTo((2 * precision * recall) / (precision + recall), 12);
  });
});

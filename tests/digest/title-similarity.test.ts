import { describe, expect, it } from 'vitest';
import { candidateTitlePairs, MIN_TITLE_SIMILARITY, MIN_TITLE_WORDS, sameStoryTitle, titleTokens, tokenSetSimilarity } from '../../src/digest/title-similarity.js';
import { DAY_MS, HOUR_MS } from '../../test-support/feed-items.js';

const base = new Date('2024-05-07T06:00:00Z');
const at = (offsetMs: number): Date => new Date(base.getTime() + offsetMs);

describe('titleTokens', () => {
  it('lower-cases, splits on punctuation and removes apostrophes', () => {
    expect(titleTokens("Morning briefing: Tuesday, the news you DON'T want to miss")).toEqual([
      'morning', 'briefing', 'tuesday', 'the', 'news', 'you', 'dont', 'want', 'to', 'miss',
    ]);
    expect(titleTokens('  — ')).toEqual([]);
  });
});

describe('tokenSetSimilarity', () => {
  it('is 1 for the same words in another order, case or punctuation', () => {
    expect(tokenSetSimilarity('Rates held: bank says', 'bank says rates HELD')).toBe(1);
  });

  it('ignores repeated words', () => {
    expect(tokenSetSimilarity('rates rates held', 'rates held')).toBe(1);
  });

  it('divides the shared words by the larger set', () => {
    // 9 shared of 10 distinct words: one word added.
    expect(tokenSetSimilarity('one two three four five six seven eight nine', 'one two three four five six seven eight nine ten')).toBeCloseTo(0.9);
    // 5 shared of 6 on each side: one word replaced.
    expect(tokenSetSimilarity('one two three four five six', 'one two three four five seven')).toBeCloseTo(5 / 6);
    expect(tokenSetSimilarity('alpha beta', 'gamma delta')).toBe(0);
  });

  it('is 0 when either title has no words', () => {
    expect(tokenSetSimilarity('', '')).toBe(0);
    expect(tokenSetSimilarity('!!', 'rates held')).toBe(0);
  });
});

describe('sameStoryTitle', () => {
  const briefing = 'Morning briefing: Tuesday, news you need today';

  it('matches a recurring title within 48 hours, inclusive', () => {
    expect(sameStoryTitle({ title: briefing, publishedAt: base }, { title: briefing, publishedAt: at(30 * HOUR_MS) })).toBe(true);
    expect(sameStoryTitle({ title: briefing, publishedAt: at(48 * HOUR_MS) }, { title: briefing, publishedAt: base })).toBe(true);
  });

  it('does not match a recurring title a week (or just over 48 hours) apart', () => {
    expect(sameStoryTitle({ title: briefing, publishedAt: base }, { title: briefing, publishedAt: at(7 * DAY_MS) })).toBe(false);
    expect(sameStoryTitle({ title: briefing, publishedAt: base }, { title: briefing, publishedAt: at(48 * HOUR_MS + 1) })).toBe(false);
  });

  it('needs at least 6 words in each title', () => {
    const five = 'Live updates from the summit';
    expect(sameStoryTitle({ title: five, publishedAt: base }, { title: five, publishedAt: base })).toBe(false);
    const six = 'Live updates from the climate summit';
    expect(sameStoryTitle({ title: six, publishedAt: base }, { title: six, publishedAt: base })).toBe(true);
  });

  it('needs similarity of at least 0.9', () => {
    const a = 'Central bank holds interest rates steady again';
    expect(sameStoryTitle({ title: a, publishedAt: base }, { title: 'Central bank raises interest rates steady again', publishedAt: base })).toBe(false);
    expect(sameStoryTitle({ title: a, publishedAt: base }, { title: 'Interest rates: central bank holds steady again', publishedAt: base })).toBe(true);
  });

  it('does not match when a date is missing', () => {
    expect(sameStoryTitle({ title: briefing, publishedAt: null }, { title: briefing, publishedAt: base })).toBe(false);
  });
});

describe('candidateTitlePairs', () => {
  it('never leaves out a pair that tokenSetSimilarity accepts, and prunes the rest', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const vocabulary = Array.from({ length: 60 }, (_, index) => `word${index}`);
    const pick = () => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'word0';
    // Base titles of 10 to 14 words, each with a word of its own (its rarest). Variants drop that word,
    // swap another, or add one: 90% alike without sharing the base's rarest word, which is what a
    // filter that looked at too few words would miss.
    const titles = Array.from({ length: 60 }, (_, index) => {
      const base = [`own${index}`, ...new Set(Array.from({ length: 9 + Math.floor(random() * 5) }, pick))];
      return [base, base.slice(1), base.map((word, position) => (position === 1 ? `swap${index}` : word)), [...base, pick()]];
    }).flat().map((words) => words.join(' '));

    const candidates = new Set(candidateTitlePairs(titles).map(([a, b]) => `${a}:${b}`));
    let accepted = 0;
    for (let a = 0; a < titles.length; a += 1) {
      for (let b = a + 1; b < titles.length; b += 1) {
        const [left, right] = [titles[a] ?? '', titles[b] ?? ''];
        if (titleTokens(left).length < MIN_TITLE_WORDS || titleTokens(right).length < MIN_TITLE_WORDS) continue;
        if (tokenSetSimilarity(left, right) < MIN_TITLE_SIMILARITY) continue;
        accepted += 1;
        expect(candidates.has(`${a}:${b}`), `${left} ~ ${right}`).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(60);
    expect(candidates.size).toBeLessThan((titles.length * (titles.length - 1)) / 2 / 5);
  });
});

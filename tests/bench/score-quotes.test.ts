import { describe, expect, it } from 'vitest';
import { judgeSpeaker, scoreArticle, type GoldQuote } from '../../bench/metrics/score-quotes.js';

const speech = (text: string, speaker: string | null): GoldQuote => ({ text, speaker, kind: 'speech' });

describe('judgeSpeaker', () => {
  it.each([
    ['Donald Trump', 'Donald Trump', 'right'],
    ['the White House', 'White House', 'right'],
    ['José Ramos', 'Jose Ramos', 'right'],
    ['Trump', 'Donald Trump', 'short'],
    ['Cuba', 'Bruno Rodriguez', 'wrong'],
    ['Browns DL Sheldon Richardson', 'Sheldon Richardson', 'wrong'],
    [null, 'Bruno Rodriguez', 'unattributed'],
  ] as const)('%s for %s is %s', (printed, gold, verdict) => {
    expect(judgeSpeaker(printed, gold)).toBe(verdict);
  });
});

describe('scoreArticle', () => {
  const gold = [
    speech('We will not accept these terms under any circumstances', 'Bruno Rodriguez'),
    speech('The plant will close in March next year', 'Oliver Grant'),
    speech('Nobody told us anything about the closure', null),
    { text: 'The Art of the Deal', speaker: null, kind: 'other' as const },
  ];

  it('counts recall, not-quotes and each speaker verdict', () => {
    const counts = scoreArticle(gold, [
      { text: 'We will not accept these terms under any circumstances,', speaker: 'Bruno Rodriguez' },
      { text: 'The plant will close in March', speaker: 'Cuba' },
      { text: 'Nobody told us anything about the closure', speaker: 'Oliver Grant' },
      { text: 'The Art of the Deal', speaker: null },
      { text: 'a disaster', speaker: null },
    ]);
    expect(counts).toMatchObject({ gold: 3, named: 2, right: 1, wrong: 1, unattributed: 0, unnamed: 1, unnamedGivenSpeaker: 1 });
    // "a disaster" is under three words and not scored; the book title is not a quote.
    expect(counts).toMatchObject({ found: 5, foundScored: 4, notQuotes: 1 });
  });

  it('misses a quote that no found span shares most words with', () => {
    const counts = scoreArticle(gold, [{ text: 'terms under a different deal entirely for the plant workers', speaker: null }]);
    expect(counts.named + counts.unnamed).toBe(0);
    expect(counts.notQuotes).toBe(1);
  });
});

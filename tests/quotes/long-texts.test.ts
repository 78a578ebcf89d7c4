import { describe, expect, it } from 'vitest';
import { attributeQuotes, findQuotes } from '../../src/quotes/index.js';
import { MAX_FRAME_CHARS } from '../../src/quotes/attribute-quote.js';
import { MAX_ATTRIBUTED_QUOTES } from '../../src/quotes/attribute-quotes.js';

/** Words with no full stop: a sentence as long as asked. */
const words = (length: number): string => 'and the council talked about the river again '.repeat(Math.ceil(length / 45)).slice(0, length).trim();

describe('the quote finder on texts no article is like', () => {
  it(`attributes the first ${MAX_ATTRIBUTED_QUOTES} quotes of a text that holds more, in text order`, () => {
    const text = Array.from({ length: 1500 }, (_, index) => `“Remark number ${index} was made here,” said Jane Okafor.`).join(' ');
    const { quotes } = attributeQuotes(text);
    expect(quotes).toHaveLength(MAX_ATTRIBUTED_QUOTES);
    expect(text.slice(quotes[0]!.quote.pieces[0]!.start, quotes[0]!.quote.pieces[0]!.end)).toBe('Remark number 0 was made here,');
    expect(text.slice(quotes.at(-1)!.quote.pieces[0]!.start, quotes.at(-1)!.quote.pieces[0]!.end)).toBe(`Remark number ${MAX_ATTRIBUTED_QUOTES - 1} was made here,`);
    expect(new Set(quotes.map((quote) => quote.speaker))).toEqual(new Set(['Jane Okafor']));
  });

  it('reads an attribution at the start of a long sentence when the quote is within reach of it', () => {
    const text = `Jane Okafor said ${words(MAX_FRAME_CHARS - 500)} “the barrier will hold back the river this spring”.`;
    expect(findQuotes(text)).toEqual([expect.objectContaining({ text: 'the barrier will hold back the river this spring', speaker: 'Jane Okafor' })]);
  });

  it(`reads no further back than ${MAX_FRAME_CHARS} characters in an endless sentence`, () => {
    const text = `Jane Okafor said ${words(MAX_FRAME_CHARS + 500)} “the barrier will hold back the river this spring”.`;
    expect(findQuotes(text)).toEqual([expect.objectContaining({ text: 'the barrier will hold back the river this spring', speaker: null })]);
  });

  it('resolves each pronoun of many quotes in one endless sentence to the one person named', () => {
    const text = `Jane Okafor said ${'“yes” she said and '.repeat(5000)}that was all.`;
    const { quotes } = attributeQuotes(text);
    expect(quotes).toHaveLength(MAX_ATTRIBUTED_QUOTES);
    expect(quotes.every((quote) => quote.speaker === 'Jane Okafor')).toBe(true);
  });

  it('resolves a pronoun after hundreds of repeated sentences to the person of its own', () => {
    const paragraph = 'Mayor Jane Okafor said the barrier would be finished by spring. “We cannot wait for another flood,” she told the council.';
    const text = `${paragraph} `.repeat(MAX_ATTRIBUTED_QUOTES - 1) + 'Tom Reed, the engineer, spoke next. “It will hold,” he said.';
    const { quotes } = attributeQuotes(text);
    expect(quotes.slice(0, -1).every((quote) => quote.speaker === 'Jane Okafor' && quote.rule === 'after')).toBe(true);
    expect(quotes.at(-1)).toMatchObject({ speaker: 'Tom Reed', rule: 'after' });
  });
});

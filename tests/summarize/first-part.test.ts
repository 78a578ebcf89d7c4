import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/article/build-article.js';
import { createExtractiveSummarizer } from '../../src/summarize/index.js';
import { FIRST_PART_NOTE, firstPartToSummarise, MAX_SUMMARISED_CHARS } from '../../src/summarize/first-part.js';

const opening = [
  'Council Backs Flood Barrier',
  'The Riverton City Council voted 7-2 on Tuesday night to fund a flood barrier along the river district after record spring rains.',
  '“We cannot wait for another record flood to reach the river district,” Mayor Jane Okafor told the council before the vote.',
  'Construction is expected to start in the autumn and to take two years, the city engineer said in a statement on Wednesday.',
].join('\n\n');
const filler = 'Residents along the river have asked the council for years to protect their homes from the spring floods that come each year.';
const tail = '“Nobody reads this far into a text,” said Late Speaker, whose words stand past the limit.';

/** An article whose text runs past the limit, with a quote only after it (built whole: the article's own cap is not under test). */
function longArticle() {
  const paragraphs = [opening];
  let length = opening.length;
  while (length <= MAX_SUMMARISED_CHARS) {
    paragraphs.push(filler);
    length += filler.length + 2;
  }
  paragraphs.push(tail);
  const base = articleFromText(opening, { kind: 'text', url: null, path: null }, { applyGate: false });
  return { ...base, paragraphs, text: paragraphs.join('\n\n') };
}

describe('the first part of a very long text', () => {
  it('is the whole text when it is within the limit', () => {
    expect(firstPartToSummarise('Short text.\n\nTwo paragraphs.', 100)).toEqual({ text: 'Short text.\n\nTwo paragraphs.', cut: false });
  });

  it('ends at the last paragraph break before the limit, else at a line break, a sentence end or a space', () => {
    expect(firstPartToSummarise('First paragraph here.\n\nSecond one is longer than that.', 40)).toEqual({ text: 'First paragraph here.', cut: true });
    expect(firstPartToSummarise('One line of text here.\nAnother line of words.', 30)).toEqual({ text: 'One line of text here.', cut: true });
    expect(firstPartToSummarise('A sentence ends here. Another one goes on and on.', 30)).toEqual({ text: 'A sentence ends here.', cut: true });
    expect(firstPartToSummarise('words without any full stop at all', 20)).toEqual({ text: 'words without any', cut: true });
  });

  it('is cut at the limit in one long token, but never between the halves of a surrogate pair', () => {
    expect(firstPartToSummarise('x'.repeat(50), 20)).toEqual({ text: 'x'.repeat(20), cut: true });
    const emoji = '😀'.repeat(20);
    const { text } = firstPartToSummarise(emoji, 11);
    expect(text).toBe('😀'.repeat(5));
    expect(emoji.startsWith(text)).toBe(true);
  });

  it('is what the extractive summariser summarises and finds quotes in, and the reader is told', async () => {
    const article = longArticle();
    expect(article.text.length).toBeGreaterThan(MAX_SUMMARISED_CHARS);
    const result = await createExtractiveSummarizer().summarize({ article, options: { length: 'standard', language: null, quotes: true } });
    expect(result.notes).toContain(FIRST_PART_NOTE);
    const firstPart = article.text.slice(0, MAX_SUMMARISED_CHARS);
    for (const bullet of result.bullets) expect(firstPart).toContain(bullet);
    expect(result.quotes.map((quote) => quote.text)).toEqual(['We cannot wait for another record flood to reach the river district']);
    expect(result.quotes[0]?.speaker).toBe('Jane Okafor');
  });

  it('adds no note for a text within the limit', async () => {
    const article = articleFromText(`${opening}\n\n${filler}`, { kind: 'text', url: null, path: null }, { applyGate: false });
    const result = await createExtractiveSummarizer().summarize({ article, options: { length: 'standard', language: null, quotes: true } });
    expect(result.notes).not.toContain(FIRST_PART_NOTE);
  });
});

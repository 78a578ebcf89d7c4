import { describe, expect, it } from 'vitest';
import { caseless, sentenceSpans, splitSentences } from '../../src/text/index.js';

describe('sentences of lines that cannot end one', () => {
  it('are the lines themselves, trimmed, however many and however long', () => {
    const long = 'words, words and "more" words - (all) of them; no end '.repeat(200).trim();
    expect(splitSentences(`  first line without an end \n${long}\n\nthird: 5 > 4 @ #tag`)).toEqual(['first line without an end', long, 'third: 5 > 4 @ #tag']);
    const text = 'flood\n'.repeat(100_000);
    const spans = sentenceSpans(text);
    expect(spans).toHaveLength(100_000);
    expect(spans[99_999]).toEqual({ start: 599_994, end: 599_999 });
  });

  it('still split where a line has a full stop, an exclamation or a question mark', () => {
    expect(splitSentences('It rained! Then it stopped\nDid it? Yes. Mr. Reed said so')).toEqual(['It rained!', 'Then it stopped', 'Did it?', 'Yes.', 'Mr. Reed said so']);
  });
});

describe('caseless', () => {
  it('keeps every offset of a long text that holds a character whose lower case is longer', () => {
    const text = `İstanbul ${'Council MEMBERS Met '.repeat(50_000)}Ω`;
    const lowered = caseless(text);
    expect(lowered).toHaveLength(text.length);
    expect(lowered.startsWith('İstanbul council members met ')).toBe(true);
    expect(lowered.endsWith('council members met ω')).toBe(true);
  });
});

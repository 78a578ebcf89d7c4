import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/index.js';

describe('splitSentences', () => {
  it.each([
    ['titles', 'Mr. Smith met Dr. Jones and Sen. Warren on Monday. They talked.', ['Mr. Smith met Dr. Jones and Sen. Warren on Monday.', 'They talked.']],
    ['initials', 'J. R. Smith and John F. Kennedy Jr. spoke yesterday. The vote was close.', ['J. R. Smith and John F. Kennedy Jr. spoke yesterday.', 'The vote was close.']],
    ['dotted acronyms inside a sentence', 'Officials in the U.S. Capitol and the U.K. Parliament agreed. Talks end today.', ['Officials in the U.S. Capitol and the U.K. Parliament agreed.', 'Talks end today.']],
    ['a dotted acronym ending a sentence', 'He moved to the U.S. Then he left for good.', ['He moved to the U.S.', 'Then he left for good.']],
    ['a quotation holding several sentences', 'He said, “We are ready. We will go.” Then he left.', ['He said, “We are ready. We will go.”', 'Then he left.']],
    ['straight quotes', 'She said "It is over. We lost." Nobody replied.', ['She said "It is over. We lost."', 'Nobody replied.']],
    ['German quotation marks', '„Wir sind bereit. Wir gehen“, sagte er. Danach ging er.', ['„Wir sind bereit. Wir gehen“, sagte er.', 'Danach ging er.']],
    ['numbers and months', 'Prices rose 3.5% in Jan. 2024 in St. Louis. Gov. Abbott said so.', ['Prices rose 3.5% in Jan. 2024 in St. Louis.', 'Gov. Abbott said so.']],
  ])('keeps %s together', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('never joins across paragraphs', () => {
    expect(splitSentences('He spoke to Mr.\n\nSmith was not there.')).toEqual(['He spoke to Mr.', 'Smith was not there.']);
  });

  it('returns every character of the text, trimmed, in order', () => {
    const text = 'One sentence here. Another one, with “a quote. In two parts.” And a last one!';
    expect(splitSentences(text).join(' ')).toBe(text);
  });
});

/**
 * Hostile inputs for the text side (issue 12): texts built to make a pass over words, sentences
 * or quotes quadratic, or a regular expression overflow its stack. Each generator is a name and a
 * function that builds the text, so a test and a benchmark (bench:hostile) build the same input.
 * Sizes are UTF-8 bytes, as the input cap (FETCH_MAX_BYTES, 5 MiB) counts them: no text here is over `size`.
 */

export const MIB = 1024 * 1024;

/** `unit` repeated as often as fits in `size` UTF-8 bytes (at least once). */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.floor(size / Buffer.byteLength(unit))));
}

const HEADLINE = 'Council backs flood barrier\n\n';

/** A headline, a blank line, then `unit` repeated: all within `size` bytes. */
function underHeadline(unit: string, size: number): string {
  return `${HEADLINE}${repeatTo(unit, size - Buffer.byteLength(HEADLINE) - 1).trim()}\n`;
}

/**
 * Three sentences of news copy: a named speaker, a quote attributed by pronoun, a plain sentence.
 * Repeated, every sentence has a name or a quote in reach, so every per-quote or per-mention scan
 * over the whole text shows.
 */
export const THREE_SENTENCES =
  'Mayor Jane Okafor said the flood barrier would be finished by the spring. ' +
  '“We cannot wait for another record flood to reach the river district,” she told the council on Tuesday. ' +
  'The plan passed by seven votes to two after a long debate about its cost. ';

/** One paragraph (no blank line, no line break) of the same three sentences, over and over. */
export function repeatedParagraph(size: number): string {
  return underHeadline(THREE_SENTENCES, size);
}

/** The same three sentences, each repetition its own paragraph: many paragraphs, many quotes. */
export function repeatedParagraphs(size: number): string {
  return underHeadline(`${THREE_SENTENCES.trim()}\n\n`, size);
}

/** One token with no space or line break in it: letters and digits, as a pasted hash or base64 blob looks. */
export function oneToken(size: number): string {
  return repeatTo('aB3xQ9zK7mW2', size);
}

/** One token of lower-case letters only: a single run for every letter pattern (/\p{L}+/ overflowed the stack on it). */
export function oneLetterToken(size: number): string {
  return repeatTo('floodbarrier', size);
}

/** One sentence of ordinary words that never ends: no full stop, no line break. */
export function oneLongSentence(size: number): string {
  return repeatTo('the council and the mayor discussed the barrier plan with residents of the river district and ', size).trim();
}

/** One word repeated, separated by spaces. */
export function oneWordRepeated(size: number): string {
  return repeatTo('flood ', size).trim();
}

/** Named people only, one short sentence each, so the name registry holds hundreds of thousands of mentions. */
export function manyNames(size: number): string {
  return underHeadline('Jane Okafor met Tom Reed and Ana Paz. ', size);
}

/** Quotes without attribution, back to back in one paragraph: the follow-on rule and the quote frames at scale. */
export function manyQuotes(size: number): string {
  return underHeadline('“The barrier will hold back the river this spring.” ', size);
}

/** Chinese without a space or a line break: every word needs ICU's dictionary, and long runs overflow unbounded regular expressions. */
export function unspacedChinese(size: number): string {
  return repeatTo('市长表示支持这项计划。', size);
}

/** One short word per line: a million lines, each a sentence of its own to the splitter. */
export function oneWordPerLine(size: number): string {
  return repeatTo('flood\n', size);
}

/** Short quotes inside one sentence that never ends: every quote's frame is the same endless sentence. */
export function quotesInOneSentence(size: number): string {
  return repeatTo('and “yes” ', size).trim();
}

/** A named speaker, then quotes attributed by pronoun, all in one endless sentence: every pronoun looks back over it. */
export function pronounQuotesInOneSentence(size: number): string {
  const opening = 'Jane Okafor said ';
  return opening + repeatTo('“yes” she said and ', size - Buffer.byteLength(opening)).trim();
}

/** Every hostile text, by name, at its full size (5 MiB unless the name says otherwise). */
export const HOSTILE_TEXTS: Readonly<Record<string, () => string>> = {
  'repeated-paragraph-1mb': () => repeatedParagraph(MIB),
  'repeated-paragraph-5mb': () => repeatedParagraph(5 * MIB),
  'repeated-paragraphs-5mb': () => repeatedParagraphs(5 * MIB),
  'one-token-5mb': () => oneToken(5 * MIB),
  'one-letter-token-5mb': () => oneLetterToken(5 * MIB),
  'one-long-sentence-5mb': () => oneLongSentence(5 * MIB),
  'one-word-repeated-5mb': () => oneWordRepeated(5 * MIB),
  'many-names-5mb': () => manyNames(5 * MIB),
  'many-quotes-5mb': () => manyQuotes(5 * MIB),
  'unspaced-chinese-5mb': () => unspacedChinese(5 * MIB),
  'one-word-per-line-5mb': () => oneWordPerLine(5 * MIB),
  'quotes-in-one-sentence-5mb': () => quotesInOneSentence(5 * MIB),
  'pronoun-quotes-in-one-sentence-5mb': () => pronounQuotesInOneSentence(5 * MIB),
};

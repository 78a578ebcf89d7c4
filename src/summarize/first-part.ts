/**
 * Past this many characters the offline summariser and quote finder read only the text's first
 * part. Their passes are linear, but a 5 MB paste still costs seconds in each of them (ICU's word
 * segmenter alone takes about two microseconds a Chinese character), and the whole answer must
 * come within 10 s of CPU. Measured on the hostile texts of bench/lib/hostile-texts.ts: at this
 * length the worst of them takes about a second for summary and quotes together (5 MB of Chinese:
 * 0.9 s + 0.15 s; a thousand quotes in one endless sentence: 0.8 s for the quotes). The longest
 * article in the eval set has 48,333 characters; long-form features run to about 100,000. The same
 * as the article's own cap (MAX_ARTICLE_CHARS), so for articles it is a backstop.
 */
export const MAX_SUMMARISED_CHARS = 300_000;

/** The note a reader sees when only the first part of the text was summarised. */
export const FIRST_PART_NOTE = 'Summarised the first part of a very long text.';

/** Where a cut may fall, best first: between paragraphs, lines, sentences, words. */
const BOUNDARIES = ['\n\n', '\n', '. ', ' '];

export interface FirstPart {
  readonly text: string;
  /** Whether `text` is only the first part of the whole. */
  readonly cut: boolean;
}

/**
 * The part of `text` to summarise: all of it up to `maxChars`, else its start, cut at the last
 * paragraph break before the limit (or failing one in the limit's second half, the last line
 * break, sentence end or space). The part is a prefix of the text, so every quote found in it is
 * verbatim in the whole.
 */
export function firstPartToSummarise(text: string, maxChars = MAX_SUMMARISED_CHARS): FirstPart {
  if (text.length <= maxChars) return { text, cut: false };
  const window = text.slice(0, maxChars);
  for (const boundary of BOUNDARIES) {
    const at = window.lastIndexOf(boundary);
    // The full stop stays with its sentence.
    if (at >= maxChars / 2) return { text: window.slice(0, boundary === '. ' ? at + 1 : at).trimEnd(), cut: true };
  }
  // No boundary at all: a hard cut, never between the two halves of a surrogate pair.
  const last = window.charCodeAt(maxChars - 1);
  return { text: last >= 0xd800 && last <= 0xdbff ? window.slice(0, maxChars - 1) : window, cut: true };
}

import type { TextSpan } from '../text/index.js';

/** Underscores stand for quoted words in the masked text. */
const HOLDS_A_QUOTE = /_/;
const PARAGRAPH_BREAK = /\n[ \t\u00A0\r]*\n/;
/** A sentence short enough to be only an attribution ("Kirby said."), with no quote of its own. */
const MAX_ATTRIBUTION_SENTENCE_WORDS = 6;

/** Whole-sentence facts the sieve asks for each quote near a sentence, read once per sentence (keyed by its start). */
export interface SentenceFacts {
  holdsQuote(sentence: TextSpan): boolean;
  /**
   * Whether a blank line stands between `from` and `to`. Asked from a quote's sentence's end (or its
   * close, past it) to the next sentence: no sentence holds a line break, so the rest of the
   * sentence after the quote need not be read, and the quotes of one sentence share the answer.
   */
  breaksParagraph(from: number, to: number): boolean;
  isAttributionSentence(sentence: TextSpan | undefined): boolean;
}

/** Facts about the sentences of `text` (the masked text), each read once and remembered. */
export function sentenceFacts(text: string): SentenceFacts {
  const holding = new Map<number, boolean>();
  const attributing = new Map<number, boolean>();
  const holdsQuote = (sentence: TextSpan): boolean => {
    let holds = holding.get(sentence.start);
    if (holds === undefined) holding.set(sentence.start, (holds = HOLDS_A_QUOTE.test(text.slice(sentence.start, sentence.end))));
    return holds;
  };
  const breaks = new Map<string, boolean>();
  return {
    holdsQuote,
    breaksParagraph(from, to) {
      const key = `${from}:${to}`;
      let found = breaks.get(key);
      if (found === undefined) breaks.set(key, (found = PARAGRAPH_BREAK.test(text.slice(from, to))));
      return found;
    },
    isAttributionSentence(sentence) {
      if (!sentence) return false;
      let attributes = attributing.get(sentence.start);
      if (attributes === undefined) {
        attributes = !holdsQuote(sentence) && text.slice(sentence.start, sentence.end).split(/\s+/).length <= MAX_ATTRIBUTION_SENTENCE_WORDS;
        attributing.set(sentence.start, attributes);
      }
      return attributes;
    },
  };
}


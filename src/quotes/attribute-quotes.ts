import { sentenceSpans, type TextSpan } from '../text/index.js';
import { attributeQuote, type PreviousQuote, type SieveRule } from './attribute-quote.js';
import { buildNameRegistry } from './name-registry.js';
import { findQuotedSpans, maskQuotes, type QuotedSpan } from './quoted-spans.js';
import { sentenceFacts } from './sentence-facts.js';

/** A direct quote with the sieve's verdict on who said it. */
export interface AttributedQuote {
  readonly quote: QuotedSpan;
  readonly speaker: string | null;
  readonly rule: SieveRule | null;
  /** Whether a speech verb frames the quote, which keeps a short quote from reading as a scare quote. */
  readonly framed: boolean;
}

export interface AttributedText {
  readonly quotes: readonly AttributedQuote[];
  readonly sentences: readonly TextSpan[];
}

/**
 * Quotes attributed in one text, at most: the first ones, in text order. An article quotes a few
 * dozen times (67 at most in the eval set); a text with hundreds of thousands of quote marks is
 * no article, and attributing each one costs up to MAX_FRAME_CHARS of reading.
 */
export const MAX_ATTRIBUTED_QUOTES = 1000;

/**
 * Every direct quote in a cleaned article (paragraphs separated by blank lines), in text order,
 * each with its speaker or null, up to MAX_ATTRIBUTED_QUOTES of them. The one reading of "who said
 * this" that the quote finder prints and that a model's speakers are checked against.
 */
export function attributeQuotes(text: string): AttributedText {
  const located = findQuotedSpans(text);
  const sentences = sentenceSpans(text);
  // Every quote is masked, those past the limit too, so that names inside them never count.
  const maskedText = maskQuotes(text, located);
  const sources = { maskedText, sentences, names: buildNameRegistry(maskedText, sentences), facts: sentenceFacts(maskedText) };
  const quotes: AttributedQuote[] = [];
  let previous: PreviousQuote | null = null;
  for (const quote of located.slice(0, MAX_ATTRIBUTED_QUOTES)) {
    const attribution = attributeQuote(quote, sources, previous);
    quotes.push({ quote, ...attribution });
    previous = { speaker: attribution.speaker, close: quote.close, decided: attribution.rule !== null };
  }
  return { quotes, sentences };
}

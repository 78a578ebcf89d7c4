/**
 * The rule-based quote finder and speaker detection: direct quotes read from an article, each with
 * its speaker and its context. The name finder and quote contexts are shared with verification.
 */
export { findNames, type FoundName, type NameFinderOptions } from './find-names.js';
export { attributeQuotes, type AttributedQuote } from './attribute-quotes.js';
export { findQuotes } from './find-quotes.js';
export { quoteSchema, type Quote } from './quote.js';
export { MAX_CONTEXT_CHARS, quoteContext } from './quote-context.js';
export { cleanSpeakerName, nameWords, type SpeakerName } from './speaker-names.js';

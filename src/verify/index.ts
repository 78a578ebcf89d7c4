/**
 * Faithfulness checks on what a model wrote: its quotes held to the source (repaired, cleared or
 * dropped) and merged with the quote finder's, and the claims the source does not support flagged.
 */
export { flagUnsupportedClaims, type ClaimSources } from './flag-claims.js';
export { mergeQuotes } from './merge-quotes.js';
export { verifyQuotes, type QuoteVerificationStats, type VerifiedQuotes, type VerifyQuotesOptions } from './verify-quotes.js';

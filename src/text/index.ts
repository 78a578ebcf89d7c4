/** Low-level text helpers shared by the summarisers, the quote finder and verification. */
export { boundedRuns } from './bounded-runs.js';
export { countWords } from './count-words.js';
export { caseless, collapseWhitespace, foldedOffset, foldText, originalSpan, type FoldedText } from './fold-text.js';
export { QUOTE_MARKS, quoteMarksWhere, type QuoteMark } from './quote-marks.js';
export { sentenceSpans, splitSentences } from './sentences.js';
export { firstAtOrAfter, firstIndexWhere, firstSpanEndingAfter, firstSpanStartingAfter, spanIndexAt } from './span-index.js';
export { splitWords } from './split-words.js';
export { paragraphSpans, trimSpan, type TextSpan } from './text-span.js';
export { hasUnspacedScript } from './unspaced-scripts.js';

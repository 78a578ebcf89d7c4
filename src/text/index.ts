/** Low-level text helpers shared by the summarisers, the quote finder and verification. */
export { caseless, collapseWhitespace, foldedOffset, foldText, originalSpan, type FoldedText } from './fold-text.js';
export { QUOTE_MARKS, quoteMarksWhere, type QuoteMark } from './quote-marks.js';
export { sentenceSpans, splitSentences } from './sentences.js';
export { paragraphSpans, trimSpan, type TextSpan } from './text-span.js';

import { trimSpan, type TextSpan } from './sentences.js';

export { sentenceSpans, trimSpan, type TextSpan } from './sentences.js';

const PARAGRAPH_BREAK = /\r?\n[ \t\u00A0\r]*\n/g;

/** Paragraphs are separated by blank lines; each span is trimmed and none is empty. */
export function paragraphSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  for (const separator of text.matchAll(PARAGRAPH_BREAK)) {
    spans.push(trimSpan(text, start, separator.index));
    start = separator.index + separator[0].length;
  }
  spans.push(trimSpan(text, start, text.length));
  return spans.filter((span) => span.end > span.start);
}

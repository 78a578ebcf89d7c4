/** A half-open range [start, end) of offsets into a text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

const PARAGRAPH_BREAK = /\r?\n[ \t\u00A0\r]*\n/g;

/** The span [start, end) of `text` without the whitespace at either end. */
export function trimSpan(text: string, start: number, end: number): TextSpan {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end };
}

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

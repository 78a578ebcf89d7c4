/** A half-open range [start, end) of offsets into a text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

const PARAGRAPH_BREAK = /\r?\n[ \t\u00A0\r]*\n/g;
/** What may follow a sentence's last mark before the next sentence's first letter. */
const NEXT_SENTENCE_START = /[ \t\u00A0]+["“‘«„»(\[]*[\p{Lu}\d]/uy;
const SENTENCE_END = /[.!?…]+["”’»)\]]*/g;
/** Words that end in a period without ending the sentence: "Mr. Kirby", "Jan. 5". */
const ABBREVIATIONS = new Set([
  'Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sr', 'Jr', 'St', 'Sen', 'Rep', 'Gov', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt',
  'Cmdr', 'Adm', 'Maj', 'Rev', 'Hon', 'Pres', 'Supt', 'Insp', 'Det', 'Mt', 'Ft', 'vs', 'approx', 'cf',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
]);
const INITIAL = /^\p{Lu}$/u;
const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;
const LAST_WORD = /[\p{L}.]+$/u;

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

/**
 * Sentences with their offsets, which a quote's context and attribution need (the shared
 * `splitSentences` returns strings only). A line break always ends a sentence, so headlines
 * and captions stay apart from the prose; "Mr.", initials and "U.S." never end one.
 */
export function sentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const paragraph of paragraphSpans(text)) {
    let lineStart = paragraph.start;
    while (lineStart < paragraph.end) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline > paragraph.end ? paragraph.end : newline;
      splitLine(text, trimSpan(text, lineStart, lineEnd), spans);
      lineStart = lineEnd + 1;
    }
  }
  return spans.filter((span) => span.end > span.start);
}

function splitLine(text: string, line: TextSpan, spans: TextSpan[]): void {
  let start = line.start;
  const body = text.slice(line.start, line.end);
  for (const mark of body.matchAll(SENTENCE_END)) {
    const end = line.start + mark.index + mark[0].length;
    if (end >= line.end) break;
    NEXT_SENTENCE_START.lastIndex = end;
    if (!NEXT_SENTENCE_START.test(text)) continue;
    const isSinglePeriod = mark[0].startsWith('.') && !mark[0].startsWith('..');
    if (isSinglePeriod && endsWithAbbreviation(text.slice(start, line.start + mark.index))) continue;
    spans.push(trimSpan(text, start, end));
    start = end;
  }
  spans.push(trimSpan(text, start, line.end));
}

function endsWithAbbreviation(textBeforePeriod: string): boolean {
  const word = LAST_WORD.exec(textBeforePeriod)?.[0] ?? '';
  return ABBREVIATIONS.has(word) || INITIAL.test(word) || DOTTED_ACRONYM.test(word);
}

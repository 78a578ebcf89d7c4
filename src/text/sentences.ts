import { QUOTE_MARKS, quoteMarksWhere } from './quote-marks.js';
import { segmentInWindows } from './segment-in-windows.js';
import { trimSpan, type TextSpan } from './text-span.js';

/**
 * Sentence splitting: ICU's segmenter, then a merging layer for the places it splits where a
 * reader would not. ICU breaks after titles ("Mr.", "Sen."), initials ("J."), dotted acronyms
 * ("U.S.") and between the sentences of one quotation; those pieces are joined back here.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/** How much of the sentence so far `shouldJoin` reads: enough for its last word and the marks after it. */
const TAIL_LENGTH = 200;
/** 。！？ end a Chinese or Japanese sentence even before a digit or a Latin lower-case letter ("…完工。2025年…"). */
const FULL_STOP_END = /[。！？．｡][」』”’)）]*\s*$/u;

/** Abbreviations that stand before a name or number and so never end a sentence. */
const PREFIX_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'maj', 'sgt', 'capt', 'cmdr', 'adm',
  'cpl', 'pvt', 'st', 'mt', 'ft', 'rev', 'fr', 'hon', 'pres', 'supt', 'det', 'insp', 'atty', 'no', 'nos', 'vol', 'pp',
  'fig', 'art', 'sec', 'ch', 'vs', 'v', 'approx', 'est', 'dept', 'univ', 'messrs', 'mme', 'mlle', 'sr', 'jr',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Words that begin a new sentence far more often than they continue a name after "U.S." or "Jr.". */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our', 'this', 'that',
  'these', 'those', 'there', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'as', 'after', 'before', 'when', 'while',
  'if', 'since', 'meanwhile', 'however', 'still', 'then', 'now', 'both', 'some', 'many', 'most', 'officials', 'for',
  'with', 'by', 'from', 'to', 'of', 'one', 'what', 'who', 'why', 'how', 'last', 'next', 'earlier', 'later', 'also',
]);

export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => text.slice(span.start, span.end));
}

/**
 * Sentences as trimmed offsets into `text`, for callers that must point back into the source
 * (a quote's context). A line break always ends a sentence, so headlines stay apart from prose.
 */
export function sentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    // A loop rather than push(...spans): spreading a long line's sentences can overflow the call stack.
    if (line.trim()) for (const span of splitLine(line, lineStart)) spans.push(span);
    lineStart += line.length + 1;
  }
  return spans;
}

/**
 * A line of printable ASCII with no . ! or ?: nothing in it can end a sentence (in ASCII only
 * those do, and line breaks, which a line has none of), so it is one sentence without asking ICU.
 * Its segmenter costs microseconds a call, which a paste of a million short lines adds up.
 */
const NO_SENTENCE_END = /^[\t\x20\x22-\x2d\x2f-\x3e\x40-\x7e]*$/;

function splitLine(line: string, offset: number): TextSpan[] {
  if (NO_SENTENCE_END.test(line)) return [trimmed(line, 0, line.length, offset)];
  const spans: TextSpan[] = [];
  let start = 0;
  let hasText = false;
  let previousCut = false;
  const quotation = new QuotationTracker();
  for (const { segment, index, cut } of segmentInWindows(segmenter, line)) {
    // Only the sentence's last characters decide: rereading the whole of it at each segment is quadratic.
    if (hasText && !previousCut && !shouldJoin(line.slice(Math.max(start, index - TAIL_LENGTH), index), segment, quotation)) {
      spans.push(trimmed(line, start, index, offset));
      start = index;
      hasText = false;
      quotation.reset();
    }
    hasText ||= segment.trim() !== '';
    quotation.read(segment);
    previousCut = cut;
  }
  if (hasText) spans.push(trimmed(line, start, line.length, offset));
  return spans;
}

function trimmed(line: string, start: number, end: number, offset: number): TextSpan {
  const span = trimSpan(line, start, end);
  return { start: offset + span.start, end: offset + span.end };
}

function shouldJoin(currentEnd: string, next: string, quotation: QuotationTracker): boolean {
  const nextWord = /^\s*[“"'‘(]?\s*([\p{L}\p{N}]+)/u.exec(next)?.[1] ?? '';
  if (/^[\p{Ll}\p{N}]/u.test(nextWord) && !/[!?]["”’)]?\s*$/.test(currentEnd) && !FULL_STOP_END.test(currentEnd)) return true;
  if (quotation.isOpen()) return true;
  const lastToken = /([\p{L}.]+)\.\s*$/u.exec(currentEnd)?.[1];
  if (!lastToken) return false;
  const bare = lastToken.replace(/\./g, '').toLowerCase();
  // "J." or "F." — an initial inside a name.
  if (/^\p{Lu}$/u.test(lastToken)) return true;
  // "U.S." or "p.m." — a dotted abbreviation; it ends the sentence only when a typical sentence opener follows.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(lastToken)) return !SENTENCE_STARTERS.has(nextWord.toLowerCase());
  if (PREFIX_ABBREVIATIONS.has(bare)) return bare === 'jr' || bare === 'sr' ? !SENTENCE_STARTERS.has(nextWord.toLowerCase()) : true;
  return false;
}

/** Curly double marks that nest: the ones that open a quote (“ „ «) and the ones that close one (” »). */
const OPENING_DOUBLE = quoteMarksWhere(({ plain, role, closedBy }) => plain === '"' && role === 'opening' && closedBy !== undefined);
const CLOSING_DOUBLE = quoteMarksWhere(({ plain, role }) => plain === '"' && role === 'closing');
const DOUBLE_MARKS = new RegExp(`["${OPENING_DOUBLE}${CLOSING_DOUBLE}]`, 'g');
const CLOSED_BY = new Map(QUOTE_MARKS.map(({ mark, closedBy }) => [mark, closedBy ?? '']));

/**
 * Whether a quotation is open at the end of what was read: then ICU split a multi-sentence
 * quotation. Read segment by segment, so a long sentence is never scanned twice.
 */
class QuotationTracker {
  private straightOpen = false;
  private readonly open: string[] = [];

  read(text: string): void {
    for (const [char] of text.matchAll(DOUBLE_MARKS)) {
      if (char === '"') this.straightOpen = !this.straightOpen;
      // The mark that closes the innermost open quote, so “ closes a German „…“ and opens anywhere else.
      else if (this.open.length > 0 && CLOSED_BY.get(this.open.at(-1)!)!.includes(char)) this.open.pop();
      else if (OPENING_DOUBLE.includes(char)) this.open.push(char);
      else this.open.pop();
    }
  }

  isOpen(): boolean {
    return this.straightOpen || this.open.length > 0;
  }

  reset(): void {
    this.straightOpen = false;
    this.open.length = 0;
  }
}

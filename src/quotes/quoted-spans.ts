import { paragraphSpans, QUOTE_MARKS, quoteMarksWhere, trimSpan, type QuoteMark, type TextSpan } from '../text/index.js';

/**
 * One direct quote as it sits in the text. A quote that runs over several paragraphs (each
 * paragraph reopens the mark, only the last one closes it) has one piece per paragraph: the
 * joined words are not a substring of the source, but every piece is.
 */
export interface QuotedSpan {
  /** The quoted words of each paragraph, without marks or outer whitespace. */
  readonly pieces: readonly TextSpan[];
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset just past the closing mark (the paragraph's end for a quote that never closes). */
  readonly close: number;
}

/** Where the search for a closing mark ended: its offset, another opening mark first, or the paragraph's end. */
type CloseSearch = number | 'stray' | 'open' | { readonly reopen: number };

/**
 * "…gets the stick. ‘I’ve got broad shoulders…’": the same mark opening again after a sentence
 * ends, while the quote is still open, is a new paragraph of the same quote whose line break was
 * lost (Daily Mail copy, pasted text). Before that it was a stray mark, and the quote's first part lost.
 */
function reopensAfterSentence(text: string, index: number): boolean {
  let before = index;
  while (before > 0 && isSpace(text.charAt(before - 1))) before--;
  return before < index && SENTENCE_END_BEFORE_REOPENING.test(text.charAt(before - 1));
}

interface MarkStyle {
  opensAt(text: string, index: number, end: number): boolean;
  findClose(text: string, from: number, end: number): CloseSearch;
}

/** What may stand just before an opening mark whose shape does not say it opens (", ' and ‘): a space, a bracket, a dash, an opening mark. */
const BEFORE_AMBIGUOUS_OPENING = new RegExp(`[\\s(\\[{—–\\-/${quoteMarksWhere(({ role, closedBy }) => role === 'opening' && closedBy !== undefined)}]`);
const WHITESPACE = /\s/;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const PUNCTUATION_BEFORE_CLOSING = /[.,!?;:…—–-]/;
const SENTENCE_END_BEFORE_REOPENING = /[.!?…]/;
/** A quote reopened more often than this is no quote: the marks are something else. */
const MAX_REOPENED_PIECES = 20;
/** Punctuation, or a double mark that closes an outer quote. */
const PUNCTUATION_AFTER_CLOSING = new RegExp(`[.,;:!?)\\]…—–${quoteMarksWhere(({ plain, role, standIn }) => plain === '"' && role !== 'opening' && !standIn)}-]`);
/** ‘90s is an elided year, not a quote. */
const ELIDED_YEAR = /^\d\ds/;

function isSpace(char: string): boolean {
  return char === '' || WHITESPACE.test(char);
}

function pairedMarks(opening: string, closings: string, spaceInside: boolean): MarkStyle {
  return {
    opensAt: (text, index, end) => index + 1 < end && (spaceInside || !isSpace(text.charAt(index + 1))),
    findClose(text, from, end) {
      for (let index = from; index < end; index++) {
        const char = text.charAt(index);
        if (closings.includes(char)) return index;
        if (char === opening) return reopensAfterSentence(text, index) ? { reopen: index } : 'stray';
      }
      return 'open';
    },
  };
}

function opensAmbiguousMark(text: string, index: number, end: number): boolean {
  const before = text.charAt(index - 1);
  return (index === 0 || BEFORE_AMBIGUOUS_OPENING.test(before)) && index + 1 < end && !isSpace(text.charAt(index + 1));
}

const straightDouble: MarkStyle = {
  opensAt: opensAmbiguousMark,
  findClose(text, from, end) {
    for (let index = from; index < end; index++) {
      if (text.charAt(index) !== '"') continue;
      // A mark after a space opens: the one we hold never closed.
      if (!isSpace(text.charAt(index - 1))) return index;
      return reopensAfterSentence(text, index) && opensAmbiguousMark(text, index, end) ? { reopen: index } : 'stray';
    }
    return 'open';
  },
};

/**
 * ’ closes a ‘…’ quote but is also the apostrophe (and ' both, in plain text): "it’s" and
 * "Israel’s" (between letters) never close, "’90s" (after a space) never does, and "the
 * players’ union" (a letter, then a space) closes only when nothing surer does before the
 * next quote opens.
 */
function singleMarks(opening: string, closing: string): MarkStyle {
  const style: MarkStyle = {
    opensAt: (text, index, end) => opensAmbiguousMark(text, index, end) && !ELIDED_YEAR.test(text.slice(index + 1, index + 4)),
    findClose(text, from, end) {
      let possessive: number | undefined;
      for (let index = from; index < end; index++) {
        const char = text.charAt(index);
        if (char === opening && style.opensAt(text, index, end)) {
          if (possessive !== undefined) return possessive;
          return reopensAfterSentence(text, index) ? { reopen: index } : 'stray';
        }
        if (char !== closing) continue;
        const before = text.charAt(index - 1);
        const after = index + 1 < end ? text.charAt(index + 1) : '';
        if (isSpace(before) || (LETTER_OR_DIGIT.test(before) && LETTER.test(after))) continue;
        if (after === '' || PUNCTUATION_BEFORE_CLOSING.test(before) || PUNCTUATION_AFTER_CLOSING.test(after)) return index;
        possessive ??= index;
      }
      return possessive ?? 'open';
    },
  };
  return style;
}

function styleOf({ mark, role, apostropheLike, spacedInside }: QuoteMark, closedBy: string): MarkStyle {
  // Only marks shaped like an apostrophe need the apostrophe's rules; ‹ › pair like « ».
  if (apostropheLike) return singleMarks(mark, closedBy);
  return role === 'straight' ? straightDouble : pairedMarks(mark, closedBy, spacedInside === true);
}

/** How each mark that opens a quote finds its close: “ „ « » ‹ 「 『 " ‘ '. */
const STYLES = new Map<string, MarkStyle>(
  QUOTE_MARKS.flatMap((mark): [string, MarkStyle][] => (mark.closedBy === undefined ? [] : [[mark.mark, styleOf(mark, mark.closedBy)]])),
);

interface OpenQuote {
  readonly mark: string;
  readonly style: MarkStyle;
  readonly open: number;
  readonly pieces: TextSpan[];
}

/** Every direct quote in `text`, in order; a quote inside another is part of the outer one. */
export function findQuotedSpans(text: string): QuotedSpan[] {
  const paragraphs = paragraphSpans(text);
  const quotes: QuotedSpan[] = [];
  let carried: OpenQuote | null = null;
  paragraphs.forEach((paragraph, index) => {
    const next = paragraphs[index + 1];
    let from = paragraph.start;
    if (carried) {
      const close = carried.style.findClose(text, paragraph.start + 1, paragraph.end);
      if (typeof close === 'number') {
        carried.pieces.push(trimSpan(text, paragraph.start + 1, close));
        quotes.push({ pieces: carried.pieces, open: carried.open, close: close + 1 });
        from = close + 1;
        carried = null;
      } else {
        carried.pieces.push(trimSpan(text, paragraph.start + 1, paragraph.end));
        // A closing mark forgotten at the very end: keep the paragraphs we have.
        if (!next || !reopens(text, next, carried.mark)) {
          quotes.push({ pieces: carried.pieces, open: carried.open, close: paragraph.end });
          carried = null;
        }
        return;
      }
    }
    carried = scanParagraph(text, paragraph, from, next, quotes);
  });
  return quotes;
}

function reopens(text: string, paragraph: TextSpan, mark: string): boolean {
  return text.charAt(paragraph.start) === mark;
}

/** Adds the paragraph's closed quotes; returns the quote left open for the next paragraph, if any. */
function scanParagraph(
  text: string,
  paragraph: TextSpan,
  from: number,
  next: TextSpan | undefined,
  quotes: QuotedSpan[],
): OpenQuote | null {
  let index = from;
  while (index < paragraph.end) {
    const mark = text.charAt(index);
    const style = STYLES.get(mark);
    if (!style || !style.opensAt(text, index, paragraph.end)) {
      index++;
      continue;
    }
    const close = style.findClose(text, index + 1, paragraph.end);
    if (typeof close === 'object') {
      const reopened = readReopenedQuote(text, style, index, close.reopen, paragraph.end);
      if (reopened) {
        quotes.push(reopened);
        index = reopened.close;
      } else {
        index++; // never closed: look for quotes after the first mark, as for a stray one
      }
    } else if (typeof close === 'number') {
      quotes.push({ pieces: [trimSpan(text, index + 1, close)], open: index, close: close + 1 });
      index = close + 1;
    } else if (close === 'open' && next && reopens(text, next, mark)) {
      return { mark, style, open: index, pieces: [trimSpan(text, index + 1, paragraph.end)] };
    } else {
      index++; // a stray mark: look for quotes after it
    }
  }
  return null;
}

/** A quote whose mark reopens after each of its paragraphs, up to its closing mark; null if it never closes. */
function readReopenedQuote(text: string, style: MarkStyle, open: number, firstReopen: number, end: number): QuotedSpan | null {
  const pieces = [trimSpan(text, open + 1, firstReopen)];
  let reopenedAt = firstReopen;
  while (pieces.length < MAX_REOPENED_PIECES) {
    const close = style.findClose(text, reopenedAt + 1, end);
    if (typeof close === 'number') {
      pieces.push(trimSpan(text, reopenedAt + 1, close));
      return { pieces: pieces.filter((piece) => piece.end > piece.start), open, close: close + 1 };
    }
    if (typeof close !== 'object') return null;
    pieces.push(trimSpan(text, reopenedAt + 1, close.reopen));
    reopenedAt = close.reopen;
  }
  return null;
}

/**
 * `text` with every quote's words blanked out, offsets unchanged, so that names and verbs
 * inside quotes neither attribute a quote nor count as mentions. Line breaks stay.
 */
export function maskQuotes(text: string, quotes: readonly QuotedSpan[]): string {
  let masked = '';
  let position = 0;
  for (const quote of quotes) {
    for (const piece of quote.pieces) {
      masked += text.slice(position, piece.start) + text.slice(piece.start, piece.end).replace(/[^\n]/g, '_');
      position = piece.end;
    }
  }
  return masked + text.slice(position);
}

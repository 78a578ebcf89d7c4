import { collapseWhitespace, firstSpanEndingAfter, type TextSpan } from '../text/index.js';

/** Long enough for a reader to judge a quote, short enough for a Discord field beside it. */
export const MAX_CONTEXT_CHARS = 300;
/** When the quote starts deep in a long sentence, keep this much of the lead-in before it. */
const LEAD_IN_CHARS = 80;
const ELLIPSIS = '…';

/**
 * The sentence(s) a quoted piece sits in, whitespace collapsed. Past MAX_CONTEXT_CHARS it is cut
 * at a word boundary and marked with "…", starting near the quote if the quote starts too deep in.
 */
export function quoteContext(text: string, sentences: readonly TextSpan[], piece: TextSpan): string {
  // Sentences are in text order: those overlapping the piece are a run, found by binary search (a
  // filter over every sentence for each quote is quadratic on a long text).
  const first = firstSpanEndingAfter(sentences, piece.start);
  let last = first;
  while (last < sentences.length && sentences[last]!.start < piece.end) last++;
  let start = first < last ? sentences[first]!.start : piece.start;
  const end = first < last ? sentences[last - 1]!.end : piece.end;
  let prefix = '';
  if (end - start > MAX_CONTEXT_CHARS && piece.start - start > MAX_CONTEXT_CHARS - LEAD_IN_CHARS) {
    const wordStart = text.indexOf(' ', piece.start - LEAD_IN_CHARS);
    start = wordStart === -1 || wordStart >= piece.start ? piece.start : wordStart + 1;
    prefix = ELLIPSIS;
  }
  return prefix + cutAtWord(collapseWhitespace(text.slice(start, end)), MAX_CONTEXT_CHARS - prefix.length);
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - ELLIPSIS.length + 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > 0 ? room.slice(0, lastSpace) : room.slice(0, max - ELLIPSIS.length);
  return cut.replace(/[\s,;:]+$/, '') + ELLIPSIS;
}

import { caseless, firstSpanEndingAfter, foldText, originalSpan, paragraphSpans, quoteMarksWhere, type FoldedText, type TextSpan } from '../text/index.js';
import { findApproximateMatch, indexForApproximateSearch, type ApproximateIndex } from './approximate-match.js';
import { indexOfWholeWords } from './whole-word-search.js';

/** A source text prepared once for locating many quotes in it. */
export interface QuoteSource {
  readonly text: string;
  readonly folded: FoldedText;
  readonly paragraphs: readonly TextSpan[];
  /** Built on first use: only a quote that is not verbatim needs it. */
  approximateIndex(): ApproximateIndex;
}

export interface LocatedQuote {
  readonly how: 'verbatim' | 'repaired';
  /** The quote's words in the source, one piece per paragraph it covers, without quote marks. */
  readonly pieces: readonly TextSpan[];
}

const HAS_WORD = /[\p{L}\p{N}]/u;
/** What a model adds around a quote: marks, spaces, a leading "…", trailing punctuation. */
const LEADING_EXTRAS = /^[\s"'.]+/;
const TRAILING_EXTRAS = /[\s"'.,;:!?。！？，、；：-]+$/;
/** Latin and Chinese/Japanese (full-width) ends of sentences. */
const SENTENCE_ENDS = '.!?。！？';
const SENTENCE_END = new RegExp(`[${SENTENCE_ENDS}]`);
const DOUBLE_MARK = /"/g;
/** Trimmed from the start of a piece: space and every quote mark. */
const EDGE_MARK_BEFORE = new RegExp(`[\\s${quoteMarksWhere(({ standIn }) => !standIn)}]`);
/** Trimmed from its end: space and the marks that are never apostrophes... */
const EDGE_MARK_AFTER = new RegExp(`[\\s${quoteMarksWhere(({ standIn, apostropheLike }) => !standIn && !apostropheLike)}]`);
/** ...since ’ and ' also end words ("players’"): only after punctuation are they surely a closing mark. */
const SINGLE_MARK_AFTER_PUNCTUATION = new RegExp(`[.,!?;:…—–-][${quoteMarksWhere(({ plain, role, standIn }) => plain === "'" && role !== 'opening' && !standIn)}]$`);

export function prepareQuoteSource(text: string): QuoteSource {
  const folded = foldText(text);
  let approximate: ApproximateIndex | undefined;
  return {
    text,
    folded,
    paragraphs: paragraphSpans(text),
    approximateIndex: () => (approximate ??= indexForApproximateSearch(caseless(folded.text))),
  };
}

/**
 * Where a model's quote stands in the source: verbatim once typography is folded (with any marks
 * and trailing punctuation the model added or dropped), else the word-aligned span it nearly
 * matches at `minSimilarity` or more. Null when neither, or when the nearest span runs out of
 * the quote into the narration around it.
 */
export function locateQuote(quoteText: string, source: QuoteSource, minSimilarity: number): LocatedQuote | null {
  const folded = foldText(quoteText).text;
  const core = folded.replace(LEADING_EXTRAS, '').replace(TRAILING_EXTRAS, '');
  if (!HAS_WORD.test(core)) return null;

  let how: LocatedQuote['how'] = 'verbatim';
  let start = indexOfWholeWords(source.folded.text, core);
  let end = start + core.length;
  if (start === -1) {
    const match = findApproximateMatch(source.approximateIndex(), caseless(core), minSimilarity);
    if (!match) return null;
    ({ start, end } = match);
    how = 'repaired';
  }
  // "…the coming week." — the model kept the full stop, so keep the source's too.
  const trailing = TRAILING_EXTRAS.exec(folded)?.[0] ?? '';
  if (SENTENCE_END.test(trailing)) end = past(source.folded.text, end, SENTENCE_ENDS);

  const pieces = piecesByParagraph(source, originalSpan(source.folded, start, end));
  const marksAllowed = core.match(DOUBLE_MARK)?.length ?? 0;
  const leavesQuote = pieces.some((piece) => (foldText(source.text.slice(piece.start, piece.end)).text.match(DOUBLE_MARK)?.length ?? 0) > marksAllowed);
  return pieces.length === 0 || leavesQuote ? null : { how, pieces };
}

function past(text: string, index: number, characters: string): number {
  let end = index;
  while (end < text.length && characters.includes(text.charAt(end))) end++;
  return end;
}

/** The span cut at blank lines (as the quote finder does: joined paragraphs are not verbatim), marks trimmed. */
function piecesByParagraph(source: QuoteSource, span: TextSpan): TextSpan[] {
  const pieces: TextSpan[] = [];
  // Only the paragraphs the span overlaps give a piece: from the first that ends after its start.
  for (let index = firstSpanEndingAfter(source.paragraphs, span.start); index < source.paragraphs.length; index++) {
    const paragraph = source.paragraphs[index]!;
    if (paragraph.start >= span.end) break;
    let start = Math.max(span.start, paragraph.start);
    let end = Math.min(span.end, paragraph.end);
    while (start < end && EDGE_MARK_BEFORE.test(source.text.charAt(start))) start++;
    while (end > start && (EDGE_MARK_AFTER.test(source.text.charAt(end - 1)) || SINGLE_MARK_AFTER_PUNCTUATION.test(source.text.slice(Math.max(start, end - 2), end)))) end--;
    if (end > start && HAS_WORD.test(source.text.slice(start, end))) pieces.push({ start, end });
  }
  return pieces;
}

import { countWords, type TextSpan } from '../text/index.js';
import { attributeQuotes } from './attribute-quotes.js';
import type { Quote } from './quote.js';
import { quoteContext } from './quote-context.js';
import type { QuotedSpan } from './quoted-spans.js';

/** Below this many words an unframed quote is a scare quote ("the so-called “peace plan”")... */
const MIN_UNFRAMED_WORDS = 4;
/** ...unless it is three words woven into the writer's sentence in lower case: accused him of “incessant, manipulative bullying”. A title or a name is capitalised. */
const MIN_UNFRAMED_PARTIAL_WORDS = 3;
const STARTS_LOWER_CASE = /^\P{L}*\p{Ll}/u;
const HAS_WORD = /[\p{L}\p{N}]/u;

interface FoundQuote {
  readonly quote: QuotedSpan;
  readonly pieces: readonly TextSpan[];
  readonly speaker: string | null;
  /** The pieces' words, joined: what ranking and de-duplication compare. */
  readonly words: string;
}

/**
 * Every direct quote in a cleaned article (paragraphs separated by blank lines), attributed
 * and ranked: attributed first, then longer, then earlier. Each `text` is verbatim from `text`.
 *
 * A quote that runs over several paragraphs comes out as one Quote per paragraph, in order,
 * next to each other and with the same speaker: their joined words would not be verbatim.
 */
export function findQuotes(text: string): Quote[] {
  const { quotes, sentences } = attributeQuotes(text);
  const found: FoundQuote[] = [];
  for (const { quote, speaker, framed } of quotes) {
    const pieces = quote.pieces.map((piece) => withoutTrailingComma(text, piece)).filter((piece) => piece.end > piece.start);
    const words = pieces.map((piece) => text.slice(piece.start, piece.end)).join(' ');
    if (!HAS_WORD.test(words)) continue;
    if ((!framed && isScareQuote(words)) || isTitle(words)) continue;
    found.push({ quote, pieces, speaker, words });
  }

  return rank(withoutRepeats(found)).flatMap(({ pieces, speaker }) =>
    pieces.map((piece) => ({
      text: text.slice(piece.start, piece.end),
      speaker,
      context: quoteContext(text, sentences, piece),
    })),
  );
}

/**
 * "…getting worse,” Okafor said" quotes the words, not the comma that hands over to the
 * attribution. Dropping it keeps the text verbatim (a shorter substring) and reads cleanly.
 */
function withoutTrailingComma(text: string, piece: TextSpan): TextSpan {
  let end = piece.end;
  while (end > piece.start && /[,;:\s]/.test(text.charAt(end - 1))) end--;
  return { start: piece.start, end };
}

/** "Takin’ It To The Streets", "The Royal Matchmaker": a short run of capitalised words is a title, not speech. */
const MAX_TITLE_WORDS = 8;
const TITLE_CASE_SHARE = 0.75;

function isTitle(words: string): boolean {
  const lettered = words.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (lettered.length < MIN_UNFRAMED_PARTIAL_WORDS || lettered.length > MAX_TITLE_WORDS) return false;
  return lettered.filter((word) => /^\P{L}*\p{Lu}/u.test(word)).length / lettered.length >= TITLE_CASE_SHARE;
}

function isScareQuote(words: string): boolean {
  const count = countWords(words);
  if (count >= MIN_UNFRAMED_WORDS) return false;
  return count < MIN_UNFRAMED_PARTIAL_WORDS || !STARTS_LOWER_CASE.test(words);
}

/** The same words quoted twice (often once attributed, once in a pull quote) come out once. */
function withoutRepeats(found: readonly FoundQuote[]): FoundQuote[] {
  const kept = new Map<string, FoundQuote>();
  for (const candidate of found) {
    const key = candidate.words.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const earlier = kept.get(key);
    if (!earlier || (!earlier.speaker && candidate.speaker)) kept.set(key, candidate);
  }
  return [...kept.values()];
}

function rank(found: FoundQuote[]): FoundQuote[] {
  return found.sort(
    (a, b) =>
      Number(a.speaker === null) - Number(b.speaker === null) ||
      b.words.length - a.words.length ||
      a.quote.open - b.quote.open,
  );
}

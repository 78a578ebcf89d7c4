import { attributeQuotes } from '../quotes/index.js';
import { caseless, firstIndexWhere, foldText, spanIndexAt, type TextSpan } from '../text/index.js';
import { indexOfWholeWords } from './whole-word-search.js';

/** What became of a speaker a model gave for a verified quote. */
export type SpeakerVerdict = 'kept' | 'replaced' | 'cleared';

export interface SpeakerChecker {
  /**
   * The speaker to print for a verified quote at `span` of the source: the one the source
   * attributes that span to when it attributes it to anyone; otherwise the model's `resolved` name
   * only if the quote's paragraph or the one before names them. `given` is what the model wrote.
   */
  check(span: TextSpan, given: string | null, resolved: string | null): { speaker: string | null; verdict: SpeakerVerdict | null };
}

/** A printed speaker is a name: a few words, no sentence. Longer is a model quoting the article back. */
const MAX_NAME_WORDS = 8;
const MAX_NAME_CHARS = 80;
/** How far from a quote a model's speaker must be named, for text with no paragraph breaks. */
const MAX_REACH_BEFORE = 300;
const MAX_REACH_AFTER = 150;
const SENTENCE_PUNCTUATION = /[!?;:"“”]|\.\s+\p{Ll}/u;

/** "Ursula von der Leyen", "NASA’s Office of the Inspector General": a name holds few lower-case words. */
const MAX_LOWER_CASE_WORDS = 3;
const ENDS_LIKE_A_SENTENCE = /\p{Ll}{2,}\.$/u;

type Attributed = ReturnType<typeof attributeQuotes>['quotes'][number];

/**
 * The first quote with a piece overlapping `span`. Quotes come in text order without overlapping,
 * so those before the first that closes after `span.start` cannot overlap it, and none that opens
 * at or after `span.end` can: a binary search and a short walk, not a scan of every quote.
 */
function quoteOverlapping(quotes: readonly Attributed[], span: TextSpan): Attributed | undefined {
  for (let index = firstIndexWhere(quotes.length, (k) => quotes[k]!.quote.close > span.start); index < quotes.length; index++) {
    const { quote } = quotes[index]!;
    if (quote.open >= span.end) return undefined;
    if (quote.pieces.some((piece) => piece.start < span.end && span.start < piece.end)) return quotes[index];
  }
  return undefined;
}

export function isNameShaped(speaker: string): boolean {
  const trimmed = speaker.trim();
  const words = trimmed.split(/\s+/);
  return (
    trimmed.length > 0 &&
    trimmed.length <= MAX_NAME_CHARS &&
    words.length <= MAX_NAME_WORDS &&
    words.filter((word) => /^\p{Ll}/u.test(word)).length <= MAX_LOWER_CASE_WORDS &&
    !SENTENCE_PUNCTUATION.test(trimmed) &&
    !ENDS_LIKE_A_SENTENCE.test(trimmed)
  );
}

/**
 * Holds a model's speakers to the source's own attributions (the quote finder's sieve): a model
 * that names the wrong person for a quote puts words in someone's mouth, and a wrong speaker is
 * worse than none.
 */
export function createSpeakerChecker(sourceText: string, paragraphs: readonly TextSpan[]): SpeakerChecker {
  let attributed: ReturnType<typeof attributeQuotes>['quotes'] | undefined;

  /** The sieve's reading of the quote at `span`: a speaker, "someone unnamed" (decided, null), or nothing found. */
  const sieveReading = (span: TextSpan): { speaker: string | null; decided: boolean } => {
    attributed ??= attributeQuotes(sourceText).quotes;
    const quote = quoteOverlapping(attributed, span);
    return { speaker: quote?.speaker ?? null, decided: quote?.rule != null };
  };

  /**
   * Whether the quote's paragraph, or the one before it, names `name` (its last word, as a whole
   * word). A text without paragraph breaks is one long paragraph, so the reach is capped in characters too.
   */
  const namedNearby = (span: TextSpan, name: string): boolean => {
    const index = spanIndexAt(paragraphs, span.start);
    if (index === -1) return false;
    const from = Math.max(paragraphs[Math.max(0, index - 1)]!.start, span.start - MAX_REACH_BEFORE);
    const to = Math.min(paragraphs[index]!.end, span.end + MAX_REACH_AFTER);
    const region = caseless(foldText(sourceText.slice(from, to)).text);
    const surname = caseless(foldText(name).text).split(/\s+/).at(-1) ?? '';
    return indexOfWholeWords(region, surname) !== -1;
  };

  return {
    check(span, given, resolved) {
      const gave = given !== null && given.trim() !== '';
      const sieve = sieveReading(span);
      if (sieve.speaker !== null) return { speaker: sieve.speaker, verdict: gave ? (resolved === sieve.speaker ? 'kept' : 'replaced') : null };
      if (!gave) return { speaker: null, verdict: null };
      // "…,” a spokesman said": the source says someone it does not name spoke; a model's name for them is a guess.
      const keep = !sieve.decided && resolved !== null && isNameShaped(given) && isNameShaped(resolved) && namedNearby(span, resolved);
      return keep ? { speaker: resolved, verdict: 'kept' } : { speaker: null, verdict: 'cleared' };
    },
  };
}

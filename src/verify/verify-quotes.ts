import { MAX_CONTEXT_CHARS, quoteContext, type Quote } from '../quotes/index.js';
import { caseless, collapseWhitespace, foldedOffset, foldText, originalSpan, sentenceSpans, spanIndexAt, type TextSpan } from '../text/index.js';
import { locateQuote, prepareQuoteSource, type QuoteSource } from './locate-quote.js';
import { searchKey } from './search-key.js';
import { createSpeakerChecker } from './check-speaker.js';
import { readSourceSpeakers, type SourceSpeakers } from './source-speakers.js';

/** A model's quote may differ from its source span by a typo or a changed word in ten characters, no more. */
export const DEFAULT_MIN_SIMILARITY = 0.9;

export interface VerifyQuotesOptions {
  /** Least edit similarity (1 − Levenshtein / longer length) for a near-verbatim quote to be repaired. */
  minSimilarity?: number;
}

export interface QuoteVerificationStats {
  /** Found as given, once typography is folded. */
  verbatim: number;
  /** Replaced by the source span they nearly match. */
  repaired: number;
  /** Not in the source at all. */
  dropped: number;
  /** Kept quotes whose speaker the model named, printed with no speaker: the source never names them, or not near the quote. */
  speakersCleared: number;
  /** Kept quotes printed with the speaker the source gives them rather than the model's. */
  speakersReplaced: number;
}

export interface VerifiedQuotes {
  quotes: Quote[];
  stats: QuoteVerificationStats;
}

/**
 * Keeps only what the source says. Each quote's text becomes its exact span in `sourceText`
 * (verbatim or repaired, else the quote is dropped); its speaker is the one the source attributes the
 * span to, else the model's in the source's fullest form if named beside the quote, else null; its context stays only if the source has it beside the quote. The same
 * words quoted twice come out once. Counts are per quote the model gave, so verbatim + repaired +
 * dropped is `llmQuotes.length`; a quote over several paragraphs comes out as one Quote per paragraph.
 */
export function verifyQuotes(llmQuotes: readonly Quote[], sourceText: string, options: VerifyQuotesOptions = {}): VerifiedQuotes {
  const minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
  const source = prepareQuoteSource(sourceText);
  let speakers: SourceSpeakers | undefined;
  const stats: QuoteVerificationStats = { verbatim: 0, repaired: 0, dropped: 0, speakersCleared: 0, speakersReplaced: 0 };
  const checker = createSpeakerChecker(sourceText, source.paragraphs);
  const byKey = new Map<string, Quote>();

  for (const llmQuote of llmQuotes) {
    const located = locateQuote(llmQuote.text, source, minSimilarity);
    if (!located) {
      stats.dropped++;
      continue;
    }
    stats[located.how]++;
    const first = located.pieces[0] ?? { start: 0, end: 0 };
    let resolved: string | null = null;
    if (llmQuote.speaker !== null && llmQuote.speaker.trim() !== '') {
      speakers ??= readSourceSpeakers(sourceText, source.folded);
      resolved = speakers.resolve(llmQuote.speaker, first.start);
    }
    const { speaker, verdict } = checker.check(first, llmQuote.speaker, resolved);
    if (verdict === 'cleared') stats.speakersCleared++;
    if (verdict === 'replaced') stats.speakersReplaced++;
    for (const piece of located.pieces) {
      const text = sourceText.slice(piece.start, piece.end);
      const key = searchKey(text);
      const earlier = byKey.get(key);
      if (earlier) {
        earlier.speaker ??= speaker;
        continue;
      }
      const paragraph = paragraphHolding(source.paragraphs, piece) ?? piece;
      const context = contextInSource(llmQuote.context, paragraph, source) ?? quoteContext(sourceText, sentencesOf(sourceText, paragraph), piece);
      byKey.set(key, { text, speaker, context });
    }
  }
  return { quotes: [...byKey.values()], stats };
}

/**
 * The model's context as the source spells it, when the quote's own paragraph has it (a true
 * sentence from elsewhere would still mislead about the quote); otherwise null.
 */
function contextInSource(context: string, paragraph: TextSpan, source: QuoteSource): string | null {
  const wanted = caseless(collapseWhitespace(foldText(context).text));
  if (wanted === '' || wanted.length > MAX_CONTEXT_CHARS) return null;
  const from = foldedOffset(source.folded, paragraph.start);
  const to = foldedOffset(source.folded, paragraph.end);
  const index = caseless(source.folded.text.slice(from, to)).indexOf(wanted);
  if (index === -1) return null;
  const span = originalSpan(source.folded, from + index, from + index + wanted.length);
  return collapseWhitespace(source.text.slice(span.start, span.end));
}

/** The paragraph that holds all of `piece`: only the one holding its start can (paragraphs do not overlap). */
function paragraphHolding(paragraphs: readonly TextSpan[], piece: TextSpan): TextSpan | undefined {
  const paragraph = paragraphs[spanIndexAt(paragraphs, piece.start)];
  return paragraph && piece.end <= paragraph.end ? paragraph : undefined;
}

/** Sentences of one paragraph only: splitting a whole long article for a few quotes costs more than the search. */
function sentencesOf(text: string, paragraph: TextSpan): TextSpan[] {
  return sentenceSpans(text.slice(paragraph.start, paragraph.end)).map(({ start, end }) => ({ start: start + paragraph.start, end: end + paragraph.start }));
}

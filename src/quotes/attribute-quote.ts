import type { TextSpan } from '../text/index.js';
import {
  attributionAfter,
  attributionBefore,
  isFramedBySpeech,
  leadInSubject,
  type SpeakerHit,
} from './attribution-patterns.js';
import type { NameRegistry } from './name-registry.js';
import type { QuotedSpan } from './quoted-spans.js';

export interface Attribution {
  /** The fullest name the text gives the speaker, or null when it names none. */
  readonly speaker: string | null;
  /** Whether a speech verb frames the quote, which keeps a short quote from reading as a scare quote. */
  readonly framed: boolean;
}

export interface AttributionSources {
  /** The text with every quote's words blanked out (see `maskQuotes`). */
  readonly maskedText: string;
  readonly sentences: readonly TextSpan[];
  readonly names: NameRegistry;
}

/** The parts of the text around a quote where its speaker may be named. */
interface QuoteFrame {
  /** From the start of the quote's sentence to its opening mark. */
  readonly before: TextSpan;
  /** From its closing mark to the end of its sentence. */
  readonly after: TextSpan;
  readonly previousSentence: TextSpan | undefined;
  /** Only within the quote's paragraph. */
  readonly nextSentence: TextSpan | undefined;
}

const NOTHING_BUT_PUNCTUATION = /^[\s\p{P}_]*$/u;
const PARAGRAPH_BREAK = /\n[ \t\u00A0\r]*\n/;

/**
 * Finds who speaks a quote. In order: an attribution right after it ("…,” he said"); the
 * nearest one before it in its sentence ("Kirby said …", "according to Kirby, …"); the subject
 * of a lead-in ending in a colon or a speech verb; a next sentence that starts with one ("…”
 * Kirby said."); and for a quote that opens its sentence, the sentence before ("Kirby
 * emphasized this. “…”"). Call it in text order: pronouns learn genders as they resolve.
 */
export function attributeQuote(quote: QuotedSpan, sources: AttributionSources): Attribution {
  const text = sources.maskedText;
  const frame = quoteFrame(quote, sources.sentences, text);
  const isBlank = (span: TextSpan): boolean => NOTHING_BUT_PUNCTUATION.test(text.slice(span.start, span.end));
  const hit =
    attributionAfter(text, frame.after) ??
    attributionBefore(text, frame.before) ??
    leadInSubject(text, frame.before) ??
    (isBlank(frame.after) && frame.nextSentence ? attributionAfter(text, frame.nextSentence) : null) ??
    (isBlank(frame.before) && frame.previousSentence ? attributionBefore(text, frame.previousSentence) : null);
  return {
    speaker: hit ? resolve(hit, sources.names) : null,
    framed: isFramedBySpeech(text, frame.before, frame.after),
  };
}

function resolve(hit: SpeakerHit, names: NameRegistry): string | null {
  return hit.kind === 'name' ? names.resolveName(hit.speaker, hit.at) : names.resolvePronoun(hit.pronoun, hit.at);
}

function quoteFrame(quote: QuotedSpan, sentences: readonly TextSpan[], text: string): QuoteFrame {
  const containing = (offset: number): number => {
    const index = sentences.findIndex((sentence) => sentence.start <= offset && offset < sentence.end);
    return index === -1 ? sentences.findIndex((sentence) => sentence.start > offset) - 1 : index;
  };
  const first = Math.max(0, containing(quote.open));
  const last = Math.max(first, containing(quote.close - 1));
  const firstStart = sentences[first]?.start ?? quote.open;
  const lastEnd = sentences[last]?.end ?? quote.close;
  const next = sentences[last + 1];
  const nextInParagraph = next && !PARAGRAPH_BREAK.test(text.slice(quote.close, next.start)) ? next : undefined;
  return {
    before: { start: Math.min(firstStart, quote.open), end: quote.open },
    after: { start: quote.close, end: Math.max(lastEnd, quote.close) },
    previousSentence: sentences[first - 1],
    nextSentence: nextInParagraph,
  };
}

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
  /** The sieve's rule that found the attribution, or null when none did. */
  readonly rule: SieveRule | null;
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

/** Which rule of the sieve named a quote's speaker, for measuring and for checking a model's speaker. */
export type SieveRule = 'after' | 'before' | 'lead-in' | 'next-sentence' | 'previous-sentence' | 'follow-on';

interface SieveStep {
  readonly rule: SieveRule;
  find(text: string, frame: QuoteFrame, isBlank: (span: TextSpan) => boolean): SpeakerHit | null;
}

/**
 * The attribution sieve, most precise rule first (after Muzny et al. and BBC's citron): an
 * attribution right after the quote ("…,” he said"); the nearest one before it in its sentence
 * ("Kirby said …", "according to Kirby, …"); the subject of a lead-in ending in a colon or a
 * speech verb; a next sentence that starts with one ("…” Kirby said."); and for a quote that opens
 * its sentence, the sentence before ("Kirby emphasized this. “…”"). Follow-on quotes are the
 * caller's last step (see `attributeQuotes`): they need the quotes before them.
 */
const SIEVE: readonly SieveStep[] = [
  { rule: 'after', find: (text, frame) => attributionAfter(text, frame.after) },
  { rule: 'before', find: (text, frame) => attributionBefore(text, frame.before) },
  { rule: 'lead-in', find: (text, frame) => leadInSubject(text, frame.before) },
  {
    rule: 'next-sentence',
    find: (text, frame, isBlank) => (isBlank(frame.after) && frame.nextSentence ? attributionAfter(text, frame.nextSentence) : null),
  },
  {
    rule: 'previous-sentence',
    find: (text, frame, isBlank) => (isBlank(frame.before) && frame.previousSentence ? attributionBefore(text, frame.previousSentence) : null),
  },
];

/**
 * Finds who speaks a quote: the first rule of the sieve that names someone decides, and a rule
 * whose name turns out to be no one's (a common word, a place) ends the search with no speaker,
 * since a later, looser rule would only guess. Call it in text order: pronouns learn genders as
 * they resolve.
 */
export function attributeQuote(quote: QuotedSpan, sources: AttributionSources): Attribution {
  const text = sources.maskedText;
  const frame = quoteFrame(quote, sources.sentences, text);
  const isBlank = (span: TextSpan): boolean => NOTHING_BUT_PUNCTUATION.test(text.slice(span.start, span.end));
  const framed = isFramedBySpeech(text, frame.before, frame.after);
  for (const step of SIEVE) {
    const hit = step.find(text, frame, isBlank);
    if (hit) return { speaker: resolve(hit, sources.names), rule: step.rule, framed };
  }
  return { speaker: null, rule: null, framed };
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

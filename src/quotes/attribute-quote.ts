import { firstSpanStartingAfter, spanIndexAt, type TextSpan } from '../text/index.js';
import {
  attributionAfter,
  attributionsBefore,
  isFramedBySpeech,
  leadInSubject,
  type SpeakerHit,
} from './attribution-patterns.js';
import { findNames } from './find-names.js';
import type { NameRegistry } from './name-registry.js';
import { isNeverASpeaker } from './not-speakers.js';
import type { QuotedSpan } from './quoted-spans.js';
import type { SentenceFacts } from './sentence-facts.js';

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
  /** What the sieve learns about a whole sentence once, since many quotes may share it (see sentence-facts.ts). */
  readonly facts: SentenceFacts;
}

/** The quote before this one, for a quote that carries on its speaker's words. */
export interface PreviousQuote {
  readonly speaker: string | null;
  /** Where its closing mark ends. */
  readonly close: number;
  /** Whether a rule decided its speaker (a name, or "a spokesman" for no one); else it is unattributed. */
  readonly decided: boolean;
}

/**
 * The parts of the text around a quote where its speaker may be named. `before` and `after` reach
 * at most MAX_FRAME_CHARS from the quote; the rules read no further into a neighbouring sentence.
 */
interface QuoteFrame {
  /** From the start of the quote's sentence to its opening mark... */
  readonly before: TextSpan;
  /** ...and whether that start lies further back than `before` reaches. */
  readonly beforeCut: boolean;
  /** From its closing mark to the end of its sentence... */
  readonly after: TextSpan;
  /** ...and whether that end lies further on than `after` reaches. */
  readonly afterCut: boolean;
  readonly previousSentence: TextSpan | undefined;
  /** Only within the quote's paragraph. */
  readonly nextSentence: TextSpan | undefined;
}

/**
 * How far from a quote the sieve reads, each way, in characters: further than any sentence of real
 * prose runs (the longest in the eval set is 2,429 characters). A "sentence" longer than this is a
 * paste without full stops; reading all of it again for each of its quotes would be quadratic.
 */
export const MAX_FRAME_CHARS = 4000;

const NOTHING_BUT_PUNCTUATION = /^[\s\p{P}_]*$/u;

/** Which rule of the sieve named a quote's speaker, for measuring and for checking a model's speaker. */
export type SieveRule = 'after' | 'before' | 'lead-in' | 'next-sentence' | 'previous-sentence' | 'follow-on';

interface SieveStep {
  readonly rule: SieveRule;
  /** The attributions the rule finds, likeliest first. */
  find(text: string, frame: QuoteFrame, isBlank: (side: 'before' | 'after') => boolean, facts: SentenceFacts): readonly SpeakerHit[];
}

const one = (hit: SpeakerHit | null): SpeakerHit[] => (hit ? [hit] : []);

/**
 * The attribution sieve, most precise rule first (after Muzny et al. and BBC's citron): an
 * attribution right after the quote ("…,” he said", "…,” said NASA administrator Jim
 * Bridenstine"); the nearest one before it in its sentence ("Kirby said …", "according to
 * Kirby, …"); the subject of a lead-in ending in a colon or a speech verb; a next sentence that
 * starts with one ("…” Kirby said."). Then the caller's follow-on rule (the previous quote's
 * speaker, see `attributeQuotes`), and last, for a quote that opens its sentence, a sentence before
 * it that holds no quote of its own ("Kirby emphasized this. “…”").
 */
const SIEVE: readonly SieveStep[] = [
  { rule: 'after', find: (text, frame) => one(attributionAfter(text, frame.after)) },
  { rule: 'before', find: (text, frame) => attributionsBefore(text, frame.before) },
  // Its sentence's subject is out of reach when the sentence starts further back than the frame.
  { rule: 'lead-in', find: (text, frame) => (frame.beforeCut ? [] : one(leadInSubject(text, frame.before))) },
  {
    rule: 'next-sentence',
    // Only a name or a pronoun: "The club will announce it on Friday." is news, not an attribution.
    find: (text, frame, isBlank, facts) =>
      one(isBlank('after') && facts.isAttributionSentence(frame.nextSentence) ? attributionAfter(text, head(frame.nextSentence!)) : null).filter((hit) => hit.kind !== 'unnamed'),
  },
];

const LAST_RESORT: SieveStep = {
  rule: 'previous-sentence',
  find: (text, frame, isBlank, facts) => {
    const previous = frame.previousSentence;
    if (!isBlank('before') || !previous || facts.holdsQuote(previous)) return [];
    return attributionsBefore(text, tail(previous));
  },
};

/** The first MAX_FRAME_CHARS of a span... */
function head(span: TextSpan): TextSpan {
  return { start: span.start, end: Math.min(span.end, span.start + MAX_FRAME_CHARS) };
}

/** ...and its last. */
function tail(span: TextSpan): TextSpan {
  return { start: Math.max(span.start, span.end - MAX_FRAME_CHARS), end: span.end };
}

/** A follow-on quote carries its predecessor's speaker across at most this much text. */
const MAX_FOLLOW_ON_GAP = 400;

/**
 * Finds who speaks a quote: the first rule of the sieve that finds an attribution decides. A name
 * that is a place, a people or a party is passed over for the rule's next attribution; when it was
 * the rule's only one, the quote gets no speaker, since a later, looser rule would only guess.
 * Call it in text order, with the quote before: pronouns learn genders as they resolve.
 */
export function attributeQuote(quote: QuotedSpan, sources: AttributionSources, previous: PreviousQuote | null): Attribution {
  const text = sources.maskedText;
  const frame = quoteFrame(quote, sources.sentences, sources.facts);
  // A side cut short is never blank: its sentence goes on past what was read.
  const isBlank = (side: 'before' | 'after'): boolean => {
    const span = frame[side];
    return !(side === 'before' ? frame.beforeCut : frame.afterCut) && NOTHING_BUT_PUNCTUATION.test(text.slice(span.start, span.end));
  };
  const framed = isFramedBySpeech(text, frame.before, frame.after);
  const decide = (step: SieveStep): Attribution | null => {
    const hits = step.find(text, frame, isBlank, sources.facts);
    if (hits.length === 0) return null;
    for (const hit of hits) {
      const speaker = resolve(hit, sources.names);
      if (speaker === undefined) continue;
      return { speaker, rule: step.rule, framed };
    }
    return { speaker: null, rule: step.rule, framed };
  };
  for (const step of SIEVE) {
    const decided = decide(step);
    if (decided) return decided;
  }
  // A follow-on quote opens its sentence; one woven into a new sentence ("Twitter pledged to take “…”") is that sentence's.
  if (previous?.decided && isBlank('before') && followsOn(quote, previous, sources)) return { speaker: previous.speaker, rule: 'follow-on', framed };
  return decide(LAST_RESORT) ?? { speaker: null, rule: null, framed };
}

/**
 * Whether a quote carries on the previous quote's words: close after it, with no one else named
 * in between ("… said Oliver Grant. “Every month of delay costs jobs.”").
 */
function followsOn(quote: QuotedSpan, previous: PreviousQuote, sources: AttributionSources): boolean {
  if (quote.open - previous.close > MAX_FOLLOW_ON_GAP) return false;
  const gap = sources.maskedText.slice(previous.close, quote.open);
  if ((gap.match(/\n[ \t\u00A0\r]*\n/g) ?? []).length > 1) return false;
  // Only another person the article names in full breaks the chain: not a place, a body, a stray capitalised word, or someone spoken to or of.
  return findNames(gap).every(({ speaker, start, precedingWord }) => {
    if (speaker.kind === 'organisation' || isNeverASpeaker(speaker.name) || LISTENER_OR_COMPLEMENT.has(precedingWord)) return true;
    const named = sources.names.resolveName(speaker, previous.close + start);
    return named === null || named === previous.speaker || !sources.names.isKnownPerson(named);
  });
}

/** "told Reed", "via Brian Batko", "of the CDF": a name after these is not the one speaking. */
const LISTENER_OR_COMPLEMENT = new Set(['told', 'tells', 'telling', 'via', 'of', 'at', 'for', 'from', 'with', 'by', 'to', 'in', 'on', 'the']);

/** The speaker a hit names, null for no one, or undefined for a name that is never a speaker (a place, a party). */
function resolve(hit: SpeakerHit, names: NameRegistry): string | null | undefined {
  if (hit.kind === 'unnamed') return hit.role ? names.resolveRole(hit.role, hit.at) : null;
  if (hit.kind === 'pronoun') return names.resolvePronoun(hit.pronoun, hit.at);
  if (isNeverASpeaker(hit.speaker.name)) return undefined;
  const speaker = names.resolveName(hit.speaker, hit.at);
  return speaker !== null && isNeverASpeaker(speaker) ? undefined : speaker;
}

function quoteFrame(quote: QuotedSpan, sentences: readonly TextSpan[], facts: SentenceFacts): QuoteFrame {
  /** The sentence holding `offset`; else the one before it (-1 before the first), or -2 past the start of the last. */
  const containing = (offset: number): number => {
    const index = spanIndexAt(sentences, offset);
    if (index !== -1) return index;
    const after = firstSpanStartingAfter(sentences, offset);
    return (after === sentences.length ? -1 : after) - 1;
  };
  const first = Math.max(0, containing(quote.open));
  const last = Math.max(first, containing(quote.close - 1));
  const firstStart = sentences[first]?.start ?? quote.open;
  const lastEnd = sentences[last]?.end ?? quote.close;
  const next = sentences[last + 1];
  const nextInParagraph = next && !facts.breaksParagraph(Math.max(quote.close, lastEnd), next.start) ? next : undefined;
  const beforeStart = Math.min(firstStart, quote.open);
  const afterEnd = Math.max(lastEnd, quote.close);
  return {
    before: { start: Math.max(beforeStart, quote.open - MAX_FRAME_CHARS), end: quote.open },
    beforeCut: beforeStart < quote.open - MAX_FRAME_CHARS,
    after: { start: quote.close, end: Math.min(afterEnd, quote.close + MAX_FRAME_CHARS) },
    afterCut: afterEnd > quote.close + MAX_FRAME_CHARS,
    previousSentence: sentences[first - 1],
    nextSentence: nextInParagraph,
  };
}

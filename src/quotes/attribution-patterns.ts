import type { TextSpan } from '../text/index.js';
import { cleanNameAt, NAME, type Pronoun, type SpeakerName } from './speaker-names.js';
import { INVERTIBLE_SPEECH_VERB, SPEECH_OR_FRAMING_WORD, SPEECH_VERB } from './speech-verbs.js';

/** Who a pattern says is speaking, and where in the text it says so. */
export type SpeakerHit =
  | { readonly kind: 'name'; readonly speaker: SpeakerName; readonly at: number }
  | { readonly kind: 'pronoun'; readonly pronoun: Pronoun; readonly at: number };

const SUBJECT = String.raw`(?:(?<pronoun>[Hh]e|[Ss]he|[Tt]hey)(?![\p{L}])|(?<name>${NAME}))`;
/** ", the National Security Council communications director," or ", 45, a nurse," between a name and its verb. */
const APPOSITIVE = String.raw`(?:(?:,[ \t]+[\p{Ll}\d][^,“”"«»„\n_]{0,120}?){1,3},)?`;
/** The comma closing a name that is itself an appositive: "its chair, Anna Kowalski, said". */
const NAME_AS_APPOSITIVE = ',?';
const HEDGES = String.raw`(?:[ \t]+(?:\p{Ll}+ly|also|later|then|again|once|further|earlier|has|have|had|would|will|did|does))*`;
/** What may sit between a quote's closing mark and an attribution after it. */
const LEAD = String.raw`[\s,.;:!?—–-]*`;

const SUBJECT_THEN_VERB = new RegExp(`${SUBJECT}${APPOSITIVE}${NAME_AS_APPOSITIVE}${HEDGES}[ \\t]+${SPEECH_VERB}`, 'dgu');
const ACCORDING_TO = new RegExp(`(?<![\\p{L}])[Aa]ccording[ \\t]+to[ \\t]+(?:the[ \\t]+)?${SUBJECT}`, 'dgu');

// Sticky: these must match where the text after a quote begins.
const LEADING_SUBJECT_THEN_VERB = new RegExp(`${LEAD}(?:the[ \\t]+)?${SUBJECT}${APPOSITIVE}${NAME_AS_APPOSITIVE}${HEDGES}[ \\t]+${SPEECH_VERB}`, 'dyu');
/** Lower-case words between an inverted verb and its speaker: "said coach Tom Brady", "said former minister Ana Paz". */
const DESCRIPTORS = String.raw`(?:(?!(?:on|in|at|to|from|with|by|for|of|during|after|before|about|last|this|that|when|while|as|and|but)(?![\p{L}]))\p{Ll}+[ \t]+){0,3}`;
const LEADING_VERB_THEN_SUBJECT = new RegExp(`${LEAD}${INVERTIBLE_SPEECH_VERB}[ \\t]+(?:the[ \\t]+)?${DESCRIPTORS}${SUBJECT}`, 'dyu');
const OPENING_SUBJECT = new RegExp(`\\s*(?:the[ \\t]+)?${SUBJECT}`, 'dyu');
const LEADING_ACCORDING_TO = new RegExp(`${LEAD}[Aa]ccording[ \\t]+to[ \\t]+(?:the[ \\t]+)?${SUBJECT}`, 'dyu');
/** A lead-in that hands over to the quote: "Kirby was blunt:", "…, stating,", "…, told reporters:". */
const HANDS_OVER = new RegExp(`(?::|(?<![\\p{L}])${SPEECH_VERB}(?:[ \\t]+\\p{Ll}+){0,2}[,:]?)\\s*$`, 'u');
/** A speech verb at most a few words after the quote: "…,” officials said." */
const VERB_SOON_AFTER = new RegExp(`^${LEAD}(?:[^\\s_]+[ \\t]+){0,4}?${SPEECH_VERB}`, 'iu');
const WORDS_BEFORE_THAT_FRAME = 5;
/** Marks the quote as the writer's distance from a phrase, whatever verb is near. */
const SCARE_MARKER = /(?<![\p{L}])so[- ]called\s*$/iu;

/** `match` ran on a region of `text` that starts at `base`. */
function hitOf(text: string, match: RegExpExecArray, base: number): SpeakerHit | null {
  const pronoun = match.groups?.pronoun;
  const pronounAt = match.indices?.groups?.pronoun?.[0];
  if (pronoun && pronounAt !== undefined) return { kind: 'pronoun', pronoun: pronoun.toLowerCase() as Pronoun, at: base + pronounAt };
  const name = match.groups?.name;
  const relativeNameAt = match.indices?.groups?.name?.[0];
  if (!name || relativeNameAt === undefined) return null;
  const nameAt = base + relativeNameAt;
  const speaker = cleanNameAt(text, name, nameAt);
  return speaker ? { kind: 'name', speaker, at: nameAt } : null;
}

/** Enough text before a span for the look-behinds at its start to see what precedes it. */
const LOOK_BEHIND_CHARS = 8;

/**
 * The hits of `pattern` (global or sticky) from `span.start`, never reading past `span.end`.
 * The region starts a little before the span so that look-behinds see the character before it.
 */
function hitsIn(text: string, span: TextSpan, pattern: RegExp): SpeakerHit[] {
  const base = Math.max(0, span.start - LOOK_BEHIND_CHARS);
  const region = text.slice(base, span.end);
  const matcher = new RegExp(pattern.source, pattern.flags);
  matcher.lastIndex = span.start - base;
  const hits: SpeakerHit[] = [];
  for (let match = matcher.exec(region); match; match = matcher.global ? matcher.exec(region) : null) {
    const hit = hitOf(text, match, base);
    if (hit) hits.push(hit);
  }
  return hits;
}

/** An attribution right after a quote: "…,” he said", "…,” said John Kirby", "…,” according to Kirby". */
export function attributionAfter(text: string, span: TextSpan): SpeakerHit | null {
  const patterns = [LEADING_SUBJECT_THEN_VERB, LEADING_VERB_THEN_SUBJECT, LEADING_ACCORDING_TO];
  for (const pattern of patterns) {
    const hit = hitsIn(text, span, pattern)[0];
    if (hit) return hit;
  }
  return null;
}

/** The attribution nearest the end of a stretch before a quote: "Kirby said …", "according to Kirby, …". */
export function attributionBefore(text: string, span: TextSpan): SpeakerHit | null {
  const hits = [...hitsIn(text, span, SUBJECT_THEN_VERB), ...hitsIn(text, span, ACCORDING_TO)];
  return hits.sort((a, b) => a.at - b.at).at(-1) ?? null;
}

/** The subject opening a lead-in that hands over to the quote: "Kirby was blunt:", "Kirby took the stage, saying,". */
export function leadInSubject(text: string, span: TextSpan): SpeakerHit | null {
  if (!HANDS_OVER.test(text.slice(span.start, span.end))) return null;
  return hitsIn(text, span, OPENING_SUBJECT)[0] ?? null;
}

/**
 * Whether speech frames a quote, which keeps a short quote that would otherwise read as a
 * scare quote: a speech verb just after it, or among the last few words before it.
 */
export function isFramedBySpeech(text: string, before: TextSpan, after: TextSpan): boolean {
  if (VERB_SOON_AFTER.test(text.slice(after.start, after.end))) return true;
  const lead = text.slice(before.start, before.end);
  if (SCARE_MARKER.test(lead)) return false;
  const lastWords = lead.trim().split(/\s+/).slice(-WORDS_BEFORE_THAT_FRAME).join(' ');
  return SPEECH_OR_FRAMING_WORD.test(lastWords);
}

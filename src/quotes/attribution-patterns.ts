import type { TextSpan } from '../text/index.js';
import { cleanNameAt, isRoleTitle, NAME, type Pronoun, type SpeakerName } from './speaker-names.js';
import { FRAMING_VERB, INVERTIBLE_SPEECH_VERB, SPEECH_OR_FRAMING_WORD, SPEECH_VERB } from './speech-verbs.js';

/**
 * Who a pattern says is speaking, and where in the text it says so. `unnamed` is an attribution to
 * someone the text does not name ("a spokesman said", "officials said", "a friend of Smith said"):
 * it decides that the quote has no speaker, so no looser rule goes on to guess one.
 */
export type SpeakerHit =
  | { readonly kind: 'name'; readonly speaker: SpeakerName; readonly at: number }
  | { readonly kind: 'pronoun'; readonly pronoun: Pronoun; readonly at: number }
  | { readonly kind: 'unnamed'; readonly at: number; readonly role?: string };

/** Either case, for words that may open a sentence. */
function anyCase(words: readonly string[]): string {
  return words.map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`).join('|');
}

const DETERMINERS = ['the', 'a', 'an', 'one', 'two', 'three', 'four', 'five', 'several', 'some', 'many', 'most', 'other', 'another', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'both', 'all', 'each', 'this', 'that', 'these', 'those'];
/** Plural nouns that stand for unnamed speakers without a determiner: "officials said". */
const GROUPS = ['officials', 'authorities', 'critics', 'experts', 'analysts', 'residents', 'witnesses', 'sources', 'observers', 'researchers', 'scientists', 'doctors', 'lawyers', 'prosecutors', 'investigators', 'protesters', 'supporters', 'opponents', 'police', 'officers', 'organisers', 'organizers', 'fans', 'parents', 'teachers', 'students', 'economists', 'diplomats', 'activists', 'locals', 'users', 'people', 'reports', 'studies', 'polls', 'documents', 'aides', 'insiders', 'friends', 'neighbours', 'neighbors', 'relatives', 'family', 'members', 'players', 'workers', 'staff', 'employees', 'executives', 'lawmakers', 'legislators', 'senators', 'leaders', 'ministers', 'figures', 'data'];
const LOWER_WORD = String.raw`\p{Ll}[\p{Ll}\p{M}'’-]*`;
const UNNAMED = String.raw`(?:(?:${anyCase(DETERMINERS)})[ \t]+(?:[\p{L}][\p{L}\p{M}'’.-]*[ \t]+){0,3}${LOWER_WORD}|(?:${LOWER_WORD}[ \t]+){0,2}(?:${anyCase(GROUPS)}))(?![\p{L}])`;
const SUBJECT = String.raw`(?:(?<pronoun>[Hh]e|[Ss]he|[Tt]hey)(?![\p{L}])|(?<name>${NAME})|(?<unnamed>${UNNAMED}))`;
/** Words that end a descriptor before a name rather than belong to it. */
const NOT_DESCRIPTOR = String.raw`(?:${anyCase(['the', 'a', 'an', 'on', 'in', 'at', 'to', 'from', 'with', 'by', 'for', 'of', 'during', 'after', 'before', 'about', 'last', 'this', 'that', 'when', 'while', 'as', 'but', 'who', 'whose', 'which', 'where', 'said', 'says', 'told', 'tells', 'added', 'adds', 'and', 'or', 'if', 'because', 'since', 'although', 'though', 'then', 'now', 'yesterday', 'today'])})(?![\p{L}])`;
/**
 * The words before a name that say what the person is, ending in a lower-case word or a comma: "NASA
 * administrator", "the port's operations director,", "JPL scientist and study co-author", "a
 * spokeswoman for Trump Hotels,". The name comes after them, so "said NASA administrator Jim
 * Bridenstine" is Jim Bridenstine, not NASA.
 */
function descriptorBeforeName(lastWord: string): string {
  return String.raw`(?<descriptor>(?:(?:${anyCase(['the', 'a', 'an', 'his', 'her', 'their', 'its'])})[ \t]+)?(?:(?!${NOT_DESCRIPTOR}|${SPEECH_VERB})[\p{L}][\p{L}\p{M}\d'’.&-]*[ \t]+|(?:and|of|for|at)(?:[ \t]+the)?[ \t]+){0,6}?(?:(?!${NOT_DESCRIPTOR}|${SPEECH_VERB})${lastWord}|and)[ \t]+)`;
}
const LOWER_CASE_LAST_WORD = String.raw`\p{Ll}[\p{Ll}\p{M}'’-]*,?`;
const DESCRIPTOR_BEFORE_NAME = descriptorBeforeName(LOWER_CASE_LAST_WORD);
/** Before a name and its verb, a descriptor may also end in a capitalised word and a comma: "a spokeswoman for Trump Hotels, Jennifer Smith, said". */
const DESCRIPTOR_BEFORE_NAME_AND_VERB = descriptorBeforeName(String.raw`(?:${LOWER_CASE_LAST_WORD}|[\p{L}][\p{L}\p{M}\d'’.&-]*,)`);
/**
 * ", the National Security Council communications director," or ", 45, a nurse," between a name and
 * its verb. The first part must hold a lower-case word (it describes); the next may be a place:
 * ", a planetary scientist at NASA's Goddard Space Flight Center in Greenbelt, Maryland,".
 */
const APPOSITIVE = String.raw`(?:,[ \t]+(?=[^,\n]*(?<![\p{L}'’])[\p{Ll}\d])[\p{L}\d][^,“”"«»„\n_]{0,120}?(?:,[ \t]+[\p{L}\d][^,“”"«»„\n_]{0,60}?){0,2},)?`;
/** The comma closing a name that is itself an appositive: "its chair, Anna Kowalski, said". */
const NAME_AS_APPOSITIVE = ',?';
/** "Paganini and his team wrote", "David Williams of Ladbrokes said": the first name is the one speaking. */
const WITH_TEAM = String.raw`(?:[ \t]+and[ \t]+(?:his|her|their)[ \t]+(?:team|colleagues|co-authors|coauthors|wife|husband|staff)|[ \t]+(?:of|from|at)[ \t]+(?:the[ \t]+)?(?<team>${NAME}))?`;
const HEDGES = String.raw`(?:[ \t]+who)?(?:[ \t]+(?:\p{Ll}+ly|also|later|then|again|once|further|earlier|has|have|had|would|will|did|does))*`;
/** What may sit between a quote's closing mark and an attribution after it. */
const LEAD = String.raw`[\s,.;:!?—–-]*`;

const SUBJECT_THEN_VERB = new RegExp(`${SUBJECT}${WITH_TEAM}${APPOSITIVE}(?<comma>${NAME_AS_APPOSITIVE})${HEDGES}[ \\t]+(?<verb>${SPEECH_VERB})`, 'dgu');
/** "Cruz called the suicide a “profound indictment”": the subject's words, framed rather than said. */
const SUBJECT_THEN_FRAMING_VERB = new RegExp(`${SUBJECT}${APPOSITIVE}${NAME_AS_APPOSITIVE}${HEDGES}[ \\t]+(?:${FRAMING_VERB})[ \\t]+(?:[^ \\t\\n.!?_]+[ \\t]+){0,6}(?:as[ \\t]+)?(?:an?[ \\t]+|the[ \\t]+)?$`, 'dgu');
const ACCORDING_TO = new RegExp(`(?<![\\p{L}])[Aa]ccording[ \\t]+to[ \\t]+(?:the[ \\t]+)?(?:${DESCRIPTOR_BEFORE_NAME}(?=\\p{Lu}))?${SUBJECT}`, 'dgu');

// Sticky: these must match where the text after a quote begins.
/** Tried before the described form, so that a full name is never read as a descriptor: “…,” Strauss Zelnick, CEO of Take-Two, adds. */
const LEADING_SUBJECT_THEN_VERB = new RegExp(`${LEAD}(?:the[ \\t]+)?${SUBJECT}${WITH_TEAM}${APPOSITIVE}${NAME_AS_APPOSITIVE}${HEDGES}[ \\t]+${SPEECH_VERB}`, 'dyu');
const LEADING_DESCRIBED_SUBJECT_THEN_VERB = new RegExp(`${LEAD}(?:the[ \\t]+)?${DESCRIPTOR_BEFORE_NAME_AND_VERB}(?=\\p{Lu})${SUBJECT}${WITH_TEAM}${APPOSITIVE}${NAME_AS_APPOSITIVE}${HEDGES}[ \\t]+${SPEECH_VERB}`, 'dyu');
/** Lower-case words between an inverted verb and its speaker: "said coach Tom Brady", "said former minister Ana Paz". */
const DESCRIPTORS = String.raw`(?:(?!(?:on|in|at|to|from|with|by|for|of|during|after|before|about|last|this|that|when|while|as|and|but)(?![\p{L}]))\p{Ll}+[ \t]+){0,3}`;
const LEADING_VERB_THEN_DESCRIBED_NAME = new RegExp(`${LEAD}${INVERTIBLE_SPEECH_VERB}[ \\t]+(?:the[ \\t]+)?${DESCRIPTOR_BEFORE_NAME}(?<name>${NAME})`, 'dyu');
const LEADING_VERB_THEN_SUBJECT = new RegExp(`${LEAD}${INVERTIBLE_SPEECH_VERB}[ \\t]+(?:the[ \\t]+)?${DESCRIPTORS}${SUBJECT}`, 'dyu');
/** "…the little deal" announced in October, said Derek Scissors, …": an inverted attribution later in the quote's sentence. */
const LATER_INVERTED = new RegExp(`,[ \\t]+${INVERTIBLE_SPEECH_VERB}[ \\t]+(?:the[ \\t]+)?(?:${DESCRIPTOR_BEFORE_NAME})?(?<name>${NAME})`, 'dgu');
const OPENING_SUBJECT = new RegExp(`\\s*(?:the[ \\t]+)?${SUBJECT}`, 'dyu');
const LEADING_ACCORDING_TO = new RegExp(`${LEAD}[Aa]ccording[ \\t]+to[ \\t]+(?:the[ \\t]+)?(?:${DESCRIPTOR_BEFORE_NAME}(?=\\p{Lu}))?${SUBJECT}`, 'dyu');
/** A lead-in that hands over to the quote: "Kirby was blunt:", "…, stating,", "…, told reporters:". */
const HANDS_OVER = new RegExp(`(?::|(?<![\\p{L}])${SPEECH_VERB}(?:[ \\t]+\\p{Ll}+){0,2}[,:]?)\\s*$`, 'u');
/** A speech verb at most a few words after the quote: "…,” officials said." */
const VERB_SOON_AFTER = new RegExp(`^${LEAD}(?:[^\\s_]+[ \\t]+){0,4}?${SPEECH_VERB}`, 'iu');
const WORDS_BEFORE_THAT_FRAME = 5;
/** Marks the quote as the writer's distance from a phrase, whatever verb is near. */
const SCARE_MARKER = /(?<![\p{L}])so[- ]called\s*$/iu;

/** A name after one of these is what the speaker is "for", "of" or "at", not the speaker: "a spokesman for the Pentagon said". */
const COMPLEMENT_BEFORE = /(?:^|[^\p{L}])(?:for|of|at|from|with|in|on|to|by|via|and|&)[ \t]+(?:the[ \t]+)?(?:\p{Ll}+[ \t]+){0,2}$/u;
/** "a WeWork spokesperson said", "the Pentagon official said": the name only says whose. */
const ROLE_NOUN_AFTER = /^[ \t]+(?:spokes(?:person|man|woman)|officials?|representatives?|sources?|lawyers?|attorneys?|executives?|aides?|advis[eo]rs?|insiders?|staffers?|employees?|statement|report|study|filing|letter|documents?|columnist|correspondent|analysts?|researchers?)(?![\p{L}])/u;

const POSSESSIVE_AFTER = /^['’]s(?![\p{L}])/u;
/** "the president", "the former mayor": a role that one person in the article may hold. */
const ROLE = /^the[ \t]+(?:(?:former|new|then|late|acting|deputy|vice)[ \t]+)?(?<role>\p{L}+)$/iu;

function unnamedHit(phrase: string, at: number): SpeakerHit {
  const role = ROLE.exec(phrase.trim())?.groups?.role;
  return role && isRoleTitle(role) ? { kind: 'unnamed', at, role: role.toLowerCase() } : { kind: 'unnamed', at };
}

/** `match` ran on a region of `text` that starts at `base`. */
function hitOf(text: string, match: RegExpExecArray, base: number, nameMayFollowPreposition: boolean): SpeakerHit | null {
  // "X is slamming Y's decision, saying …": a participle after a comma belongs to the clause's subject, left to the lead-in rule.
  if (match.groups?.comma && match.groups.verb?.endsWith('ing')) return null;
  const pronoun = match.groups?.pronoun;
  const pronounAt = match.indices?.groups?.pronoun?.[0];
  if (pronoun && pronounAt !== undefined) return { kind: 'pronoun', pronoun: pronoun.toLowerCase() as Pronoun, at: base + pronounAt };
  const unnamedAt = match.indices?.groups?.unnamed?.[0];
  if (unnamedAt !== undefined) return unnamedHit(match.groups?.unnamed ?? '', base + unnamedAt);
  const name = match.groups?.name;
  const relativeNameAt = match.indices?.groups?.name?.[0];
  if (!name || relativeNameAt === undefined) return null;
  const nameAt = base + relativeNameAt;
  if (!nameMayFollowPreposition && COMPLEMENT_BEFORE.test(text.slice(Math.max(0, nameAt - 16), nameAt))) return { kind: 'unnamed', at: nameAt };
  // "United’s head coach said": the possessor is not the one speaking.
  if (POSSESSIVE_AFTER.test(text.slice(nameAt + name.length, nameAt + name.length + 3))) return { kind: 'unnamed', at: nameAt };
  if (ROLE_NOUN_AFTER.test(text.slice(nameAt + name.length, nameAt + name.length + 20))) return { kind: 'unnamed', at: nameAt };
  const speaker = cleanNameAt(text, name, nameAt);
  // "Secretary of State Mike Pompeo said": a title, then the name after "of".
  const team = match.groups?.team;
  const teamAt = match.indices?.groups?.team?.[0];
  if (!speaker && team && teamAt !== undefined) {
    const named = cleanNameAt(text, team, base + teamAt);
    if (named) return { kind: 'name', speaker: named, at: base + teamAt };
  }
  // "the President had said", "Officials said": an attribution to someone the text does not name here.
  if (!speaker) return unnamedHit(text.slice(Math.max(0, nameAt - 4), nameAt) + name, nameAt);
  // "said president and CEO Neil Portnow" reads "and" into the descriptor; "said Smith and Jones" must not.
  if (match.groups?.descriptor?.endsWith('and ') && !speaker.titled) return null;
  return { kind: 'name', speaker, at: nameAt };
}

/** Enough text before a span for the look-behinds at its start to see what precedes it. */
const LOOK_BEHIND_CHARS = 8;

/**
 * The hits of `pattern` (global or sticky) from `span.start`, never reading past `span.end`.
 * The region starts a little before the span so that look-behinds see the character before it.
 */
function hitsIn(text: string, span: TextSpan, pattern: RegExp): SpeakerHit[] {
  const afterPreposition = pattern === ACCORDING_TO || pattern === LEADING_ACCORDING_TO;
  const base = Math.max(0, span.start - LOOK_BEHIND_CHARS);
  const region = text.slice(base, span.end);
  // The pattern itself, its lastIndex set for this region: compiling a copy for every call costs
  // more than the match, tens of microseconds a quote. Nothing between here and the return uses it.
  const matcher = pattern;
  matcher.lastIndex = span.start - base;
  const hits: SpeakerHit[] = [];
  for (let match = matcher.exec(region); match; match = matcher.global ? matcher.exec(region) : null) {
    const hit = hitOf(text, match, base, afterPreposition);
    if (hit) hits.push(hit);
  }
  return hits;
}

/** An attribution right after a quote: "…,” he said", "…,” said John Kirby", "…,” according to Kirby". */
export function attributionAfter(text: string, span: TextSpan): SpeakerHit | null {
  const patterns = [LEADING_SUBJECT_THEN_VERB, LEADING_DESCRIBED_SUBJECT_THEN_VERB, LEADING_VERB_THEN_DESCRIBED_NAME, LEADING_VERB_THEN_SUBJECT, LEADING_ACCORDING_TO];
  for (const pattern of patterns) {
    const hit = hitsIn(text, span, pattern)[0];
    if (hit) return hit;
  }
  // Only up to the next quote: its attribution is its own. Looked for within the span only, which
  // keeps the search short when no quote follows for megabytes.
  const nextQuote = text.slice(span.start, span.end).indexOf('_');
  const untilNextQuote = { start: span.start, end: nextQuote === -1 ? span.end : span.start + nextQuote };
  return hitsIn(text, untilNextQuote, LATER_INVERTED)[0] ?? null;
}

/** The attributions in a stretch before a quote, nearest first: "Kirby said …", "according to Kirby, …". */
export function attributionsBefore(text: string, span: TextSpan): SpeakerHit[] {
  const hits = [...hitsIn(text, span, SUBJECT_THEN_VERB), ...hitsIn(text, span, ACCORDING_TO), ...hitsIn(text, span, SUBJECT_THEN_FRAMING_VERB)];
  return hits.sort((a, b) => b.at - a.at);
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

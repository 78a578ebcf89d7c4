import { firstAtOrAfter, firstIndexWhere, spanIndexAt, type TextSpan } from '../text/index.js';
import { findNames } from './find-names.js';
import { learnGenders } from './learn-genders.js';
import { indexMentions } from './mention-index.js';
import { countOrdinaryWords, nameWords, PLACE_WORDS, withoutLeadingWords, type Pronoun, type SpeakerName } from './speaker-names.js';

/** Turns what an attribution says ("Kirby", "she") into the fullest name the text gives. */
export interface NameRegistry {
  /** Null when the "name" turns out to be a common word capitalised at a sentence's start. */
  resolveName(speaker: SpeakerName, at: number): string | null;
  resolvePronoun(pronoun: Pronoun, at: number): string | null;
  /** The one person named before `at` with this role ("the president" is President Donald Trump); null when none or several are. */
  resolveRole(role: string, at: number): string | null;
  /** Whether `name` is a person the text names with more than one word or a title ("John Kirby", "Mr. Kirby"). */
  isKnownPerson(name: string): boolean;
}

interface Entity {
  readonly name: string;
  readonly words: readonly string[];
  readonly kind: 'person' | 'organisation';
  /** Role titles it is given anywhere ("president"). */
  readonly roles: Set<string>;
  /** Learnt from a title or from a pronoun already resolved to it, so "he" skips a known "she". */
  pronoun: Pronoun | null;
}

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity;
  /** "Steenburgen’s son": a possessor is no sentence's subject. */
  readonly possessive: boolean;
}

const POSSESSIVE_AFTER = /^['’]s(?![\p{L}])/u;
const ACRONYM = /^\p{Lu}{2,6}$/u;

/** A name after these is most likely a place: "withdrew from Khan Yunis". */
const PLACE_PREPOSITIONS = new Set(['in', 'from', 'at', 'near', 'into', 'across', 'inside', 'outside', 'throughout', 'toward', 'towards', 'via', 'around']);
/** Sentences before a pronoun that stand in for its paragraph when the text has none. */
const LOCAL_SENTENCES = 3;
/** A text without paragraph breaks is one paragraph: a pronoun still looks back only this many sentences. */
const MAX_SENTENCES_BACK = 6;
/** How many sentences past the previous paragraph a chain of the same pronoun may lead back. */
const MAX_PRONOUN_CHAIN = 6;
const PRONOUN_FAMILY: Record<'he' | 'she', RegExp> = {
  he: /(?<![\p{L}])(?:he|him|his)(?![\p{L}])/iu,
  she: /(?<![\p{L}])(?:she|her|hers)(?![\p{L}])/iu,
};
/** The same, ending where the text ends: what PRONOUN_FAMILY finds at the end of a cut text and not in the whole. */
const PRONOUN_AT_END: Record<'he' | 'she', RegExp> = {
  he: /(?<![\p{L}])(?:he|him|his)$/iu,
  she: /(?<![\p{L}])(?:she|her|hers)$/iu,
};
/**
 * Mentions a pronoun weighs, at most. Real prose names a few dozen people within a pronoun's reach;
 * a text naming hundreds in a few sentences is a list, not prose, and reading every one of them
 * again for each pronoun would be quadratic. The nearest sentences' mentions are kept.
 */
export const MAX_MENTIONS_IN_REACH = 200;
const PARAGRAPH_BREAK = /\n[ \t\u00A0\r]*\n/g;
/** A headline or caption line: several words, mostly capitalised, with no closing punctuation. */
const MIN_HEADLINE_WORDS = 4;
const HEADLINE_CAPITALISED_SHARE = 0.6;

/**
 * Reads every name mention in `maskedText` (quotes already blanked, so names inside quotes do not
 * count). Places and headline lines are left out: they must not answer for a "he".
 */
export function buildNameRegistry(maskedText: string, sentences: readonly TextSpan[]): NameRegistry {
  const plain = plainWordsOf(maskedText);
  const mentions = readMentions(maskedText, plain);
  learnGenders(maskedText, sentences, mentions);
  // In text order, for binary search: where each paragraph starts.
  const paragraphStarts = [0];
  for (const match of maskedText.matchAll(PARAGRAPH_BREAK)) paragraphStarts.push(match.index + match[0].length);
  const people = new Map<string, Entity>();
  for (const mention of mentions) if (mention.entity.kind === 'person') people.set(mention.entity.name, mention.entity);
  const index = indexMentions(mentions, people.values());
  /** Whether the text between a sentence's end and the next one's uses the pronoun, by sentence, per pronoun: chains reread them. */
  const chainLinks = { he: new Map<number, boolean>(), she: new Map<number, boolean>() };
  /** Where the first he/him/his (or she/her/hers) of each sentence ends, if it has one. */
  const firstPronounEnds = { he: new Map<number, number>(), she: new Map<number, number>() };

  /** The latest person named in full before `at` whose last word (or any word) is `word`; else the first such person in the text. */
  function latestPersonWithWord(word: string, position: 'last' | 'any', at: number): Entity | undefined {
    const named = (position === 'last' ? index.byLastWord : index.byAnyWord).get(word);
    const before = named ? named[firstIndexWhere(named.length, (k) => named[k]!.start >= at) - 1]?.entity : undefined;
    return before ?? (position === 'last' ? index.firstByLastWord : index.firstByAnyWord).get(word);
  }

  let institutionsByInitials: Map<string, string> | undefined;
  /** "DEA" as the article spells it out: "Drug Enforcement Administration". */
  function spelledOut(acronym: string): string | undefined {
    if (!institutionsByInitials) {
      institutionsByInitials = new Map();
      for (const { entity } of mentions) {
        const initials = entity.words.filter((word) => /^\p{Lu}/u.test(word)).map((word) => word.charAt(0)).join('');
        if (entity.kind === 'organisation' && initials.length >= 2 && !institutionsByInitials.has(initials)) institutionsByInitials.set(initials, entity.name);
      }
    }
    return institutionsByInitials.get(acronym);
  }

  return {
    isKnownPerson: (name) => people.has(name),
    resolveRole(role, at) {
      // Only one person holds the role before `at`: the first holder is named before it, and no other is.
      const holders = index.roleHolders().get(role);
      return holders && holders.firstStart < at && !(holders.otherStart < at) ? holders.first.name : null;
    },
    resolveName(written, at) {
      const speaker = withoutLeadingWords(written, countOrdinaryWords(nameWords(written.name), (word) => isOrdinaryWord(word, written, plain)));
      const words = nameWords(speaker.name);
      const single = words.length === 1 ? words[0] : undefined;
      if (single !== undefined && ACRONYM.test(single)) return spelledOut(single) ?? single;
      if (speaker.kind === 'organisation') return speaker.name;
      // A lone surname is the fullest name the article gives it ("Mr. Burton" → "Dan Burton"), even one given later.
      const entity =
        single === undefined
          ? people.get(speaker.name)
          : (latestPersonWithWord(single, 'last', at) ?? latestPersonWithWord(single, 'any', at) ?? people.get(speaker.name));
      if (entity && speaker.pronoun) entity.pronoun ??= speaker.pronoun;
      if (!entity && single !== undefined && !speaker.titled && isPlainWord(single, plain)) return null;
      return entity?.name ?? speaker.name;
    },
    /**
     * Whom a pronoun stands for, looking no further back than the previous paragraph (and a few
     * sentences, for text without paragraphs), unless a chain of the same pronoun leads further.
     * "When unsure, no speaker": "he" or "she" is the nearest sentence's subject, passing over people
     * of the other gender; if the article shows no gender for that subject, only when no one else is
     * named in the pronoun's paragraph (or, when it names no one, in reach). "They" is
     * the one institution in reach. A possessor ("Steenburgen’s son") is no subject.
     */
    resolvePronoun(pronoun, at) {
      const reach = mentionsInReach(pronoun, at).filter((mention) => !mention.possessive);
      if (pronoun === 'they') {
        const institutions = new Set(reach.filter((mention) => mention.entity.kind === 'organisation' || mention.entity.pronoun === 'they').map((mention) => mention.entity));
        return institutions.size === 1 ? [...institutions][0]!.name : null;
      }
      // Nearest sentence first, then the first mention in it: the subject is the likeliest antecedent.
      const people = reach.filter((mention) => mention.entity.kind === 'person' && (mention.entity.pronoun === null || mention.entity.pronoun === pronoun));
      const nearest = people[0];
      if (!nearest) return null;
      if (nearest.entity.pronoun === pronoun) return nearest.entity.name;
      // Its gender unknown: only if no one else who could be meant is named in the pronoun's paragraph (or, without one there, in reach).
      // "Rodgers wants to draw a line under it. He said: …": the one person of the sentence just before.
      if (isOnlyPersonOfNearbySentence(nearest, pronoun, at)) return nearest.entity.name;
      const inParagraph = people.filter((mention) => mention.start >= localStart(at));
      const rivals = new Set((inParagraph.length > 0 ? inParagraph : people).map((mention) => mention.entity));
      if (rivals.size === 1) return nearest.entity.name;
      return null;
    },
  };

  /**
   * Whether `mention` is the only person named in the pronoun's sentence (before it) or the sentence
   * just before, and that sentence does not speak of someone of the other gender ("Rojo was ordered
   * to pay her costs": "she" is not Rojo).
   */
  function isOnlyPersonOfNearbySentence(mention: Mention, pronoun: 'he' | 'she', at: number): boolean {
    const current = spanIndexAt(sentences, at);
    if (current === -1) return false;
    for (const sentenceIndex of [current, current - 1]) {
      const sentence = sentences[sentenceIndex];
      if (!sentence) continue;
      const end = Math.min(sentence.end, at);
      const named = index.peopleBetween(sentence.start, end);
      if (named.count === 0) continue;
      return named.count === 1 && named.entity === mention.entity && !usesPronoun(pronoun === 'he' ? 'she' : 'he', sentenceIndex, end);
    }
    return false;
  }

  /**
   * Whether the sentence up to `end` uses a pronoun of `family` (as PRONOUN_FAMILY tests its text).
   * Many quotes share one long sentence, so where its first such pronoun ends is found once; only
   * a word cut by `end` ("he" of "her") needs a look of its own.
   */
  function usesPronoun(family: 'he' | 'she', sentenceIndex: number, end: number): boolean {
    const sentence = sentences[sentenceIndex]!;
    let firstEnd = firstPronounEnds[family].get(sentenceIndex);
    if (firstEnd === undefined) {
      const match = PRONOUN_FAMILY[family].exec(maskedText.slice(sentence.start, sentence.end));
      firstEnd = match ? sentence.start + match.index + match[0].length : Infinity;
      firstPronounEnds[family].set(sentenceIndex, firstEnd);
    }
    if (firstEnd <= end) return true;
    return end < sentence.end && PRONOUN_AT_END[family].test(maskedText.slice(Math.max(sentence.start, end - 5), end));
  }

  /**
   * Where the pronoun's own stretch of text starts: its paragraph, or in a text without paragraph
   * breaks (pasted copy, some feeds) its last few sentences.
   */
  function localStart(at: number): number {
    const paragraphStart = paragraphStarts[firstIndexWhere(paragraphStarts.length, (k) => paragraphStarts[k]! > at) - 1] ?? 0;
    const current = spanIndexAt(sentences, at);
    const windowStart = sentences[Math.max(0, (current === -1 ? sentences.length : current) - LOCAL_SENTENCES)]?.start ?? 0;
    return Math.max(paragraphStart, windowStart);
  }

  /**
   * Mentions before `at` within the pronoun's reach, nearest sentence first and in text order within
   * each, at most MAX_MENTIONS_IN_REACH of them.
   */
  function mentionsInReach(pronoun: Pronoun, at: number): Mention[] {
    const floor = previousParagraphStart(paragraphStarts, at);
    const current = spanIndexAt(sentences, at);
    const found: Mention[] = [];
    let chained = 0;
    let scanned = 0;
    for (let sentenceIndex = current === -1 ? sentences.length - 1 : current; sentenceIndex >= 0; sentenceIndex--, scanned++) {
      const sentence = sentences[sentenceIndex]!;
      const beyondReach = sentence.end <= floor || scanned >= MAX_SENTENCES_BACK;
      // Past the reach, only a chain of sentences about the same "she" leads further back.
      if (beyondReach) {
        if (pronoun === 'they' || chained >= MAX_PRONOUN_CHAIN || !chainLeadsBack(pronoun, sentenceIndex, at)) break;
        chained++;
      }
      const to = firstAtOrAfter(index.starts, Math.min(sentence.end, at));
      for (let k = firstAtOrAfter(index.starts, sentence.start); k < to && found.length < MAX_MENTIONS_IN_REACH; k++) found.push(mentions[k]!);
      if (found.length >= MAX_MENTIONS_IN_REACH) break;
    }
    return found;
  }

  /** Whether the pronoun's family stands between this sentence's end and the next one's (or `at`, past the last). */
  function chainLeadsBack(pronoun: 'he' | 'she', sentenceIndex: number, at: number): boolean {
    const sentence = sentences[sentenceIndex]!;
    const next = sentences[sentenceIndex + 1];
    if (!next) return PRONOUN_FAMILY[pronoun].test(maskedText.slice(sentence.end, at));
    let leads = chainLinks[pronoun].get(sentenceIndex);
    if (leads === undefined) chainLinks[pronoun].set(sentenceIndex, (leads = PRONOUN_FAMILY[pronoun].test(maskedText.slice(sentence.end, next.end))));
    return leads;
  }
}

/** Where the paragraph before the one holding `at` starts (or the text's start). */
function previousParagraphStart(starts: readonly number[], at: number): number {
  const current = Math.max(0, firstIndexWhere(starts.length, (k) => starts[k]! > at) - 1);
  return starts[Math.max(0, current - 1)] ?? 0;
}

/** Words the text also writes in lower case: "Witness" in "Witness Louie Solano" is one. */
function plainWordsOf(text: string): Set<string> {
  // Added as found: an array of every word of a 5 MB text first would cost a hundred megabytes.
  const words = new Set<string>();
  for (const [word] of text.matchAll(/(?<![\p{L}'’-])\p{Ll}[\p{Ll}'’-]*/gu)) words.add(word);
  return words;
}

/** "Mother-of-two", "Kirby-led": capitalised only because a sentence starts there. */
const DESCRIPTOR = /^\p{Lu}\p{Ll}+(?:-\p{Ll}+)+$/u;

function isPlainWord(word: string, plain: ReadonlySet<string>): boolean {
  return DESCRIPTOR.test(word) || plain.has(word.toLowerCase());
}

/** A sentence-initial common word before a person's name ("Witness Louie Solano"); a titled name or an institution's keeps its words. */
function isOrdinaryWord(word: string, speaker: SpeakerName, plain: ReadonlySet<string>): boolean {
  return speaker.kind === 'person' && !speaker.titled && isPlainWord(word, plain);
}

function readMentions(text: string, plain: ReadonlySet<string>): Mention[] {
  const headlines = headlineLines(text);
  const candidates: { start: number; speaker: SpeakerName; place: boolean }[] = [];
  // Names come in text order, and so do the headline lines: one pointer walks both.
  let line = 0;
  for (const { runStart, precedingWord, speaker, words } of findNames(text, { isOrdinary: (word, name) => isOrdinaryWord(word, name, plain) })) {
    while (line < headlines.length && headlines[line]!.end <= runStart) line++;
    if (line < headlines.length && headlines[line]!.start <= runStart) continue;
    const place = PLACE_PREPOSITIONS.has(precedingWord) || PLACE_WORDS.has(words[words.length - 1] ?? '');
    candidates.push({ start: runStart, speaker, place });
  }
  const places = new Set(candidates.filter((candidate) => candidate.place).map((candidate) => candidate.speaker.name));

  const entities = new Map<string, Entity>();
  // The person most recently named in full with this surname, or with this word anywhere in the name.
  const bySurname = new Map<string, Entity>();
  const byAnyWord = new Map<string, Entity>();
  const mentions: Mention[] = [];
  for (const { start, speaker } of candidates) {
    if (places.has(speaker.name) && !speaker.titled) continue;
    const words = nameWords(speaker.name);
    let entity = entities.get(speaker.name);
    if (!entity && words.length === 1 && speaker.kind === 'person') entity = bySurname.get(speaker.name) ?? byAnyWord.get(speaker.name);
    if (!entity && (words.length > 1 || speaker.titled || speaker.kind === 'organisation')) {
      entity = { name: speaker.name, words, kind: speaker.kind, pronoun: null, roles: new Set() };
      entities.set(speaker.name, entity);
    }
    if (!entity) continue; // a lone capitalised word that we cannot tell from a common one
    entity.pronoun ??= speaker.pronoun;
    for (const role of speaker.roles) entity.roles.add(role);
    mentions.push({ start, end: start + speaker.name.length, entity, possessive: POSSESSIVE_AFTER.test(text.slice(start + speaker.name.length, start + speaker.name.length + 3)) });
    if (entity.kind === 'person' && entity.words.length > 1) {
      bySurname.set(entity.words.at(-1)!, entity);
      for (const word of entity.words) byAnyWord.set(word, entity);
    }
  }
  return mentions;
}

function headlineLines(text: string): TextSpan[] {
  const lines: TextSpan[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/).filter((word) => /\p{L}/u.test(word));
    const capitalised = words.filter((word) => /^\P{L}*\p{Lu}/u.test(word)).length;
    const closesLikeProse = /[.!?:;,”"’»)]\s*$/.test(line);
    if (words.length >= MIN_HEADLINE_WORDS && !closesLikeProse && capitalised / words.length >= HEADLINE_CAPITALISED_SHARE) {
      lines.push({ start, end: start + line.length });
    }
    start += line.length + 1;
  }
  return lines;
}

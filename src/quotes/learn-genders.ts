import type { TextSpan } from '../text/index.js';
import type { Pronoun } from './speaker-names.js';

/** A person mention, as the registry reads them. */
export interface GenderedMention {
  readonly start: number;
  /** Where the name as written ends. */
  readonly end: number;
  readonly entity: { readonly kind: 'person' | 'organisation'; pronoun: Pronoun | null };
}

const HE = /(?<![\p{L}])(?:he|him|his|himself)(?![\p{L}])/giu;
const SHE = /(?<![\p{L}])(?:she|her|hers|herself)(?![\p{L}])/giu;
/** Nouns that say a person's gender when they stand right before or in apposition to the name: "his wife, Ana", "the actress Mary Steenburgen". */
const FEMALE_NOUNS = ['woman', 'actress', 'mother', 'mom', 'mum', 'wife', 'daughter', 'sister', 'girlfriend', 'businesswoman', 'spokeswoman', 'chairwoman', 'congresswoman', 'councilwoman', 'queen', 'princess', 'duchess', 'grandmother', 'grandma', 'niece', 'aunt', 'widow', 'bride', 'girl', 'lady', 'heiress', 'waitress', 'sportswoman', 'policewoman'];
const MALE_NOUNS = ['man', 'father', 'dad', 'husband', 'son', 'brother', 'boyfriend', 'businessman', 'spokesman', 'chairman', 'congressman', 'councilman', 'king', 'prince', 'duke', 'grandfather', 'grandpa', 'nephew', 'uncle', 'widower', 'groom', 'boy', 'gentleman', 'sportsman', 'policeman'];
const GENDERED_BEFORE = new RegExp(`(?<![\\p{L}])(?<noun>${[...FEMALE_NOUNS, ...MALE_NOUNS].join('|')}),?[ \\t]+$`, 'iu');
const GENDERED_AFTER = new RegExp(`^,[ \\t]+(?:(?:a|an|the|his|her|their)[ \\t]+)?(?:[\\p{L}'’-]+[ \\t]+){0,3}?(?<noun>${[...FEMALE_NOUNS, ...MALE_NOUNS].join('|')})(?![\\p{L}])`, 'iu');
const FEMALE = new Set(FEMALE_NOUNS);

/** The gender a noun beside a mention gives it, if any. */
function nounGender(text: string, mention: GenderedMention): 'he' | 'she' | null {
  const noun = GENDERED_BEFORE.exec(text.slice(Math.max(0, mention.start - 30), mention.start))?.groups?.noun ??
    GENDERED_AFTER.exec(text.slice(mention.end, mention.end + 60))?.groups?.noun;
  if (!noun) return null;
  return FEMALE.has(noun.toLowerCase()) ? 'she' : 'he';
}

/** Votes a person needs, and the share of them that must agree, before we trust a gender. */
const MIN_SHARE = 0.75;

/**
 * Learns each person's pronoun from the article itself, where it shows it: a sentence that names
 * one person and uses pronouns of one gender only ("Steenburgen approached it as if the song were a
 * character for her to play") is a vote, and so is a gendered noun beside a name ("his wife, Ana").
 * The sentence after a name does not vote: its "she said" is what we are trying to resolve.
 * A gender already known from a title stays. Quotes are masked, so a speaker's own "I" and "he"
 * inside a quote cast no vote.
 */
export function learnGenders(maskedText: string, sentences: readonly TextSpan[], mentions: readonly GenderedMention[]): void {
  const votes = new Map<GenderedMention['entity'], { he: number; she: number }>();
  const vote = (entity: GenderedMention['entity'], gender: 'he' | 'she'): void => {
    const tally = votes.get(entity) ?? { he: 0, she: 0 };
    tally[gender]++;
    votes.set(entity, tally);
  };
  for (const mention of mentions) {
    const gender = mention.entity.kind === 'person' ? nounGender(maskedText, mention) : null;
    if (gender) vote(mention.entity, gender);
  }
  let mentionIndex = 0;
  for (const sentence of sentences) {
    const people = new Set<GenderedMention['entity']>();
    while (mentionIndex < mentions.length && mentions[mentionIndex]!.start < sentence.end) {
      const mention = mentions[mentionIndex++]!;
      if (mention.start >= sentence.start && mention.entity.kind === 'person') people.add(mention.entity);
    }
    const words = maskedText.slice(sentence.start, sentence.end);
    const he = (words.match(HE) ?? []).length;
    const she = (words.match(SHE) ?? []).length;
    const only = people.size === 1 ? [...people][0]! : null;
    if (only && (he === 0) !== (she === 0)) vote(only, he > 0 ? 'he' : 'she');
  }
  for (const [entity, { he, she }] of votes) {
    if (entity.pronoun !== null) continue;
    if (he / (he + she) >= MIN_SHARE) entity.pronoun = 'he';
    else if (she / (he + she) >= MIN_SHARE) entity.pronoun = 'she';
  }
}

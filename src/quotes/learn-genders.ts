import type { TextSpan } from '../text/index.js';
import type { Pronoun } from './speaker-names.js';

/** A person mention, as the registry reads them. */
export interface GenderedMention {
  readonly start: number;
  readonly entity: { readonly kind: 'person' | 'organisation'; pronoun: Pronoun | null };
}

const HE = /(?<![\p{L}])(?:he|him|his|himself)(?![\p{L}])/giu;
const SHE = /(?<![\p{L}])(?:she|her|hers|herself)(?![\p{L}])/giu;
/** Votes a person needs, and the share of them that must agree, before we trust a gender. */
const MIN_SHARE = 0.75;

/**
 * Learns each person's pronoun from the article itself, where it shows it: a sentence that names
 * one person and uses pronouns of one gender only ("Steenburgen approached it as if the song were a
 * character for her to play") is a vote, and so is the sentence after it when that one names no one.
 * A gender already known from a title stays. Quotes are masked, so a speaker's own "I" and "he"
 * inside a quote cast no vote.
 */
export function learnGenders(maskedText: string, sentences: readonly TextSpan[], mentions: readonly GenderedMention[]): void {
  const votes = new Map<GenderedMention['entity'], { he: number; she: number }>();
  let previousPerson: GenderedMention['entity'] | null = null;
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
    const only = people.size === 1 ? [...people][0]! : people.size === 0 ? previousPerson : null;
    if (only && (he === 0) !== (she === 0)) {
      const tally = votes.get(only) ?? { he: 0, she: 0 };
      if (he > 0) tally.he++;
      else tally.she++;
      votes.set(only, tally);
    }
    previousPerson = people.size === 1 ? [...people][0]! : people.size === 0 ? previousPerson : null;
  }
  for (const [entity, { he, she }] of votes) {
    if (entity.pronoun !== null) continue;
    if (he / (he + she) >= MIN_SHARE) entity.pronoun = 'he';
    else if (she / (he + she) >= MIN_SHARE) entity.pronoun = 'she';
  }
}

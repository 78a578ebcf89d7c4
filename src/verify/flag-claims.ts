import { nameMentions } from './claim-names.js';
import { isNumberSupported, numberMentions, sourceNumberKeys } from './claim-numbers.js';
import { indexSourceNames, isNameSupported } from './name-support.js';

export interface ClaimSources {
  /** Checked like a bullet, before them; when written in title case only its numbers and acronyms are. */
  headline?: string;
}

interface Unsupported {
  readonly text: string;
  readonly index: number;
  readonly key: string;
}

/** Title case capitalises ordinary words, so its capitals say nothing about names. */
const TITLE_CASE_SHARE = 0.75;
const MIN_TITLE_CASE_WORDS = 2;
const SIGNIFICANT_WORD = /\p{L}[\p{L}\p{M}'’-]{3,}/gu;

/**
 * The numbers, percentages and proper names that the summary states and the source does not,
 * each once, as the summary writes them, in order of appearance (headline first). They are
 * flagged for a reader to judge, never removed: the check is textual and can be wrong both ways.
 * Both sides are normalised first ("nine" is "9", "6.30pm" is "18:30", "Kanté" is "Kante", "US"
 * is "United States"), since a flag on a fact the source states another way teaches the reader to
 * ignore flags. The source is read once into sets of keys, so the cost grows with its length.
 */
export function flagUnsupportedClaims(bullets: readonly string[], sourceText: string, extra: ClaimSources = {}): string[] {
  const sourceNumbers = sourceNumberKeys(sourceText);
  const sourceNames = indexSourceNames(sourceText);
  const headline = extra.headline ? [{ text: extra.headline, acronymsOnly: isTitleCase(extra.headline) }] : [];
  const lines = headline.concat(bullets.map((text) => ({ text, acronymsOnly: false })));

  const flagged = new Map<string, string>();
  for (const { text, acronymsOnly } of lines) {
    const unsupported: Unsupported[] = [
      ...numberMentions(text)
        .filter((mention) => !isNumberSupported(mention, sourceNumbers))
        .map((mention) => ({ ...mention, key: `number ${mention.key}` })),
      ...nameMentions(text, sourceNames, acronymsOnly)
        .filter((mention) => !isNameSupported(mention, sourceNames))
        .map((mention) => ({ ...mention, key: `name ${mention.key}` })),
    ];
    for (const claim of unsupported.sort((a, b) => a.index - b.index)) if (!flagged.has(claim.key)) flagged.set(claim.key, claim.text);
  }
  return Array.from(flagged.values());
}

function isTitleCase(line: string): boolean {
  const words = line.match(SIGNIFICANT_WORD) ?? [];
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return words.length >= MIN_TITLE_CASE_WORDS && capitalised / words.length >= TITLE_CASE_SHARE;
}

import { findNames, nameWords } from '../quotes/index.js';
import { keyContains, lowerCaseWords, searchKey } from './search-key.js';

/** A proper name as a claim writes it. */
export interface NameMention {
  readonly text: string;
  readonly index: number;
  /** The words that must be in the source: the name less sentence-opening ordinary words. */
  readonly checked: string;
  readonly key: string;
}

/** What of the source a name can be checked against. */
export interface SourceNameIndex {
  /** The whole source as one search key. */
  readonly key: string;
  /** Every word the source capitalises, with its demonym roots ("Israeli" → "israel"). */
  readonly capitalised: ReadonlySet<string>;
  /** Words the source writes in lower case: sentence-initial capitals of these are no names. */
  readonly plain: ReadonlySet<string>;
}

const CAPITALISED_WORD = /(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{M}'’]*/gu;
const ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,}$/u;
const ACRONYMS = /(?<![\p{L}\p{N}.])(?:(?:\p{Lu}\.){2,}|\p{Lu}{2,}(?![\p{L}\p{N}]))/gu;
/** "Israeli", "Ukrainians", "Chinese", "Gazans" → the place: an adjective is no new name. */
const DEMONYM_ENDINGS = ['ians', 'ian', 'ans', 'an', 'ese', 'ish', 'is', 'i', 'ns', 'n', 's'];
const MIN_ROOT_LENGTH = 4;

export function indexSourceNames(sourceText: string): SourceNameIndex {
  const capitalised = new Set<string>();
  for (const [word] of sourceText.matchAll(CAPITALISED_WORD)) {
    for (const part of searchKey(word).split(' ')) for (const root of roots(part)) capitalised.add(root);
  }
  const plain = lowerCaseWords(sourceText);
  return { key: searchKey(sourceText), capitalised, plain };
}

/**
 * The proper names in a claim, in order: runs of capitalised words less the titles, sentence
 * openers, days and months the speaker-name cleaner drops. A sentence's first word is capitalised
 * whatever it is, so there an ordinary word (one the source writes in lower case or never
 * capitalises) is not checked, and a lone first word is skipped unless it is an acronym. In
 * `acronymsOnly` mode (a title-case headline, where every word is capitalised) only acronyms count.
 */
export function nameMentions(text: string, source: SourceNameIndex, acronymsOnly = false): NameMention[] {
  if (acronymsOnly) return acronymMentions(text);
  const mentions: NameMention[] = [];
  // A word capitalised only because it opens the sentence is no part of the name ("Heavy" in "Heavy Israeli shelling").
  const names = findNames(text, { ordinaryWordsAt: 'sentence-start', isOrdinary: (word) => !ACRONYM.test(word) && isOrdinary(word, source) });
  for (const { cleaned, cleanedStart, opensSentence, ordinaryWords, words } of names) {
    if (opensSentence && ordinaryWords === 0 && words.length === 1 && !ACRONYM.test(words[0]!)) continue;
    if (words.length === 0 || (words.length === 1 && words[0]!.length === 1)) continue;
    const checked = words.join(' ');
    // Shown whole, as written: "Antony Blinken", even when only "Blinken" was checked.
    mentions.push({ text: cleaned.name, index: cleanedStart, checked, key: searchKey(checked) });
  }
  return mentions;
}

function acronymMentions(text: string): NameMention[] {
  return Array.from(text.matchAll(ACRONYMS), ({ 0: written, index }) => ({ text: written, index, checked: written, key: searchKey(written) }));
}

/**
 * A name is supported when the source writes it (any case, "U.S." as "US", "Israel’s" holding
 * "Israel"), or capitalises every one of its words somewhere ("John Kirby" for "John F. Kirby",
 * "Israeli" for "Israel"). The second test is lenient on purpose: a false flag costs the reader's
 * trust, and so it lets an invented pairing of two names the source has ("John Netanyahu") pass.
 */
export function isNameSupported(mention: NameMention, source: SourceNameIndex): boolean {
  if (keyContains(source.key, mention.key)) return true;
  const words = nameWords(mention.checked).filter((word) => /^\P{Ll}/u.test(word));
  return words.length > 0 && words.every((word) => searchKey(word).split(' ').every((part) => roots(part).some((root) => source.capitalised.has(root))));
}

function isOrdinary(word: string, source: SourceNameIndex): boolean {
  const key = searchKey(word);
  return source.plain.has(key) || !source.capitalised.has(key);
}

function roots(word: string): string[] {
  const found = [word];
  for (const ending of DEMONYM_ENDINGS) {
    const stem = word.slice(0, -ending.length);
    if (word.endsWith(ending) && stem.length >= MIN_ROOT_LENGTH) found.push(stem, `${stem}e`, `${stem}a`);
  }
  return found;
}

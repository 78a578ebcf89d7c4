import { searchKey } from './search-key.js';

const MARKS = /\p{M}+/gu;
/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED = new Map([['ø', 'o'], ['ł', 'l'], ['đ', 'd'], ['ð', 'd'], ['þ', 'th'], ['æ', 'ae'], ['œ', 'oe'], ['ß', 'ss'], ['ı', 'i']]);
const UNDECOMPOSED_LETTER = new RegExp(`[${Array.from(UNDECOMPOSED.keys()).join('')}]`, 'g');
/** A capital standing alone, as an initial does: "J." or "J " but not the "V" of "V-sign" or the "B" of "Patient B's". */
const INITIAL = String.raw`\p{Lu}(?:\.|(?=\s|$))`;
/** Two initials or more: "J.K.", "J. K.", "J K". */
const INITIALS = new RegExp(String.raw`(?<![\p{L}\p{N}'’.-])${INITIAL}(?:\s?${INITIAL})+`, 'gu');

/**
 * A search key (see `searchKey`) for names, looser about how a name is spelt: without diacritics
 * ("Kanté" is "kante"), and with initials run together whether written "J.K.", "JK" or
 * "J. K." ("jk rowling"). Hyphens, possessives and case already fold in `searchKey`. Source and
 * claim go through the same function, so whatever it joins, it joins on both sides.
 */
export function nameKey(text: string): string {
  return searchKey(text.replace(INITIALS, (initials) => initials.replace(/[.\s]/g, '')))
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED.get(letter) ?? letter);
}

/** `nameKey` with a memory, for the words of one source: its names repeat, and folding each again costs. */
export function cachedNameKey(): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let key = cache.get(word);
    if (key === undefined) cache.set(word, (key = nameKey(word)));
    return key;
  };
}

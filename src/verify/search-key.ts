import { caseless, foldText } from '../text/index.js';

const DOTTED_ACRONYM = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const LOWER_CASE_WORD = /(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*(?![\p{L}\p{M}])/gu;

/**
 * Text reduced to what two spellings of the same words share: folded typography, lower case,
 * "U.S." as "us", and punctuation as single spaces ("Israel’s" is "israel s", so it holds
 * "israel"). Two texts with the same key say the same words; a key inside another (padded with
 * spaces) is the same words in part.
 */
export function searchKey(text: string): string {
  return caseless(foldText(text).text)
    .replace(DOTTED_ACRONYM, (acronym) => acronym.replaceAll('.', ''))
    .replace(NOT_WORD, ' ')
    .trim();
}

/** Whether `key` stands in `within` as whole words; both are search keys. */
export function keyContains(within: string, key: string): boolean {
  return key !== '' && ` ${within} `.includes(` ${key} `);
}

/** Words a text writes all in lower case: a capitalised one of these opens a sentence, it names no one. */
export function lowerCaseWords(text: string): Set<string> {
  return new Set(text.match(LOWER_CASE_WORD) ?? []);
}

import { findNames, nameWords } from '../quotes/index.js';
import { nameKey } from './name-key.js';
import { ACRONYM, ACRONYMS, isOrdinaryWord, type SourceNameIndex } from './name-support.js';

/** A proper name as a claim writes it. */
export interface NameMention {
  readonly text: string;
  readonly index: number;
  /** The words that must be in the source: the name less sentence-opening ordinary words. */
  readonly checked: string;
  readonly key: string;
}

/** Capitals that shout ordinary words ("CLICK HERE", "WARNING GRAPHIC CONTENT") are this long or longer. */
const MIN_SHOUTED_WORD = 4;
/** "6 PM", "6 p.m.": the time of day, after a number. */
const MERIDIEM = /^[AaPp]\.?[Mm]\.?$/;
const AFTER_NUMBER = /\d\s?$/;
const WORD_REST = /^(?:[\p{L}\p{M}]|['’ʻ](?=\p{L}))+/u;
const GAP = /^[ \t\u00A0]$/;
const CLITIC = /['’](?:s|d|ll|re|ve|m)$/iu;
/** Longer than any word: the rest of a word is looked for in this much text, no more. */
const MAX_WORD_REST = 64;
/** "US$5m", "HK$3bn": a currency's country, no name. */
const CURRENCY_SIGN = /^[$€£¥]$/;

/**
 * The proper names in a claim, in order: runs of capitalised words less the titles, sentence
 * openers, days and months the speaker-name cleaner drops. A sentence's first word is capitalised
 * whatever it is, so there an ordinary word (one the source writes in lower case or never
 * capitalises) is not checked, and a lone first word is skipped unless it is an acronym. In
 * `acronymsOnly` mode (a title-case headline, where every word is capitalised) only acronyms count.
 * Capitals that name nothing are skipped too: "PM" after a time, a shouted "CLICK HERE", a "READ:" label.
 */
export function nameMentions(text: string, source: SourceNameIndex, acronymsOnly = false): NameMention[] {
  const mentions = acronymsOnly ? acronymMentions(text) : capitalisedMentions(text, source);
  return mentions.filter((mention) => !namesNothing(mention, text));
}

function capitalisedMentions(text: string, source: SourceNameIndex): NameMention[] {
  // A word capitalised only because it opens the sentence is no part of the name ("Heavy" in "Heavy Israeli shelling").
  const names = findNames(text, { ordinaryWordsAt: 'sentence-start', isOrdinary: (word) => !ACRONYM.test(word) && isOrdinaryWord(word, source) });
  const candidates: { mention: NameMention; end: number; cut: boolean; lone: boolean }[] = [];
  for (const { cleaned, cleanedStart, opensSentence, ordinaryWords, words, runStart } of names) {
    if (words.length === 0) continue;
    const nameEnd = cleanedStart + cleaned.name.length;
    const rest = restOfWord(text, nameEnd);
    const end = nameEnd + rest.length;
    const checked = words.join(' ') + rest;
    const previous = candidates.at(-1);
    // The finder stopped inside a word ("Ng" of "Ng’ondu Kamau") and went on with the next word as a new name: one name.
    if (previous?.cut && GAP.test(text.slice(previous.end, runStart))) {
      const joined = `${previous.mention.checked} ${checked}`;
      candidates[candidates.length - 1] = {
        mention: { ...previous.mention, text: text.slice(previous.mention.index, end), checked: joined, key: nameKey(joined) },
        end,
        cut: rest !== '',
        lone: false,
      };
      continue;
    }
    const lone = (opensSentence && ordinaryWords === 0 && words.length === 1 && !ACRONYM.test(words[0]!)) || (words.length === 1 && checked.length === 1);
    // Shown whole, as written: "Antony Blinken", even when only "Blinken" was checked.
    candidates.push({ mention: { text: cleaned.name + rest, index: cleanedStart, checked, key: nameKey(checked) }, end, cut: rest !== '', lone });
  }
  return candidates.filter((candidate) => !candidate.lone).map((candidate) => candidate.mention);
}

/**
 * What is left of the name's last word where the name finder stopped inside it, at an apostrophe
 * or an ʻokina ("Ng’ondu", "Hawaiʻi"), so that a name is never checked or shown cut in two. A
 * possessive or a contraction ("Trump’s", "Trump’ll") is no part of the name.
 */
function restOfWord(text: string, end: number): string {
  const rest = WORD_REST.exec(text.slice(end, end + MAX_WORD_REST))?.[0] ?? '';
  return rest.replace(CLITIC, '');
}

function acronymMentions(text: string): NameMention[] {
  return Array.from(text.matchAll(ACRONYMS), ({ 0: written, index }) => ({ text: written, index, checked: written, key: nameKey(written) }));
}

function namesNothing(mention: NameMention, text: string): boolean {
  const words = nameWords(mention.checked);
  if (words.length === 1 && MERIDIEM.test(mention.checked) && AFTER_NUMBER.test(text.slice(0, mention.index))) return true;
  if (CURRENCY_SIGN.test(text.charAt(mention.index + mention.text.length))) return true;
  const shouted = words.every((word) => /^\p{Lu}+$/u.test(word) && word.length >= MIN_SHOUTED_WORD);
  if (shouted && words.length >= 2) return true;
  // "READ: Chelsea star rated Europe's best", a caption's label.
  return shouted && /^\s*:/.test(text.slice(mention.index + mention.text.length));
}


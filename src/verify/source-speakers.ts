import { cleanSpeakerName, findNames, nameWords } from '../quotes/index.js';
import { caseless, collapseWhitespace, foldText, originalSpan, type FoldedText } from '../text/index.js';
import { lowerCaseWords } from './search-key.js';
import { indexOfWholeWords } from './whole-word-search.js';

/** Checks a speaker a model gave against the names the source itself uses. */
export interface SourceSpeakers {
  /**
   * The source's fullest form of `speaker` ("Kirby", "Mr. Kirby" → "John Kirby"), spelt as the
   * source spells it; on a tie, the mention nearest to `at`. Null when the source never names them.
   */
  resolve(speaker: string, at: number): string | null;
}

interface NameMention {
  readonly name: string;
  /** The name's words, caseless and without punctuation: "O’Brien" and "O'Brien" agree. */
  readonly keys: readonly string[];
  readonly start: number;
}

/** "John Kirby, the spokesman" or "John Kirby (NSC)": each part is tried as a name of its own. */
const PART_SEPARATORS = /[,;()[\]]/;
const LEADING_ARTICLE = /^the\s+/i;

export function readSourceSpeakers(text: string, folded: FoldedText = foldText(text)): SourceSpeakers {
  const mentions = readMentions(text);
  // The last words of the names the source gives in more than one word, for `namesAgree`.
  const surnames = new Set(mentions.filter((mention) => mention.keys.length > 1).map((mention) => mention.keys.at(-1)!));
  let searchable: string | undefined;

  /** The speaker written out in the source, whole words, any case: "the Israeli army", "officials". */
  function spelledInSource(speaker: string): string | null {
    searchable ??= caseless(folded.text);
    const wanted = caseless(speaker.replace(LEADING_ARTICLE, ''));
    const index = indexOfWholeWords(searchable, wanted);
    if (index === -1) return null;
    const span = originalSpan(folded, index, index + wanted.length);
    return collapseWhitespace(text.slice(span.start, span.end));
  }

  return {
    resolve(speaker, at) {
      const whole = collapseWhitespace(foldText(speaker).text);
      if (!/[\p{L}\p{N}]/u.test(whole)) return null;
      const parts = [whole, ...whole.split(PART_SEPARATORS).map((part) => part.trim()).filter((part) => part && part !== whole)];
      for (const part of parts) {
        const cleaned = cleanSpeakerName(part, false);
        const asked = nameWords(cleaned?.name ?? part).map(wordKey).filter(Boolean);
        const matches = mentions.filter((mention) => namesAgree(asked, mention.keys, surnames));
        if (matches.length > 0) return fullest(matches, at).name;
      }
      for (const part of parts) {
        const spelled = spelledInSource(part);
        if (spelled) return spelled;
      }
      return null;
    },
  };
}

/**
 * Every run of capitalised words that names someone or something. Sentence-initial ordinary
 * words ("Expected Meeting Between US" in a headline) go first: a word the text also writes in
 * lower case is no part of a name, and a run with one left inside is not a name at all.
 */
function readMentions(text: string): NameMention[] {
  const plain = lowerCaseWords(text);
  const isPlain = (word: string): boolean => /^\p{Lu}/u.test(word) && plain.has(caseless(word).replace(/[^\p{L}\p{M}]/gu, ''));
  const mentions: NameMention[] = [];
  for (const { speaker, words, start } of findNames(text, { isOrdinary: isPlain })) {
    if (words.some(isPlain)) continue;
    mentions.push({ name: speaker.name, keys: words.map(wordKey).filter(Boolean), start });
  }
  return mentions;
}

function wordKey(word: string): string {
  return caseless(word).replace(/[^\p{L}\p{N}\p{M}]/gu, '');
}

/**
 * Whether a model's name and a source mention are the same name: equal; a surname or tail of
 * the source's ("Kirby" for "John Kirby"); first and last words equal ("John F. Kirby"); or the
 * source's name closing a longer description ("White House spokesman John Kirby"). A lone
 * source surname answers for a longer name only when the source gives no fuller one with it,
 * so "Jane Smith" is not pinned on the "Smith" who is John Smith.
 */
function namesAgree(asked: readonly string[], named: readonly string[], surnames: ReadonlySet<string>): boolean {
  if (asked.length === 0 || named.length === 0) return false;
  if (endsWith(named, asked)) return true;
  if (asked.length >= 2 && named.length >= 2 && asked[0] === named[0] && asked.at(-1) === named.at(-1)) return true;
  if (!endsWith(asked, named)) return false;
  // A set of the fuller names' surnames: looking through every mention for each mention is quadratic.
  return named.length >= 2 || !surnames.has(named[0]!);
}

function endsWith(words: readonly string[], tail: readonly string[]): boolean {
  if (tail.length > words.length) return false;
  const offset = words.length - tail.length;
  return tail.every((word, index) => words[offset + index] === word);
}

function fullest(matches: readonly NameMention[], at: number): NameMention {
  return matches.reduce((best, mention) => {
    const better =
      mention.keys.length - best.keys.length ||
      mention.name.length - best.name.length ||
      Math.abs(best.start - at) - Math.abs(mention.start - at);
    return better > 0 ? mention : best;
  });
}

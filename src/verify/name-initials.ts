import { nameKey } from './name-key.js';

/** Capitalised words and the small words that may stand between them: "Department of Homeland Security". */
const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{M}'’]*(?:(?:[ -]+(?:of|the|and|for|&)(?= ))*[ -]+\p{Lu}[\p{L}\p{M}'’]*)*/gu;
const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’]*/gu;
/** No initialism runs longer than this: "JTTF" is four. */
const MAX_INITIALS = 6;

/** The initials of a name's capitalised words, small words skipped: "United States" → "us". */
export function initialsOf(words: readonly string[]): string {
  return words
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => nameKey(word).charAt(0))
    .join('');
}

/** What the source's runs of capitalised words tell about its names, read in one pass. */
export interface CapitalisedRuns {
  /** The initials of every stretch of two to six words of a run: "National Health Service" gives "nhs", "nh", "hs". */
  readonly initialisms: Set<string>;
  /** Each capitalised word, with the capitalised words written just before it: "soumbadze" → {"alexander"}. */
  readonly predecessors: Map<string, Set<string>>;
}

/** `wordKey` is `nameKey`, or a cached one (see `cachedNameKey`). */
export function readCapitalisedRuns(text: string, wordKey: (word: string) => string = nameKey): CapitalisedRuns {
  const initialisms = new Set<string>();
  const predecessors = new Map<string, Set<string>>();
  for (const [run] of text.matchAll(CAPITALISED_RUN)) {
    const words = Array.from(run.matchAll(CAPITALISED_WORD), ([word]) => wordKey(word)).filter(Boolean);
    words.forEach((word, index) => {
      for (let length = 2; length <= MAX_INITIALS && index + length <= words.length; length++) {
        initialisms.add(words.slice(index, index + length).map((part) => part.charAt(0)).join(''));
      }
      const before = words[index - 1];
      if (before === undefined) return;
      const known = predecessors.get(word) ?? new Set<string>();
      predecessors.set(word, known.add(before));
    });
  }
  return { initialisms, predecessors };
}

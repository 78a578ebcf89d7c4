import { nameKey } from './name-key.js';

const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’]*/gu;
/**
 * What joins two capitalised words into one run: spaces or hyphens, and the small words that may
 * stand between them ("Department of Homeland Security"). A run is read word by word, each gap
 * tested on its own: one regular expression over a whole run of capitalised words overflows V8's
 * stack on a few megabytes of them ("A A A …").
 */
const JOINER = /^(?:[ -]+(?:of|the|and|for|&)(?= ))*[ -]+$/;
/** Longer than any joiner of real text ("  of the  "); a longer gap is tested no further. */
const MAX_JOINER_LENGTH = 64;
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
  const readRun = (written: readonly string[]): void => {
    const words = written.map(wordKey).filter(Boolean);
    words.forEach((word, index) => {
      for (let length = 2; length <= MAX_INITIALS && index + length <= words.length; length++) {
        initialisms.add(words.slice(index, index + length).map((part) => part.charAt(0)).join(''));
      }
      const before = words[index - 1];
      if (before === undefined) return;
      const known = predecessors.get(word) ?? new Set<string>();
      predecessors.set(word, known.add(before));
    });
  };
  let run: string[] = [];
  let runEnd = 0;
  for (const { 0: word, index } of text.matchAll(CAPITALISED_WORD)) {
    const gap = index - runEnd;
    if (run.length > 0 && !(gap > 0 && gap <= MAX_JOINER_LENGTH && JOINER.test(text.slice(runEnd, index)))) {
      readRun(run);
      run = [];
    }
    run.push(word);
    runEnd = index + word.length;
  }
  if (run.length > 0) readRun(run);
  return { initialisms, predecessors };
}

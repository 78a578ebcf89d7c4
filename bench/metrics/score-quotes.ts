/**
 * Scores found quotes against a hand-annotated gold set: how many true quotes were found, how many
 * found ones are not quotes at all, and, for quotes whose true speaker is named, how often the
 * printed speaker is right, wrong or absent. A wrong speaker is the failure that matters most.
 */

export interface GoldQuote {
  readonly text: string;
  /** The speaker's fullest name in the article, or null when the article names no one. */
  readonly speaker: string | null;
  /** `other`: quoted words that are no one's speech (a title, a slogan, a scare quote). */
  readonly kind: 'speech' | 'other';
}

export interface FoundQuote {
  readonly text: string;
  readonly speaker: string | null;
}

export interface QuoteCounts {
  /** Gold speech quotes, and how many of them some found quote matches. */
  gold: number;
  found: number;
  /** Found quotes of at least MIN_WORDS words, and how many of those match no gold speech quote. */
  foundScored: number;
  notQuotes: number;
  /** Matched gold quotes whose speaker is named: right (the same name), short (a part of it), wrong, or none printed. */
  named: number;
  right: number;
  short: number;
  wrong: number;
  unattributed: number;
  /** Matched gold quotes whose article names no speaker, and how many of those we still gave one. */
  unnamed: number;
  unnamedGivenSpeaker: number;
}

/** The gold set skips quotations under three words, so found ones that short are not scored either. */
export const MIN_WORDS = 3;
/** Share of the shorter quote's words that the longer must hold, in one run, for two spans to be the same quote. */
const MIN_SHARED_RUN = 0.8;

export function emptyCounts(): QuoteCounts {
  return { gold: 0, found: 0, foundScored: 0, notQuotes: 0, named: 0, right: 0, short: 0, wrong: 0, unattributed: 0, unnamed: 0, unnamedGivenSpeaker: 0 };
}

export function addCounts(total: QuoteCounts, more: QuoteCounts): QuoteCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as (keyof QuoteCounts)[]) sum[key] = total[key] + more[key];
  return sum;
}

/** One article's counts. A found quote may match several gold pieces (a long span over two). */
export function scoreArticle(gold: readonly GoldQuote[], found: readonly FoundQuote[]): QuoteCounts {
  const counts = emptyCounts();
  const foundWords = found.map((quote) => wordsOf(quote.text));
  const speech = gold.filter((quote) => quote.kind === 'speech');
  const speechWords = speech.map((quote) => wordsOf(quote.text));
  counts.gold = speech.length;
  counts.found = found.length;

  speech.forEach((quote, index) => {
    const match = bestMatch(speechWords[index]!, foundWords);
    if (match === -1) return;
    const printed = found[match]!.speaker;
    if (quote.speaker === null) {
      counts.unnamed++;
      if (printed !== null) counts.unnamedGivenSpeaker++;
      return;
    }
    counts.named++;
    const verdict = judgeSpeaker(printed, quote.speaker);
    counts[verdict]++;
  });

  foundWords.forEach((words) => {
    if (words.length < MIN_WORDS) return;
    counts.foundScored++;
    if (bestMatch(words, speechWords) === -1) counts.notQuotes++;
  });
  return counts;
}

/** For each gold speech quote, the index of the found quote that matches it, or -1: for looking into the figures. */
export function matchGoldQuotes(gold: readonly GoldQuote[], found: readonly FoundQuote[]): number[] {
  const foundWords = found.map((quote) => wordsOf(quote.text));
  return gold.map((quote) => (quote.kind === 'speech' ? bestMatch(wordsOf(quote.text), foundWords) : -1));
}

/** `right` for the same name; `short` for part of it ("Trump" for "Donald Trump"); else `wrong`. */
export function judgeSpeaker(printed: string | null, gold: string): 'right' | 'short' | 'wrong' | 'unattributed' {
  if (printed === null) return 'unattributed';
  const ours = nameKey(printed);
  const theirs = nameKey(gold);
  if (ours.join(' ') === theirs.join(' ')) return 'right';
  if (ours.length > 0 && ours.length < theirs.length && ours.at(-1) === theirs.at(-1) && ours.every((word) => theirs.includes(word))) return 'short';
  return 'wrong';
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'the', 'sir', 'dame']);

/** A name's words, caseless and unaccented, without a leading article or honorific: "the Pentagon" is "pentagon". */
function nameKey(name: string): string[] {
  const words = wordsOf(name);
  while (words.length > 1 && HONORIFICS.has(words[0]!)) words.shift();
  return words;
}

function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/**
 * The candidate sharing the longest run of words with `words`, if that run holds most of the
 * shorter one's words; else -1. A run, not a bag: a short quote's common words ("it is the game")
 * are found scattered in any long quote.
 */
function bestMatch(words: readonly string[], candidates: readonly (readonly string[])[]): number {
  let best = -1;
  let bestRun = 0;
  candidates.forEach((candidate, index) => {
    const run = longestCommonRun(words, candidate);
    const shorter = Math.min(words.length, candidate.length);
    if (shorter === 0 || run / shorter < MIN_SHARED_RUN || run < Math.min(MIN_WORDS, shorter)) return;
    if (run > bestRun) {
      best = index;
      bestRun = run;
    }
  });
  return best;
}

/** The length of the longest run of words both hold, in order and unbroken. */
function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  let longest = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] !== b[j - 1]) continue;
      current[j] = previous[j - 1]! + 1;
      longest = Math.max(longest, current[j]!);
    }
    previous = current;
  }
  return longest;
}

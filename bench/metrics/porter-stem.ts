/**
 * The Porter stemmer exactly as ROUGE-1.5.5 runs it (its `-m` option), so that stemmed ROUGE
 * matches published figures. It is Martin Porter's own revision of the 1980 algorithm
 * ("bli" → "ble", "logi" → "log" in step 2), plus Chin-Yew Lin's 2004 change to step 4: after the
 * list of suffixes, "-ment" and then "-ent" are tried again on what is left. Python's rouge_score
 * uses NLTK's extended stemmer instead, which differs on words such as "agreement".
 *
 * ROUGE-1.5.5 also looks words up in a WordNet table of irregular forms ("went" → "go") before
 * stemming. That table is third-party data and is left out, as rouge_score also does.
 */

// Measures follow the paper's [C](VC)^m[V]. The classes are those of Porter's reference code:
// "y" counts as a vowel after a consonant, and an initial "y" is upper-cased so it stays a consonant.
const consonantRun = '[^aeiou][^aeiouy]*';
const vowelRun = '[aeiouy][aeiou]*';
const measureAboveZero = new RegExp(`^(${consonantRun})?${vowelRun}${consonantRun}`);
const measureIsOne = new RegExp(`^(${consonantRun})?${vowelRun}${consonantRun}(${vowelRun})?$`);
const measureAboveOne = new RegExp(`^(${consonantRun})?${vowelRun}${consonantRun}${vowelRun}${consonantRun}`);
const containsVowel = new RegExp(`^(${consonantRun})?[aeiouy]`);
/** A short syllable ending the word (cvc, last c not w, x or y) that is its only syllable. */
const singleShortSyllable = new RegExp(`^${consonantRun}[aeiouy][^aeiouwxy]$`);

const step2Suffixes: Record<string, string> = {
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble', alli: 'al',
  entli: 'ent', eli: 'e', ousli: 'ous', ization: 'ize', ation: 'ate', ator: 'ate', alism: 'al',
  iveness: 'ive', fulness: 'ful', ousness: 'ous', aliti: 'al', iviti: 'ive', biliti: 'ble', logi: 'log',
};
const step3Suffixes: Record<string, string> = {
  icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '',
};
const step4Suffixes = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

/** The longest suffix of `word` among `suffixes`: only that one is tried, as the algorithm says. */
function longestSuffix(word: string, suffixes: Iterable<string>): string | null {
  let best: string | null = null;
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && (best === null || suffix.length > best.length)) best = suffix;
  }
  return best;
}

function removeSuffixIf(word: string, suffix: string, condition: RegExp, replacement = ''): string {
  if (!word.endsWith(suffix)) return word;
  const stem = word.slice(0, word.length - suffix.length);
  return condition.test(stem) ? stem + replacement : word;
}

function stripPlural(word: string): string {
  if (word.endsWith('sses') || word.endsWith('ies')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function stripPastOrProgressive(word: string): string {
  if (word.endsWith('eed')) return removeSuffixIf(word, 'eed', measureAboveZero, 'ee');
  const suffix = word.endsWith('ed') ? 'ed' : word.endsWith('ing') ? 'ing' : null;
  if (suffix === null) return word;
  const stem = word.slice(0, -suffix.length);
  if (!containsVowel.test(stem)) return word;
  // Put back what the suffix took away: "hopp" → "hop", "fil" → "file", "conflat" → "conflate".
  if (/(at|bl|iz)$/.test(stem)) return `${stem}e`;
  if (/([^aeiouylsz])\1$/.test(stem)) return stem.slice(0, -1);
  if (singleShortSyllable.test(stem)) return `${stem}e`;
  return stem;
}

function replaceFinalY(word: string): string {
  return removeSuffixIf(word, 'y', containsVowel, 'i');
}

function replaceFromTable(word: string, table: Record<string, string>): string {
  const suffix = longestSuffix(word, Object.keys(table));
  return suffix === null ? word : removeSuffixIf(word, suffix, measureAboveZero, table[suffix]);
}

function stripStep4(word: string): string {
  const suffix = longestSuffix(word, step4Suffixes);
  let result = suffix === null ? word : removeSuffixIf(word, suffix, measureAboveOne);
  // ROUGE-1.5.5's change: a word whose "-ement" could not go still tries "-ment", then "-ent".
  result = removeSuffixIf(result, 'ment', measureAboveOne);
  if (result.endsWith('ent')) return removeSuffixIf(result, 'ent', measureAboveOne);
  if (/[st]ion$/.test(result)) return removeSuffixIf(result, 'ion', measureAboveOne);
  return result;
}

function tidyEnding(word: string): string {
  let result = word;
  if (result.endsWith('e')) {
    const stem = result.slice(0, -1);
    const dropE = measureAboveOne.test(stem) || (measureIsOne.test(stem) && !singleShortSyllable.test(stem));
    if (dropE) result = stem;
  }
  if (result.endsWith('ll') && measureAboveOne.test(result)) result = result.slice(0, -1);
  return result;
}

/** Stems one lower-case word. Words under 3 letters come back unchanged. */
export function porterStem(word: string): string {
  if (word.length < 3) return word;
  const startsWithY = word.startsWith('y');
  let result = startsWithY ? `Y${word.slice(1)}` : word;
  result = stripPlural(result);
  result = stripPastOrProgressive(result);
  result = replaceFinalY(result);
  result = replaceFromTable(result, step2Suffixes);
  result = replaceFromTable(result, step3Suffixes);
  result = stripStep4(result);
  result = tidyEnding(result);
  return startsWithY ? `y${result.slice(1)}` : result;
}

import { boundedRuns } from './bounded-runs.js';
import { hasUnspacedScript, scriptStretches, unspacedWords } from './unspaced-scripts.js';

/** Letters and digits make words; an apostrophe, a dot or a hyphen between them keeps one word ("don't", "U.S", "well-known"). */
const WORD_CHARACTERS = '\\p{L}\\p{N}';
const JOINERS = "'’.-";
/**
 * Past this much unspaced script in one text, words are estimated at the rate counted so far:
 * segmenting costs about a microsecond a character, and a 5 MB paste is counted several times
 * on its way through cleaning and the quality gate. Real articles stay far below it.
 */
export const MAX_SEGMENTED_CHARS = 100_000;

/**
 * How many words `text` has, in any script: spaces divide words in most scripts, but Chinese,
 * Japanese, Thai, Lao, Khmer and Burmese need ICU's dictionary ("市长表示支持" is 3 words).
 * Linear in the length of `text`, and safe on megabytes without a space.
 */
export function countWords(text: string): number {
  if (!hasUnspacedScript(text)) return countSpacedWords(text);
  let words = 0;
  let segmentedChars = 0;
  let segmentedWords = 0;
  let estimatedChars = 0;
  for (const stretch of scriptStretches(text)) {
    if (stretch.end === stretch.start) continue;
    const part = text.slice(stretch.start, stretch.end);
    if (!stretch.unspaced) words += countSpacedWords(part);
    else if (segmentedChars >= MAX_SEGMENTED_CHARS) estimatedChars += part.length;
    else {
      segmentedChars += part.length;
      for (const _word of unspacedWords(part)) segmentedWords++;
    }
  }
  const estimated = estimatedChars === 0 ? 0 : Math.round((estimatedChars * segmentedWords) / segmentedChars);
  return words + segmentedWords + estimated;
}

function countSpacedWords(text: string): number {
  let count = 0;
  for (const _run of boundedRuns(text, WORD_CHARACTERS, JOINERS)) count++;
  return count;
}

import { boundedRuns } from './bounded-runs.js';
import { scriptStretches, unspacedWords } from './unspaced-scripts.js';

const WORD_CHARACTERS = '\\p{L}\\p{N}';

/**
 * The words of `text` in order, for comparing texts by the words they share: runs of letters and
 * digits where spaces divide words, ICU's dictionary words in Chinese, Japanese, Thai, Lao, Khmer
 * and Burmese (where a run of letters is a whole clause, and no two sentences would share one).
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  // Pushed one by one: spreading a long text's words into push() can overflow the call stack.
  for (const stretch of scriptStretches(text)) {
    const part = text.slice(stretch.start, stretch.end);
    if (stretch.unspaced) for (const word of unspacedWords(part)) words.push(word);
    else for (const run of boundedRuns(part, WORD_CHARACTERS)) words.push(part.slice(run.start, run.end));
  }
  return words;
}

/**
 * The article-extraction benchmark's own metric (scrapinghub/article-extraction-benchmark), so
 * that our figures compare with its published table: 4-word shingles as multisets, matched per
 * page, each page weighing the same.
 */

/**
 * Python's Unicode `\w`: letters, numbers and "_". Combining marks are not in it, so an Indic vowel
 * sign splits a word there as it does in the benchmark's own scorer.
 */
const wordPattern = /[\p{L}\p{N}_]+/gu;
const shingleSize = 4;

/** One page's shingle matches, each divided by their sum so that every page weighs the same. */
export interface ShingleMatch {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

export interface ExtractionScore {
  precision: number;
  recall: number;
  f1: number;
}

function countShingles(text: string): Map<string, number> {
  const words = text.match(wordPattern) ?? [];
  const counts = new Map<string, number>();
  // A text shorter than one shingle still gives one, made of all its words.
  const lastStart = Math.max(0, words.length - shingleSize);
  for (let start = 0; start <= lastStart && words.length > 0; start++) {
    const shingle = words.slice(start, start + shingleSize).join(' ');
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

export function matchShingles(truth: string, prediction: string): ShingleMatch {
  const truthShingles = countShingles(truth);
  const predictedShingles = countShingles(prediction);
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  for (const shingle of new Set([...truthShingles.keys(), ...predictedShingles.keys()])) {
    const inTruth = truthShingles.get(shingle) ?? 0;
    const predicted = predictedShingles.get(shingle) ?? 0;
    truePositive += Math.min(inTruth, predicted);
    falsePositive += Math.max(0, predicted - inTruth);
    falseNegative += Math.max(0, inTruth - predicted);
  }
  const total = truePositive + falsePositive + falseNegative;
  if (total === 0) return { truePositive: 0, falsePositive: 0, falseNegative: 0 };
  return { truePositive: truePositive / total, falsePositive: falsePositive / total, falseNegative: falseNegative / total };
}

/** Precision and recall of one page; null where the benchmark leaves the page out of that average. */
function pageScores({ truePositive, falsePositive, falseNegative }: ShingleMatch): { precision: number | null; recall: number | null } {
  // Nothing to find and nothing found (both texts empty) counts as a perfect page.
  if (falsePositive === 0 && falseNegative === 0) return { precision: 1, recall: 1 };
  const predicted = truePositive + falsePositive;
  const relevant = truePositive + falseNegative;
  return {
    precision: predicted === 0 ? null : truePositive / predicted,
    recall: relevant === 0 ? null : truePositive / relevant,
  };
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length;
}

/** Averages precision and recall over the pages; F1 is the harmonic mean of the two averages. */
export function scoreExtraction(matches: readonly ShingleMatch[]): ExtractionScore {
  const scores = matches.map(pageScores);
  const precision = mean(scores.flatMap(({ precision }) => (precision === null ? [] : [precision])));
  const recall = mean(scores.flatMap(({ recall }) => (recall === null ? [] : [recall])));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

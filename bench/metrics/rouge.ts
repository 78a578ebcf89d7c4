import { porterStem } from './porter-stem.js';

/**
 * ROUGE as ROUGE-1.5.5 computes it for one candidate against one reference (alpha 0.5, no stopword
 * removal, no length limit). ROUGE-L is the sentence-level LCS over the whole text; ROUGE-Lsum is
 * ROUGE-1.5.5's own ROUGE-L: the union LCS of each reference line against every candidate line.
 */

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
  rougeLsum: RougeScore;
}

export interface RougeOptions {
  /** Porter-stem words longer than 3 letters, as ROUGE-1.5.5's `-m`. */
  stem: boolean;
}

/**
 * ROUGE-1.5.5 reads bytes and lower-cases A–Z only, so any other character, accented letters
 * included, separates words rather than joining them.
 */
export function tokenizeForRouge(text: string, { stem }: RougeOptions): string[] {
  const lowered = text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  const words = lowered.split(/[^a-z0-9]+/).filter((word) => word.length > 0);
  return stem ? words.map((word) => (word.length > 3 ? porterStem(word) : word)) : words;
}

function toScore(hits: number, candidateLength: number, referenceLength: number): RougeScore {
  const precision = candidateLength > 0 ? hits / candidateLength : 0;
  const recall = referenceLength > 0 ? hits / referenceLength : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function countNgrams(tokens: readonly string[], size: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + size <= tokens.length; start++) {
    const gram = tokens.slice(start, start + size).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function sumCounts(counts: Map<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

function scoreNgrams(candidate: readonly string[], reference: readonly string[], size: number): RougeScore {
  const candidateGrams = countNgrams(candidate, size);
  const referenceGrams = countNgrams(reference, size);
  let hits = 0;
  for (const [gram, count] of referenceGrams) hits += Math.min(count, candidateGrams.get(gram) ?? 0);
  return toScore(hits, sumCounts(candidateGrams), sumCounts(referenceGrams));
}

/** The LCS table, (reference.length + 1) × (candidate.length + 1), row-major. */
function lcsTable(reference: readonly string[], candidate: readonly string[]): Uint32Array {
  const width = candidate.length + 1;
  const table = new Uint32Array((reference.length + 1) * width);
  for (let i = 1; i <= reference.length; i++) {
    for (let j = 1; j <= candidate.length; j++) {
      table[i * width + j] = reference[i - 1] === candidate[j - 1]
        ? table[(i - 1) * width + j - 1]! + 1
        : Math.max(table[(i - 1) * width + j]!, table[i * width + j - 1]!);
    }
  }
  return table;
}

/**
 * Marks the reference positions on one LCS. Which LCS matters for Lsum, so ties are broken as
 * ROUGE-1.5.5 breaks them: a match first, then moving up the reference.
 */
function markLcs(reference: readonly string[], candidate: readonly string[], marked: boolean[]): void {
  const table = lcsTable(reference, candidate);
  const width = candidate.length + 1;
  let i = reference.length;
  let j = candidate.length;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      marked[i - 1] = true;
      i--;
      j--;
    } else if (table[(i - 1) * width + j]! >= table[i * width + j - 1]!) {
      i--;
    } else {
      j--;
    }
  }
}

function scoreSentenceLcs(candidate: readonly string[], reference: readonly string[]): RougeScore {
  const table = lcsTable(reference, candidate);
  return toScore(table[table.length - 1] ?? 0, candidate.length, reference.length);
}

function scoreSummaryLcs(candidateLines: string[][], referenceLines: string[][]): RougeScore {
  // A word takes part in the union LCS only as often as it occurs on both sides, so Lsum never
  // exceeds ROUGE-1.
  const candidateLeft = countNgrams(candidateLines.flat(), 1);
  const referenceLeft = countNgrams(referenceLines.flat(), 1);
  let hits = 0;
  for (const referenceLine of referenceLines) {
    const marked = referenceLine.map(() => false);
    for (const candidateLine of candidateLines) markLcs(referenceLine, candidateLine, marked);
    referenceLine.forEach((word, index) => {
      const inCandidate = candidateLeft.get(word) ?? 0;
      const inReference = referenceLeft.get(word) ?? 0;
      if (!marked[index] || inCandidate === 0 || inReference === 0) return;
      hits++;
      candidateLeft.set(word, inCandidate - 1);
      referenceLeft.set(word, inReference - 1);
    });
  }
  const length = (lines: string[][]) => lines.reduce((total, line) => total + line.length, 0);
  return toScore(hits, length(candidateLines), length(referenceLines));
}

function splitLines(text: string, options: RougeOptions): string[][] {
  return text.split('\n').map((line) => tokenizeForRouge(line, options)).filter((line) => line.length > 0);
}

export function scoreRouge(candidate: string, reference: string, options: RougeOptions): RougeScores {
  const candidateTokens = tokenizeForRouge(candidate, options);
  const referenceTokens = tokenizeForRouge(reference, options);
  return {
    rouge1: scoreNgrams(candidateTokens, referenceTokens, 1),
    rouge2: scoreNgrams(candidateTokens, referenceTokens, 2),
    rougeL: scoreSentenceLcs(candidateTokens, referenceTokens),
    rougeLsum: scoreSummaryLcs(splitLines(candidate, options), splitLines(reference, options)),
  };
}

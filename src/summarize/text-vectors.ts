import { splitWords } from '../text/index.js';

/** Bag-of-words vectors for comparing sentences: the ground both centrality and redundancy stand on. */

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him himself
his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves said says say told according mr mrs ms dr one two new also last year years`.split(/\s+/),
);

/** Read-only once built, so that a cached norm stays true. */
export type TermVector = ReadonlyMap<string, number>;

/**
 * Lower-cased content words with the commonest English suffixes folded, so "talks" meets "talk".
 * Words of one character go too: in English they are initials, and in Chinese and Japanese they
 * are mostly particles (的, 了, は, を), which every sentence shares.
 */
export function contentTerms(text: string): string[] {
  return splitWords(text.toLowerCase()).filter((word) => word.length > 1 && !STOPWORDS.has(word)).map(foldSuffix);
}

function foldSuffix(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Inverse document frequency over the sentences of one article, smoothed so no weight is zero. */
export function inverseDocumentFrequency(documents: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const terms of documents) for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of counts) idf.set(term, Math.log((1 + documents.length) / (1 + count)) + 1);
  return idf;
}

export function weightedVector(terms: readonly string[], idf: ReadonlyMap<string, number>): TermVector {
  const vector = new Map<string, number>();
  for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + (idf.get(term) ?? 1));
  return vector;
}

export function cosineSimilarity(a: TermVector, b: TermVector): number {
  let dot = 0;
  for (const [term, weight] of a) dot += weight * (b.get(term) ?? 0);
  if (dot === 0) return 0;
  return dot / (norm(a) * norm(b));
}

/**
 * Norms by vector, computed once: every sentence is compared with the article's centroid, whose
 * norm sums over every distinct term of the article (tens of thousands in a long text). Vectors
 * are never changed once built (see `weightedVector`), so a norm stays true.
 */
const NORMS = new WeakMap<TermVector, number>();

function norm(vector: TermVector): number {
  let known = NORMS.get(vector);
  if (known === undefined) {
    let sum = 0;
    for (const weight of vector.values()) sum += weight * weight;
    NORMS.set(vector, (known = Math.sqrt(sum)));
  }
  return known;
}

import type { Article } from '../article/types.js';
import { findQuotes } from '../quotes/index.js';
import { countWords, hasUnspacedScript, splitSentences } from '../text/index.js';
import { FIRST_PART_NOTE, firstPartToSummarise } from './first-part.js';
import { guessLanguage } from './guess-language.js';
import { cutAtWord, MODEL_OUTPUT_BOUNDS } from './model-output-bounds.js';
import type { SummaryResult } from './summary-result.js';
import { contentTerms, cosineSimilarity, inverseDocumentFrequency, weightedVector, type TermVector } from './text-vectors.js';
import type { SummarizeInput, Summarizer, SummaryLength } from './types.js';

/** Part of the cache key (CONTRACTS §5): bump it whenever a change here changes the output. */
export const EXTRACTIVE_ALGORITHM = 'extractive@1';

export const SENTENCES_FOR_LENGTH: Record<SummaryLength, number> = { brief: 2, standard: 3, detailed: 6 };

/**
 * Tuned on ../shared/eval/cnndm (npm run bench:rouge): a small grid over these values, keeping the
 * middle of the plateau rather than its peak. News puts its point first, so position leads;
 * centrality and the title pull in the sentences that restate the story. A wider penalty (also
 * "it", "this", "but") cost 0.2–0.4 ROUGE; the narrow one below gains 0.1.
 */
export const DEFAULT_TUNING = {
  weights: { position: 1, centrality: 0.3, title: 0.4 },
  /** Maximal Marginal Relevance: how much a sentence's score counts against its overlap with those already chosen. */
  mmrLambda: 0.7,
  /** "She said the barriers…" out of context leaves the reader asking who; such openers rank lower. */
  pronounOpenerFactor: 0.8,
};
export type Tuning = typeof DEFAULT_TUNING;
const MIN_WORDS = 6;
const MAX_WORDS = 70;
const OUT_OF_RANGE_FACTOR = 0.01;
const PRONOUN_OPENER = /^[“"‘']?(?:he|she|they)\b/i;

interface Candidate {
  index: number;
  text: string;
  vector: TermVector;
  score: number;
}

/** The chosen sentences, in source order. */
export function summarizeSentences(text: string, length: SummaryLength, title: string | null = null, tuning: Tuning = DEFAULT_TUNING): string[] {
  const sentences = splitSentences(text);
  const candidates = scoreSentences(sentences, title, tuning);
  return selectWithMmr(candidates, SENTENCES_FOR_LENGTH[length], tuning.mmrLambda)
    .sort((a, b) => a.index - b.index)
    .map((candidate) => candidate.text);
}

function scoreSentences(sentences: readonly string[], title: string | null, { weights, pronounOpenerFactor }: Tuning): Candidate[] {
  const terms = sentences.map(contentTerms);
  const idf = inverseDocumentFrequency(terms);
  const vectors = terms.map((sentenceTerms) => weightedVector(sentenceTerms, idf));
  const centroid = weightedVector(terms.flat(), idf);
  const titleVector = title ? weightedVector(contentTerms(title), idf) : null;
  return sentences.map((text, index) => {
    const vector = vectors[index] ?? new Map<string, number>();
    const position = 1 / Math.sqrt(index + 1);
    const centrality = cosineSimilarity(vector, centroid);
    const titleOverlap = titleVector ? cosineSimilarity(vector, titleVector) : 0;
    const score = weights.position * position + weights.centrality * centrality + weights.title * titleOverlap;
    // Fragments and run-ons stay eligible, last: a short text still deserves a summary of its length.
    const words = sentenceLength(text);
    const fits = words >= MIN_WORDS && words <= MAX_WORDS;
    const opensOnPronoun = PRONOUN_OPENER.test(text);
    return { index, text, vector, score: score * (fits ? 1 : OUT_OF_RANGE_FACTOR) * (opensOnPronoun ? pronounOpenerFactor : 1) };
  });
}

/**
 * Words in a sentence as the tuning counted them, by spaces (a lone dash counts); Chinese,
 * Japanese and Thai sentences have no spaces to count, so their words are counted properly.
 */
function sentenceLength(text: string): number {
  return hasUnspacedScript(text) ? countWords(text) : text.split(/\s+/).length;
}

function selectWithMmr(candidates: readonly Candidate[], count: number, lambda: number): Candidate[] {
  const chosen: Candidate[] = [];
  const remaining = [...candidates];
  while (chosen.length < count && remaining.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    remaining.forEach((candidate, index) => {
      // A loop rather than Math.max(...list): nothing is spread into a call, however long a list grows.
      let redundancy = 0;
      for (const picked of chosen) redundancy = Math.max(redundancy, cosineSimilarity(candidate.vector, picked.vector));
      const value = lambda * candidate.score - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = index;
      }
    });
    const [best] = remaining.splice(bestIndex, 1);
    if (best) chosen.push(best);
  }
  return chosen;
}

/** The embedded summariser: no network, no key, deterministic. The default when no LLM is configured. */
export function createExtractiveSummarizer(): Summarizer {
  return {
    async summarize({ article, options }: SummarizeInput): Promise<SummaryResult> {
      const language = article.metadata.language ?? guessLanguage(article.text);
      const notes: string[] = [];
      if (options.language && !sameLanguage(options.language, language)) {
        notes.push(`The extractive summariser cannot translate, so the summary stays in the article's language (${language}).`);
      }
      // A very long text is summarised, and its quotes found, in its first part only (see MAX_SUMMARISED_CHARS).
      const part = firstPartToSummarise(article.text);
      if (part.cut) notes.push(FIRST_PART_NOTE);
      return {
        headline: headlineFor(article),
        bullets: summarizeSentences(part.text, options.length, article.metadata.title),
        quotes: options.quotes ? findQuotes(part.text) : [],
        language,
        provider: 'extractive',
        model: null,
        prompt: null,
        notes,
        unsupportedClaims: [],
      };
    },
  };
}

/** A page's title can run to hundreds of characters; a headline is one line, as long as a model's may be. */
function headlineFor(article: Article): string {
  if (article.metadata.title) return cutAtWord(article.metadata.title, MODEL_OUTPUT_BOUNDS.headlineChars);
  const first = splitSentences(firstLine(article.text))[0] ?? '';
  if (first.length <= 120) return first;
  // Chinese, Japanese and Thai have no space to cut at: cut at the length instead.
  const space = first.lastIndexOf(' ', 117);
  return `${first.slice(0, space > 0 ? space : 119)}…`;
}

/**
 * The first line with any text: a line break always ends a sentence, so the text's first sentence
 * is the first one of this line, and the rest of a long text need not be split to find it.
 */
function firstLine(text: string): string {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (line.trim()) return line;
    if (end === -1) break;
    start = end + 1;
  }
  return '';
}

function sameLanguage(a: string, b: string): boolean {
  return a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase();
}

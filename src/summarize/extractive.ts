import type { Article } from '../article/types.js';
import { findQuotes } from './quotes.js';
import { guessLanguage } from './guess-language.js';
import { splitSentences } from './sentences.js';
import { contentTerms, cosineSimilarity, inverseDocumentFrequency, weightedVector, type TermVector } from './text-vectors.js';
import type { SummarizeInput, Summarizer, SummaryLength, SummaryResult } from './types.js';

/** Part of the cache key (CONTRACTS §5): bump it whenever a change here changes the output. */
export const EXTRACTIVE_ALGORITHM = 'extractive@1';

export const SENTENCES_FOR_LENGTH: Record<SummaryLength, number> = { brief: 2, standard: 3, detailed: 6 };

/**
 * Weights found on ../shared/eval/cnndm (npm run bench:rouge). News puts its point first, so
 * position leads; centrality and the title pull in the sentences that restate the story.
 */
const WEIGHTS = { position: 1, centrality: 0.6, title: 0.4 };
/** Maximal Marginal Relevance: how much a sentence's score counts against its overlap with those already chosen. */
const MMR_LAMBDA = 0.7;
const MIN_WORDS = 6;
const MAX_WORDS = 70;

interface Candidate {
  index: number;
  text: string;
  vector: TermVector;
  score: number;
}

/** The chosen sentences, in source order. */
export function summarizeSentences(text: string, length: SummaryLength, title: string | null = null): string[] {
  const sentences = splitSentences(text);
  const candidates = scoreSentences(sentences, title);
  return selectWithMmr(candidates, SENTENCES_FOR_LENGTH[length])
    .sort((a, b) => a.index - b.index)
    .map((candidate) => candidate.text);
}

function scoreSentences(sentences: readonly string[], title: string | null): Candidate[] {
  const terms = sentences.map(contentTerms);
  const idf = inverseDocumentFrequency(terms);
  const vectors = terms.map((sentenceTerms) => weightedVector(sentenceTerms, idf));
  const centroid = weightedVector(terms.flat(), idf);
  const titleVector = title ? weightedVector(contentTerms(title), idf) : null;
  const candidates: Candidate[] = [];
  sentences.forEach((text, index) => {
    const words = text.split(/\s+/).length;
    const vector = vectors[index];
    if (!vector || words < MIN_WORDS || words > MAX_WORDS) return;
    const position = 1 / Math.sqrt(index + 1);
    const centrality = cosineSimilarity(vector, centroid);
    const titleOverlap = titleVector ? cosineSimilarity(vector, titleVector) : 0;
    candidates.push({
      index,
      text,
      vector,
      score: WEIGHTS.position * position + WEIGHTS.centrality * centrality + WEIGHTS.title * titleOverlap,
    });
  });
  // A text of only short or only very long sentences still deserves a summary.
  if (candidates.length === 0) {
    return sentences.map((text, index) => ({ index, text, vector: vectors[index] ?? new Map(), score: 1 / (index + 1) }));
  }
  return candidates;
}

function selectWithMmr(candidates: readonly Candidate[], count: number): Candidate[] {
  const chosen: Candidate[] = [];
  const remaining = [...candidates];
  while (chosen.length < count && remaining.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    remaining.forEach((candidate, index) => {
      const redundancy = Math.max(0, ...chosen.map((picked) => cosineSimilarity(candidate.vector, picked.vector)));
      const value = MMR_LAMBDA * candidate.score - (1 - MMR_LAMBDA) * redundancy;
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
      return {
        headline: headlineFor(article),
        bullets: summarizeSentences(article.text, options.length, article.metadata.title),
        quotes: options.quotes ? findQuotes(article.text) : [],
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

function headlineFor(article: Article): string {
  if (article.metadata.title) return article.metadata.title;
  const first = splitSentences(article.text)[0] ?? '';
  return first.length <= 120 ? first : `${first.slice(0, first.lastIndexOf(' ', 117))}…`;
}

function sameLanguage(a: string, b: string): boolean {
  return a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase();
}

import { paragraphSpans, sentenceSpans, type TextSpan } from '../text/index.js';
import { contentTerms } from './text-vectors.js';

/**
 * BM25 over the sentences (or paragraphs) of one article, for questions about it. Written here, in
 * a few lines, rather than taken from a package: it must read words exactly as the summariser and
 * the quote check do (the same sentence splitter, ICU words for Chinese, Japanese and Thai, the
 * same stopwords and suffix folding), and a search package brings a tokeniser of its own.
 */

/** The ranking's version: in the cache key of offline answers, and shown to operators. */
export const PASSAGE_RANKING = 'bm25@1';

/** The usual BM25 constants: term frequency saturates softly, long sentences are damped halfway. */
const K1 = 1.2;
const B = 0.75;

/**
 * A passage must hold at least this share of the question's weight (each term weighed by its
 * rarity, terms the article never uses at their rarest), or it does not answer the question: a
 * sentence that shares one common word with it ("flood") is no answer to "What did the governor
 * say about the flood?" when the article never names a governor. Set on bench/ask.ts's questions.
 */
export const MIN_COVERAGE = 0.45;
/** Passages below this share of the best one's score add little beside it. */
const RELATIVE_SCORE = 0.5;
export const MAX_PASSAGES = 3;

/** Words of a question that ask rather than say what is asked about. */
const QUESTION_WORDS = new Set(['many', 'much', 'long', 'name', 'happen', 'happened', 'happens', 'article', 'story', 'mention', 'mentioned', 'tell', 'whose', 'which', 'kind']);

export interface RankedPassage extends TextSpan {
  text: string;
  score: number;
  /** The share of the question's weight this passage holds, from 0 to 1. */
  coverage: number;
}

/**
 * The summariser's content terms with a second, light fold of verb endings, so that a question's
 * "voted" meets the article's "vote" and "flooding" meets "flooded": -ing, -ed, -es, -e, -s and
 * -ly come off when three letters stay, and a doubled last consonant is undoubled ("planned").
 */
export function passageTerms(text: string): string[] {
  return contentTerms(text).map(foldEnding);
}

function foldEnding(term: string): string {
  for (const suffix of ['ing', 'ed', 'es', 'e', 's', 'ly']) {
    if (term.endsWith(suffix) && term.length - suffix.length >= 3) {
      const stem = term.slice(0, -suffix.length);
      return /([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem) ? stem.slice(0, -1) : stem;
    }
  }
  return term;
}

/**
 * Every span of `text` that shares a term with the question, best BM25 score first, with the
 * share of the question it covers. Spans are offsets into `text`, so each passage is verbatim.
 */
export function rankSpans(text: string, spans: readonly TextSpan[], question: string): RankedPassage[] {
  const query = [...new Set(contentTerms(question).filter((term) => !QUESTION_WORDS.has(term)).map(foldEnding))];
  if (query.length === 0 || spans.length === 0) return [];
  const documents = spans.map((span) => passageTerms(text.slice(span.start, span.end)));
  const count = documents.length;
  const averageLength = documents.reduce((sum, terms) => sum + terms.length, 0) / count || 1;
  const frequency = new Map<string, number>();
  for (const terms of documents) for (const term of new Set(terms)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  // A term the article never uses weighs what the rarest can: it is the question's, and unanswered.
  const idf = (term: string) => {
    const seen = frequency.get(term) ?? 0;
    return Math.log(1 + (count - seen + 0.5) / (seen + 0.5));
  };
  const weights = new Map(query.map((term) => [term, idf(term)]));
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);

  const ranked: RankedPassage[] = [];
  documents.forEach((terms, index) => {
    const span = spans[index];
    if (!span || terms.length === 0) return;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    let score = 0;
    let covered = 0;
    for (const [term, weight] of weights) {
      const tf = counts.get(term) ?? 0;
      if (tf === 0) continue;
      score += (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * terms.length) / averageLength));
      covered += weight;
    }
    if (score > 0) ranked.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end), score, coverage: total > 0 ? covered / total : 0 });
  });
  // Ties keep the article's order, so the earlier sentence (usually the fuller statement) comes first.
  return ranked.sort((a, b) => b.score - a.score || a.start - b.start);
}

/**
 * The offline answer: up to three sentences of the article that best match the question, best
 * first; none when no sentence covers enough of the question to answer it.
 */
export function findPassages(text: string, question: string, max = MAX_PASSAGES): RankedPassage[] {
  const ranked = rankSpans(text, sentenceSpans(text), question);
  const best = ranked[0];
  if (!best || best.coverage < MIN_COVERAGE) return [];
  return ranked.filter((passage) => passage.coverage >= MIN_COVERAGE && passage.score >= best.score * RELATIVE_SCORE).slice(0, max);
}

/**
 * For an article longer than the model's context: the paragraphs that best match the question,
 * as many as `budgetTokens` holds, in the article's order (a model reads a story better in its
 * order). Paragraphs that match nothing fill what room is left from the top, the lead first.
 */
export function paragraphsForQuestion(text: string, question: string, budgetTokens: number, countTokens: (text: string) => number): string[] {
  const spans = paragraphSpans(text);
  const matched = rankSpans(text, spans, question);
  const matchedStarts = new Set(matched.map((passage) => passage.start));
  const order: TextSpan[] = [...matched, ...spans.filter((span) => !matchedStarts.has(span.start))];
  const chosen: TextSpan[] = [];
  let used = 0;
  for (const span of order) {
    // Each paragraph counted once, plus the blank line that joins it to the next.
    const tokens = countTokens(text.slice(span.start, span.end)) + 1;
    if (used + tokens > budgetTokens) continue;
    used += tokens;
    chosen.push(span);
  }
  return chosen.sort((a, b) => a.start - b.start).map((span) => text.slice(span.start, span.end));
}

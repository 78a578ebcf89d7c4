import type { z } from 'zod';
import { countWords } from '../text/index.js';
import { flagUnsupportedClaims, verifyQuotes, type QuoteVerificationStats } from '../verify/index.js';
import { ARTICLE_DOESNT_SAY, normaliseQuestion, type AnswerResult } from './answer-result.js';
import { boundQuotes, cutAtWord, noCuts } from './model-output-bounds.js';
import type { articleAnswerSchema } from './output-schemas.js';
import { MAX_PASSAGES } from './rank-passages.js';

/** A short answer is a few sentences; more is a model that did not stop. */
export const ANSWER_CHARS = 600;
/**
 * A passage that supports anything states something: a few words ("the council") are verbatim in
 * any article and would let any answer through.
 */
export const MIN_SUPPORT_WORDS = 4;
export const UNSUPPORTED_ANSWER_NOTE = "The model's answer named a number or a name the article does not, so only the passages it cited are shown.";

export interface GroundedAnswer {
  kind: AnswerResult['kind'];
  /** The model's answer; "The article doesn't say." for `not-found`; null for `passages`. */
  answer: string | null;
  support: string[];
  notes: string[];
  /** What the quote check did to the model's passages, and how many were too short to support anything. */
  stats: QuoteVerificationStats & { tooShort: number; unsupportedClaims: string[] };
}

/**
 * Holds the model's answer to the article, as quotes are held: each passage it cites must be in the
 * article word for word (a near miss is replaced by the article's own words; anything else is
 * dropped), at most three stay, and an answer left with none is "The article doesn't say." An
 * answer that states a number or a name the article does not contain is not shown: only the
 * passages it cited are, with a note. The answer's own words are otherwise the model's; the
 * passages are what a reader can check.
 */
export function groundAnswer(data: z.infer<typeof articleAnswerSchema>, articleText: string): GroundedAnswer {
  const cuts = noCuts();
  const given = boundQuotes(data.support.map((text) => ({ text, speaker: null, context: '' })), cuts);
  const verified = verifyQuotes(given, articleText);
  const long = verified.quotes.map((quote) => quote.text).filter((text) => countWords(text) >= MIN_SUPPORT_WORDS);
  const support = long.slice(0, MAX_PASSAGES);
  const answer = cutAtWord(data.answer.replace(/\s+/g, ' ').trim(), ANSWER_CHARS);
  const unsupportedClaims = support.length > 0 && answer ? flagUnsupportedClaims([answer], articleText) : [];
  const stats = { ...verified.stats, tooShort: verified.quotes.length - long.length, unsupportedClaims };
  // The model's own "doesn't say", even with passages beside it, is no answer.
  const saysNothing = !answer || normaliseQuestion(answer) === normaliseQuestion(ARTICLE_DOESNT_SAY);
  if (support.length === 0 || saysNothing) return { kind: 'not-found', answer: ARTICLE_DOESNT_SAY, support: [], notes: [], stats };
  // The note does not repeat what the model named: it is exactly what the article does not bear out.
  if (unsupportedClaims.length > 0) return { kind: 'passages', answer: null, support, notes: [UNSUPPORTED_ANSWER_NOTE], stats };
  return { kind: 'answer', answer, support, notes: [], stats };
}

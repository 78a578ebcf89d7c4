import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { caseless, collapseWhitespace, foldText } from '../text/index.js';

/** What a reader is told when the article does not answer the question (or nothing could be shown to). */
export const ARTICLE_DOESNT_SAY = "The article doesn't say.";

/** The question field's limit, in the modal and in /ask. */
export const MAX_QUESTION_CHARS = 300;

/**
 * An answer as it is cached and shown:
 * - `answer`: the model's short answer, with one to three passages that bear it out;
 * - `passages`: passages of the article only, the best match offline, or the model's passages when
 *   its answer named something the article does not;
 * - `not-found`: "The article doesn't say."
 * Every passage is word for word in the article: the cache checks entries against this schema, and
 * the service puts nothing in `support` that it has not found there.
 */
export const answerResultSchema = z.object({
  kind: z.enum(['answer', 'passages', 'not-found']),
  answer: z.string().nullable(),
  support: z.array(z.string()),
  provider: z.enum(['openai', 'extractive']),
  model: z.string().nullable(),
  /** `ask@1`, or the passage ranking `bm25@1`. */
  prompt: z.string(),
  notes: z.array(z.string()),
});

export type AnswerResult = z.infer<typeof answerResultSchema>;

/**
 * The question as the cache sees it: typography folded (curly quotes, dashes), case and spacing
 * ignored, and the closing mark left off, so "What was decided?" and "what  was decided" share one
 * answer. The model is still sent the question as typed.
 */
export function normaliseQuestion(question: string): string {
  return caseless(collapseWhitespace(foldText(question).text)).trim().replace(/[\s?？!.。]+$/u, '');
}

/** A question needs a word in it and fits the modal's field; said in words the asker can act on. */
export function checkQuestion(question: string): string {
  const trimmed = question.trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) throw new UserFacingError('empty_question', 'Ask a question about the article: the question has no words in it.');
  if (trimmed.length > MAX_QUESTION_CHARS) {
    throw new UserFacingError('question_too_long', `Questions can be at most ${MAX_QUESTION_CHARS} characters; this one has ${trimmed.length}.`);
  }
  return trimmed;
}

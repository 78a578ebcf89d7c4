import { z } from 'zod';

/**
 * What an LLM may answer, per prompt. Names match the `output.schema` of each prompt file.
 * There are no upper bounds here: a model that lists 21 quotes or writes a long bullet has still
 * answered, and refusing the whole summary for it would throw away a good answer. What we take
 * from an answer is bounded right after it is parsed instead, with a note (model-output-bounds.ts),
 * and the raw answer's size by the LLM client (src/llm/bounded-body-fetch.ts).
 */

const quote = z.object({
  text: z.string().min(1).describe('the quote, copied word for word from the article, without quotation marks'),
  speaker: z.string().min(1).nullable().describe('who said it, as the article names them; null when it names no one'),
  context: z.string().describe('the sentence the quote sits in'),
});

const bullet = z.string().min(1);
const language = z.string().min(2).describe('BCP-47 tag of the language written in');

export const articleSummarySchema = z.object({
  headline: z.string().min(1),
  bullets: z.array(bullet).min(1),
  quotes: z.array(quote),
  language,
});

export const chunkNotesSchema = z.object({
  bullets: z.array(bullet),
  quotes: z.array(quote),
});

export const reducedSummarySchema = z.object({
  headline: z.string().min(1),
  bullets: z.array(bullet).min(1),
  language,
});

export const articleQuotesSchema = z.object({
  quotes: z.array(quote),
  language,
});

export const digestBriefingSchema = z.object({
  briefing: z.string().min(1),
  language,
});

/** `ask`: a short answer and the passages that bear it out, each to be found word for word in the article. */
export const articleAnswerSchema = z.object({
  answer: z.string().describe("one to three sentences from the article; \"The article doesn't say.\" when it does not"),
  support: z.array(z.string()).describe('passages copied word for word from the article that show the answer is right'),
});

export const OUTPUT_SCHEMAS = {
  article_summary: articleSummarySchema,
  chunk_notes: chunkNotesSchema,
  reduced_summary: reducedSummarySchema,
  article_quotes: articleQuotesSchema,
  digest_briefing: digestBriefingSchema,
  article_answer: articleAnswerSchema,
} as const;

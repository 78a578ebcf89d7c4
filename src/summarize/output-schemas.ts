import { z } from 'zod';

/** What an LLM may answer, per prompt. Names match the `output.schema` of each prompt file. */

const quote = z.object({
  text: z.string().min(1).max(2000).describe('the quote, copied word for word from the article, without quotation marks'),
  speaker: z.string().min(1).max(200).nullable().describe('who said it, as the article names them; null when it names no one'),
  context: z.string().max(1000).describe('the sentence the quote sits in'),
});

const bullet = z.string().min(1).max(1000);
const language = z.string().min(2).max(35).describe('BCP-47 tag of the language written in');

export const articleSummarySchema = z.object({
  headline: z.string().min(1).max(300),
  bullets: z.array(bullet).min(1).max(12),
  quotes: z.array(quote).max(20),
  language,
});

export const chunkNotesSchema = z.object({
  bullets: z.array(bullet).max(12),
  quotes: z.array(quote).max(20),
});

export const reducedSummarySchema = z.object({
  headline: z.string().min(1).max(300),
  bullets: z.array(bullet).min(1).max(12),
  language,
});

export const articleQuotesSchema = z.object({
  quotes: z.array(quote).max(20),
  language,
});

export const digestBriefingSchema = z.object({
  briefing: z.string().min(1).max(1500),
  language,
});

export const OUTPUT_SCHEMAS = {
  article_summary: articleSummarySchema,
  chunk_notes: chunkNotesSchema,
  reduced_summary: reducedSummarySchema,
  article_quotes: articleQuotesSchema,
  digest_briefing: digestBriefingSchema,
} as const;

export type OutputSchemaName = keyof typeof OUTPUT_SCHEMAS;

import { z } from 'zod';

/** CONTRACTS §2, as a strict schema: an extra or missing key fails the test. */
export const summaryJsonSchema = z.strictObject({
  headline: z.string().min(1),
  bullets: z.array(z.string().min(1)),
  quotes: z.array(z.strictObject({ text: z.string().min(1), speaker: z.string().nullable(), context: z.string() })),
  language: z.string().min(2),
  stats: z.strictObject({ wordsIn: z.number().int(), wordsOut: z.number().int(), reductionPct: z.number() }),
  source: z.strictObject({
    kind: z.enum(['url', 'file', 'stdin', 'text']),
    url: z.string().nullable(),
    path: z.string().nullable(),
    title: z.string().nullable(),
    byline: z.string().nullable(),
    siteName: z.string().nullable(),
    publishedTime: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
  }),
  provider: z.enum(['openai', 'extractive']),
  model: z.string().nullable(),
  prompt: z.string().nullable(),
  cached: z.boolean(),
  notes: z.array(z.string()),
  unsupportedClaims: z.array(z.string()),
});

export const errorJsonSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });

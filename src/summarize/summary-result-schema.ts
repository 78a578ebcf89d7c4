import { z } from 'zod';

/** A SummaryResult as stored in the cache; checked on every read, so a corrupt entry is a miss. */
export const summaryResultSchema = z.object({
  headline: z.string(),
  bullets: z.array(z.string()),
  quotes: z.array(z.object({ text: z.string(), speaker: z.string().nullable(), context: z.string() })),
  language: z.string(),
  provider: z.enum(['openai', 'extractive']),
  model: z.string().nullable(),
  prompt: z.string().nullable(),
  notes: z.array(z.string()),
  unsupportedClaims: z.array(z.string()),
});

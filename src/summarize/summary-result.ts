import { z } from 'zod';
import { quoteSchema } from '../quotes/index.js';

/**
 * The summary fields of the CLI's `--json` (CONTRACTS §2), shared by every summariser. The cache
 * checks every entry it reads against this schema, so a corrupt entry is a miss.
 */
export const summaryResultSchema = z.object({
  headline: z.string(),
  bullets: z.array(z.string()),
  quotes: z.array(quoteSchema),
  language: z.string(),
  provider: z.enum(['openai', 'extractive']),
  model: z.string().nullable(),
  prompt: z.string().nullable(),
  notes: z.array(z.string()),
  unsupportedClaims: z.array(z.string()),
});

export type SummaryResult = z.infer<typeof summaryResultSchema>;

/** Who writes a summary: the LLM, or the extractive summariser. */
export type Provider = SummaryResult['provider'];

import { z } from 'zod';

/** Where an article came from. Mirrors the `source` object of the CLI's `--json` (CONTRACTS §2). */
export const articleSourceSchema = z.object({
  kind: z.enum(['url', 'file', 'stdin', 'text']),
  url: z.string().nullable(),
  path: z.string().nullable(),
});

export const articleMetadataSchema = z.object({
  title: z.string().nullable(),
  byline: z.string().nullable(),
  siteName: z.string().nullable(),
  /** ISO 8601 when the page declares it. */
  publishedTime: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  /** BCP-47 tag declared by the page (`<html lang>`, `og:locale`), when any. */
  language: z.string().nullable(),
});

/**
 * A cleaned article: plain paragraphs, no markup, ready for the quality gate and a summariser.
 * The schema is the one definition: the types below are inferred from it, and the cache checks
 * every entry it reads against it, so a corrupt entry is a miss.
 */
export const articleSchema = z.object({
  source: articleSourceSchema,
  metadata: articleMetadataSchema,
  paragraphs: z.array(z.string()),
  /** The paragraphs joined by blank lines. Quotes are verified against this text. */
  text: z.string(),
  wordCount: z.number().int().nonnegative(),
});

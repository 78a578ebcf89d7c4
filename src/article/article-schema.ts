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
 * Present when the input was too large to read whole, so the article (and any summary of it) holds
 * only its first part. `truncationNote` in truncation-note.ts says so in words.
 */
export const articleTruncationSchema = z.object({
  /** What ran out: the input's length, or (for a page) how much HTML markup, in elements and their nesting, newsbrief reads. */
  limit: z.enum(['length', 'markup']),
  /** The share of the input that was read, from 0 to 1 (by characters; approximate for a page). */
  keptShare: z.number().min(0).max(1),
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
  /** Absent when the whole input was read (and in cache entries from before the field existed). */
  truncated: articleTruncationSchema.optional(),
});

import { z } from 'zod';

/** An Article as stored in the cache; checked on every read, so a corrupt entry is a miss. */
export const articleSchema = z.object({
  source: z.object({
    kind: z.enum(['url', 'file', 'stdin', 'text']),
    url: z.string().nullable(),
    path: z.string().nullable(),
  }),
  metadata: z.object({
    title: z.string().nullable(),
    byline: z.string().nullable(),
    siteName: z.string().nullable(),
    publishedTime: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
    language: z.string().nullable(),
  }),
  paragraphs: z.array(z.string()),
  text: z.string(),
  wordCount: z.number().int().nonnegative(),
});

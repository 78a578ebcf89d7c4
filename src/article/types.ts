import type { z } from 'zod';
import type { articleMetadataSchema, articleSchema, articleSourceSchema, articleTruncationSchema } from './article-schema.js';

export type ArticleSource = z.infer<typeof articleSourceSchema>;
export type ArticleMetadata = z.infer<typeof articleMetadataSchema>;
export type Article = z.infer<typeof articleSchema>;
export type ArticleTruncation = z.infer<typeof articleTruncationSchema>;

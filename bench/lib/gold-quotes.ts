import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './json-files.js';

const goldQuoteSchema = z.strictObject({
  text: z.string().min(1),
  speaker: z.string().min(1).nullable(),
  kind: z.enum(['speech', 'other']),
});

const goldFileSchema = z.strictObject({
  source: z.enum(['aeb', 'cnndm']),
  annotator: z.string(),
  articles: z.array(z.strictObject({ id: z.string().min(1), quotes: z.array(goldQuoteSchema) })),
});

export type GoldFile = z.infer<typeof goldFileSchema>;
export type GoldArticle = GoldFile['articles'][number] & { source: GoldFile['source'] };

/**
 * The hand-annotated quote set (bench/quotes-gold/*.json): references into the eval articles in
 * ../shared (an id, each quote's words and its speaker), never copies of the articles.
 */
export async function loadGoldArticles(goldDir: string): Promise<GoldArticle[]> {
  const files = (await readdir(goldDir)).filter((name) => name.endsWith('.json')).sort();
  const articles: GoldArticle[] = [];
  for (const name of files) {
    const parsed = goldFileSchema.safeParse(await readJsonFile(path.join(goldDir, name)));
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.message}`);
    for (const article of parsed.data.articles) articles.push({ ...article, source: parsed.data.source });
  }
  return articles;
}

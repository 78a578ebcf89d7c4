import { articleFromText } from '../../src/article/build-article.js';
import type { Article } from '../../src/article/types.js';
import type { SummaryPair } from './cnndm-pairs.js';

export interface BenchArticle {
  id: string;
  article: Article;
}

/** Each pair's article as pasted text, gate on; a refused one is counted and left out. */
export function buildArticles(pairs: readonly SummaryPair[]): { articles: BenchArticle[]; refused: number; firstError: string | null } {
  const articles: BenchArticle[] = [];
  let refused = 0;
  let firstError: string | null = null;
  for (const pair of pairs) {
    try {
      articles.push({ id: pair.id, article: articleFromText(pair.article, { kind: 'text', url: null, path: null }) });
    } catch (error) {
      refused++;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  return { articles, refused, firstError };
}

/**
 * `count` articles with texts no earlier scenario used (so no cache hit, no shared call): the pairs
 * in turn, each with a sentence naming its copy appended to its last paragraph.
 */
export function distinctCopies(pairs: readonly SummaryPair[], count: number, label: string): Article[] {
  const copies = Array.from({ length: count }, (_, index) => {
    const pair = pairs[index % pairs.length];
    if (!pair) throw new Error('no pairs to copy');
    return articleFromText(`${pair.article.trimEnd()} This is ${label} copy number ${index + 1}.`, { kind: 'text', url: null, path: null });
  });
  if (new Set(copies.map((copy) => copy.text)).size !== count) throw new Error(`${label}: the copies' texts are not all distinct`);
  return copies;
}

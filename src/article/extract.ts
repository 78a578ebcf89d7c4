import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleMetadata } from './types.js';

export interface ExtractedPage {
  metadata: ArticleMetadata;
  /** Block-level text, one entry per paragraph, before cleaning. */
  paragraphs: string[];
}

/** Placeholder: plain Readability over linkedom. Replaced by the real extractor in this slice. */
export function extractArticle(html: string, pageUrl: string): ExtractedPage {
  const { document } = parseHTML(html);
  const parsed = new Readability(document as unknown as Document).parse();
  void pageUrl;
  const paragraphs = (parsed?.textContent ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return {
    metadata: { title: parsed?.title ?? null, byline: null, siteName: null, publishedTime: null, canonicalUrl: null, language: null },
    paragraphs,
  };
}

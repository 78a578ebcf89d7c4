import { UserFacingError } from '../errors.js';
import { countWords } from '../text/index.js';
import { capParagraphs, capText } from './cap-text.js';
import { cleanParagraphs } from './clean-paragraphs.js';
import { extractArticle } from './extract.js';
import { checkArticleQuality } from './quality-gate.js';
import { splitTextIntoParagraphs, takeTitleLine } from './split-text.js';
import type { Article, ArticleMetadata, ArticleSource, ArticleTruncation } from './types.js';

const NO_METADATA: ArticleMetadata = {
  title: null, byline: null, siteName: null, publishedTime: null, canonicalUrl: null, language: null,
};

export interface BuildOptions {
  /** Benchmarks score extraction before the gate; everything else leaves it on. */
  applyGate?: boolean;
}

/**
 * A web page or HTML file: extract, clean, gate. A body without a single tag is plain text
 * whatever it was served or named as, and is read as text.
 */
export function articleFromHtml(html: string, source: ArticleSource, options: BuildOptions = {}): Article {
  const page = extractArticle(html, source.url);
  if (page.markup.elements === 0) return articleFromText(html, source, options);
  const capped = capParagraphs(page.paragraphs);
  const rawParagraphs = capped?.paragraphs ?? page.paragraphs;
  const { title, byline, siteName } = page.metadata;
  const paragraphs = cleanParagraphs(rawParagraphs, { title, byline, siteName, pageUrl: source.url });
  const { cut } = page.markup;
  const keptShare = (cut ? cut.readChars / cut.totalChars : 1) * (capped?.keptShare ?? 1);
  const truncated: ArticleTruncation | undefined = cut || capped ? { limit: cut?.limit ?? 'length', keptShare } : undefined;
  if (options.applyGate !== false) {
    checkArticleQuality({ paragraphs, rawParagraphs, signals: page.signals, truncated: truncated !== undefined });
  }
  return assemble(source, page.metadata, paragraphs, truncated);
}

/** Pasted text, a text file or a text/plain page: the same cleaning and gate as a page. */
export function articleFromText(text: string, source: ArticleSource, options: BuildOptions = {}): Article {
  if (!text.trim()) {
    throw new UserFacingError('empty_input', 'There is no text to summarise: the input is empty.');
  }
  const capped = capText(text);
  const { title, body } = takeTitleLine(splitTextIntoParagraphs(capped?.text ?? text));
  const paragraphs = cleanParagraphs(body, { title, pageUrl: source.url });
  const truncated = capped ? { limit: 'length' as const, keptShare: capped.keptShare } : undefined;
  if (options.applyGate !== false) {
    // A text/plain page is still a page; pasted text, standard input and text files get advice about text.
    const origin = source.kind === 'url' ? 'page' : 'text';
    checkArticleQuality({ paragraphs, rawParagraphs: body, signals: { accessibleForFree: null, linkTextRatio: 0 }, origin, truncated: truncated !== undefined });
  }
  return assemble(source, { ...NO_METADATA, title }, paragraphs, truncated);
}

function assemble(source: ArticleSource, metadata: ArticleMetadata, paragraphs: string[], truncated: ArticleTruncation | undefined): Article {
  const text = paragraphs.join('\n\n');
  const article: Article = { source, metadata, paragraphs, text, wordCount: countWords(text) };
  // Rounded so that the same input always gives the same article (and cache entry); absent when whole.
  if (truncated) article.truncated = { limit: truncated.limit, keptShare: Math.round(truncated.keptShare * 1000) / 1000 };
  return article;
}

import { UserFacingError } from '../errors.js';
import { countWords } from '../text/index.js';
import { cleanParagraphs } from './clean-paragraphs.js';
import { extractArticle } from './extract.js';
import { checkArticleQuality } from './quality-gate.js';
import { splitTextIntoParagraphs, takeTitleLine } from './split-text.js';
import type { Article, ArticleMetadata, ArticleSource } from './types.js';

const NO_METADATA: ArticleMetadata = {
  title: null, byline: null, siteName: null, publishedTime: null, canonicalUrl: null, language: null,
};

export interface BuildOptions {
  /** Benchmarks score extraction before the gate; everything else leaves it on. */
  applyGate?: boolean;
}

/** A web page or HTML file: extract, clean, gate. */
export function articleFromHtml(html: string, source: ArticleSource, options: BuildOptions = {}): Article {
  const page = extractArticle(html, source.url);
  const { title, byline, siteName } = page.metadata;
  const paragraphs = cleanParagraphs(page.paragraphs, { title, byline, siteName, pageUrl: source.url });
  if (options.applyGate !== false) {
    checkArticleQuality({ paragraphs, rawParagraphs: page.paragraphs, signals: page.signals });
  }
  return assemble(source, page.metadata, paragraphs);
}

/** Pasted text, a text file or a text/plain page: the same cleaning and gate as a page. */
export function articleFromText(text: string, source: ArticleSource, options: BuildOptions = {}): Article {
  if (!text.trim()) {
    throw new UserFacingError('empty_input', 'There is no text to summarise: the input is empty.');
  }
  const { title, body } = takeTitleLine(splitTextIntoParagraphs(text));
  const paragraphs = cleanParagraphs(body, { title, pageUrl: source.url });
  if (options.applyGate !== false) {
    // A text/plain page is still a page; pasted text, standard input and text files get advice about text.
    const origin = source.kind === 'url' ? 'page' : 'text';
    checkArticleQuality({ paragraphs, rawParagraphs: body, signals: { accessibleForFree: null, linkTextRatio: 0 }, origin });
  }
  return assemble(source, { ...NO_METADATA, title }, paragraphs);
}

function assemble(source: ArticleSource, metadata: ArticleMetadata, paragraphs: string[]): Article {
  const text = paragraphs.join('\n\n');
  return { source, metadata, paragraphs, text, wordCount: countWords(text) };
}

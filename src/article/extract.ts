import { lazyModule } from '../lazy-module.js';
import { boundHtml, HTML_LIMITS, type BoundedHtml, type HtmlLimits } from './bound-html.js';
import { htmlToParagraphs } from './html-to-paragraphs.js';
import { normaliseLanguage, readPageMetadata } from './read-page-metadata.js';
import { shortenForMessage } from './shorten-for-message.js';
import type { ArticleMetadata } from './types.js';

const linkedom = lazyModule<typeof import('linkedom')>('linkedom');
const readability = lazyModule<typeof import('@mozilla/readability')>('@mozilla/readability');

export interface PageSignals {
  /** `false` when the page declares itself paywalled (schema.org `isAccessibleForFree`). */
  accessibleForFree: boolean | null;
  /** Share of the extracted text that sits inside links. */
  linkTextRatio: number;
}

export interface ExtractedPage {
  metadata: ArticleMetadata;
  /** Block-level text, one entry per paragraph, before cleaning. */
  paragraphs: string[];
  signals: PageSignals;
  /** What bounding the markup did: `elements` is 0 for a body with no tag at all (plain text served as HTML). */
  markup: Omit<BoundedHtml, 'html'>;
}

const NO_METADATA: ArticleMetadata = {
  title: null, byline: null, siteName: null, publishedTime: null, canonicalUrl: null, language: null,
};

/**
 * Finds the article in a page with Readability over linkedom. linkedom never runs scripts,
 * and it matched jsdom's F1 on the extraction benchmark at a fraction of the time and memory
 * (README, "Why these libraries"). The markup is bounded first (bound-html.ts): the parser and
 * Readability cost time per nesting level and per element, and recurse per level.
 */
export function extractArticle(html: string, pageUrl: string | null, limits: HtmlLimits = HTML_LIMITS): ExtractedPage {
  const { html: bounded, ...markup } = boundHtml(html, limits);
  if (markup.elements === 0) {
    return { metadata: NO_METADATA, paragraphs: [], signals: { accessibleForFree: null, linkTextRatio: 0 }, markup };
  }
  const { document } = linkedom().parseHTML(bounded) as unknown as { document: Document };
  const declared = readPageMetadata(document, pageUrl);
  const fallbackTitle = clean(document.querySelector('title')?.textContent);
  // Classes are kept so that the flattening step can tell captions, bylines and share bars from the story.
  const parsed = new (readability().Readability)<Node>(document, { serializer: (node) => node, keepClasses: true }).parse();
  // Readability gives up on some short pages; the body's text is still better than nothing, and the gate judges it.
  const contentRoot = parsed?.content ?? document.body;
  const { paragraphs, linkTextRatio } = contentRoot ? htmlToParagraphs(contentRoot) : { paragraphs: [], linkTextRatio: 0 };
  const siteName = clean(parsed?.siteName) ?? declared.siteName;
  return {
    metadata: {
      title: withoutSiteName(clean(parsed?.title) ?? fallbackTitle, siteName),
      byline: clean(parsed?.byline),
      siteName,
      publishedTime: clean(parsed?.publishedTime) ?? declared.publishedTime,
      canonicalUrl: declared.canonicalUrl,
      language: declared.language ?? normaliseLanguage(parsed?.lang),
    },
    paragraphs,
    signals: { accessibleForFree: declared.accessibleForFree, linkTextRatio },
    markup,
  };
}

/** A title, byline or site name longer than this is not one (a page can put megabytes in an <h1>); the rest goes. */
const MAX_METADATA_CHARS = 500;

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.slice(0, MAX_METADATA_CHARS * 4).replace(/\s+/g, ' ').trim();
  return trimmed ? shortenForMessage(trimmed, MAX_METADATA_CHARS) : null;
}

/** "Budget passes | The Daily Planet" → "Budget passes": Readability keeps the suffix when the rest is short. */
function withoutSiteName(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ']) {
    const suffix = `${separator}${siteName}`;
    if (title.toLowerCase().endsWith(suffix.toLowerCase()) && title.length > suffix.length) {
      return title.slice(0, -suffix.length).trim();
    }
  }
  return title;
}

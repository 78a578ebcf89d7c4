import { z } from 'zod';
import { absoluteHttpUrl } from './absolute-http-url.js';

/** The fields we read from schema.org JSON-LD. Pages get these wrong often, so every field is optional and loose. */
const jsonLdNode = z
  .object({
    isAccessibleForFree: z.union([z.boolean(), z.string()]).optional(),
    datePublished: z.string().optional(),
    inLanguage: z.string().optional(),
    hasPart: z.unknown().optional(),
    '@graph': z.unknown().optional(),
  })
  .loose();

export interface PageMetadata {
  canonicalUrl: string | null;
  language: string | null;
  publishedTime: string | null;
  siteName: string | null;
  /** `false` when the page declares a paywall through schema.org `isAccessibleForFree`. */
  accessibleForFree: boolean | null;
}

/** Reads what the page declares about itself, before Readability mutates the document. */
export function readPageMetadata(document: Document, pageUrl: string | null): PageMetadata {
  const jsonLd = readJsonLd(document);
  return {
    canonicalUrl: absoluteHttpUrl(
      document.querySelector('link[rel="canonical" i]')?.getAttribute('href') ?? metaContent(document, 'og:url'),
      pageUrl,
    ),
    language:
      normaliseLanguage(document.documentElement?.getAttribute('lang')) ??
      normaliseLanguage(metaContent(document, 'og:locale')) ??
      normaliseLanguage(jsonLd.inLanguage),
    publishedTime: metaContent(document, 'article:published_time') ?? jsonLd.datePublished ?? null,
    siteName: metaContent(document, 'og:site_name'),
    accessibleForFree: jsonLd.accessibleForFree,
  };
}

function metaContent(document: Document, property: string): string | null {
  const element =
    document.querySelector(`meta[property="${property}"]`) ?? document.querySelector(`meta[name="${property}"]`);
  const content = element?.getAttribute('content')?.trim();
  return content ? content : null;
}

/** `en_US` (Open Graph) and `en-us` become `en-US`; anything that is not a language tag is dropped. */
export function normaliseLanguage(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const candidate = raw.trim().replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? null;
  } catch {
    return null;
  }
}

function readJsonLd(document: Document): { accessibleForFree: boolean | null; datePublished?: string; inLanguage?: string } {
  let accessibleForFree: boolean | null = null;
  let datePublished: string | undefined;
  let inLanguage: string | undefined;
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = jsonLdNode.safeParse(value);
    if (!node.success) return;
    const declared = node.data.isAccessibleForFree;
    if (declared === false || (typeof declared === 'string' && /^false$/i.test(declared.trim()))) accessibleForFree = false;
    else if (declared !== undefined && accessibleForFree === null) accessibleForFree = true;
    datePublished ??= node.data.datePublished;
    inLanguage ??= node.data.inLanguage;
    visit(node.data['@graph'], depth + 1);
    visit(node.data.hasPart, depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Broken JSON-LD is common and tells us nothing; the rest of the page still counts.
    }
  }
  return { accessibleForFree, ...(datePublished ? { datePublished } : {}), ...(inLanguage ? { inLanguage } : {}) };
}

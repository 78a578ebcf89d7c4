import { absoluteHttpUrl } from '../article/absolute-http-url.js';
import { boundHtml, HTML_LIMITS } from '../article/bound-html.js';
import { lazyModule } from '../lazy-module.js';

const linkedom = lazyModule<typeof import('linkedom')>('linkedom');

/** MIME types a page uses to advertise a feed in `<link rel="alternate">`. */
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json']);

/**
 * Feed URLs a page advertises with `<link rel="alternate" type="…">`, resolved against
 * `pageUrl` (or the page's own `<base href>`), in document order and without duplicates.
 * Only http(s) URLs are returned. linkedom parses the page without running anything, after the
 * same bounding pass as an article page: 100,000 nested elements cost its parser 11 s of CPU
 * unbounded. The links sit in the head, which a cut page keeps.
 */
export function discoverFeeds(html: string, pageUrl: string): string[] {
  const { document } = linkedom().parseHTML(boundHtml(html, HTML_LIMITS).html) as unknown as { document: Document };
  const base = absoluteHttpUrl(document.querySelector('base[href]')?.getAttribute('href') ?? null, pageUrl) ?? pageUrl;
  const feeds: string[] = [];
  for (const link of document.querySelectorAll('link[rel][href]')) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('alternate')) continue;
    const type = (link.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!FEED_TYPES.has(type)) continue;
    const url = absoluteHttpUrl(link.getAttribute('href'), base);
    if (url !== null && !feeds.includes(url)) feeds.push(url);
  }
  return feeds;
}

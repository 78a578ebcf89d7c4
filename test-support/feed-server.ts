import type { IncomingMessage, ServerResponse } from 'node:http';
import { startPageServer, type PageServer, type RouteHandler } from './page-server.js';

/** One item of a fixture feed; dates are instants, written in each format's own way. */
export interface FixtureItem {
  title: string;
  /** A path on the feed server (an article page) or an absolute URL. */
  link?: string | null;
  guid?: string | null;
  date?: Date | null;
  /** RSS `<description>`, Atom `<summary>`, JSON Feed `summary`. */
  description?: string;
  /** RSS and Atom `<category>`, JSON Feed `tags`. */
  categories?: string[];
}

export interface FixtureFeed {
  title: string;
  items: FixtureItem[];
  /** RSS `<ttl>` in minutes. */
  ttl?: number;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rss(feed: FixtureFeed, base: string): string {
  const items = feed.items.map((item) => [
    '<item>',
    `<title>${escapeXml(item.title)}</title>`,
    item.link ? `<link>${escapeXml(absolute(item.link, base))}</link>` : '',
    item.guid ? `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>` : '',
    item.date ? `<pubDate>${item.date.toUTCString()}</pubDate>` : '',
    item.description ? `<description>${escapeXml(item.description)}</description>` : '',
    ...(item.categories ?? []).map((category) => `<category>${escapeXml(category)}</category>`),
    '</item>',
  ].join(''));
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(feed.title)}</title><link>${base}/</link>` +
    `${feed.ttl ? `<ttl>${feed.ttl}</ttl>` : ''}${items.join('')}</channel></rss>`;
}

export function atom(feed: FixtureFeed, base: string): string {
  const entries = feed.items.map((item) => [
    '<entry>',
    `<title>${escapeXml(item.title)}</title>`,
    item.link ? `<link href="${escapeXml(absolute(item.link, base))}"/>` : '',
    `<id>${escapeXml(item.guid ?? `urn:x:${item.title}`)}</id>`,
    item.date ? `<updated>${item.date.toISOString()}</updated>` : '',
    item.description ? `<summary>${escapeXml(item.description)}</summary>` : '',
    ...(item.categories ?? []).map((category) => `<category term="${escapeXml(category)}"/>`),
    '</entry>',
  ].join(''));
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeXml(feed.title)}</title>` +
    `<id>urn:x:feed</id><updated>2026-01-01T00:00:00Z</updated>${entries.join('')}</feed>`;
}

export function jsonFeed(feed: FixtureFeed, base: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    items: feed.items.map((item) => ({
      id: item.guid ?? item.title,
      title: item.title,
      ...(item.link ? { url: absolute(item.link, base) } : {}),
      ...(item.date ? { date_published: item.date.toISOString() } : {}),
      ...(item.description ? { summary: item.description } : {}),
      ...(item.categories ? { tags: item.categories } : {}),
    })),
  });
}

/** A news article page whose text (and so whose summary) is about `headline`; five sentences, one quote. */
export function articlePage(headline: string, options: { canonical?: string; body?: string } = {}): string {
  const body = options.body ?? [
    `${headline}, officials confirmed on Tuesday after a long review of the plans by the regional council.`,
    `The council voted nine to two in favour of the measure, which had been debated for more than a year in public meetings.`,
    `"This decision means the work can finally begin before the winter storms arrive," said Mayor Ana Ruiz at a press conference.`,
    `Opponents argued that the cost of the project was too high for a town of its size and asked for a new study.`,
    `Work on the first phase is expected to start next month and to last about eighteen months, according to the council.`,
  ].map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join('');
  const canonical = options.canonical ? `<link rel="canonical" href="${escapeXml(options.canonical)}">` : '';
  return `<!doctype html><html lang="en"><head><title>${escapeXml(headline)}</title>${canonical}</head><body><article><h1>${escapeXml(headline)}</h1>${body}</article></body></html>`;
}

type Body = string | ((request: IncomingMessage, response: ServerResponse) => void);

export interface FeedServer extends PageServer {
  /** Serves `body` at `path` from now on (a feed, a page, or a handler for errors and 304s). */
  serve(path: string, body: Body, contentType?: string): void;
  /** `path`'s feed from `feed`, in RSS (default), Atom or JSON Feed, with its ETag honoured. */
  serveFeed(path: string, feed: FixtureFeed, format?: 'rss' | 'atom' | 'json'): void;
  /** An article page for each path. */
  serveArticle(path: string, headline: string, options?: { canonical?: string; body?: string }): void;
}

const FEED_TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const;

/** A loopback server for fixture feeds and the article pages they link to; routes can change while it runs. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes: Record<string, RouteHandler> = {};
  const server = await startPageServer(routes);
  const base = server.url('').replace(/\/$/, '');
  let version = 0;
  const serve: FeedServer['serve'] = (path, body, contentType = 'text/html; charset=utf-8') => {
    routes[path] = typeof body === 'function' ? body : (_request, response) => response.writeHead(200, { 'content-type': contentType }).end(body);
  };
  return {
    ...server,
    serve,
    serveFeed(path, feed, format = 'rss') {
      const render = { rss, atom, json: jsonFeed }[format];
      const text = render(feed, base);
      const etag = `"v${(version += 1)}"`;
      routes[path] = (request, response) => {
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, { etag }).end();
          return;
        }
        response.writeHead(200, { 'content-type': `${FEED_TYPES[format]}; charset=utf-8`, etag }).end(text);
      };
    },
    serveArticle(path, headline, options) {
      serve(path, articlePage(headline, options));
    },
  };
}

function absolute(link: string, base: string): string {
  return /^https?:\/\//.test(link) ? link : `${base}${link}`;
}

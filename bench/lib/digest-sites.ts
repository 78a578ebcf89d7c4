import type { IncomingMessage, ServerResponse } from 'node:http';
// The tests' loopback server and feed renderers (test-support/), so the bench serves feeds the way the tests do.
import { articlePage, rss, type FixtureItem } from '../../test-support/feed-server.js';
import { startPageServer, type PageServer, type RouteHandler } from '../../test-support/page-server.js';
import type { GeneratedStory } from './digest-articles.js';

/** One request a site answered, stamped with `performance.now()` when it arrived. */
export interface SiteRequest {
  site: number;
  kind: 'feed' | 'page' | 'other';
  status: number;
  at: number;
}

export interface BenchFeed {
  index: number;
  /** The URL a channel subscribes to. */
  url: string;
  title: string;
}

export interface NewsSites {
  feeds: BenchFeed[];
  /** How many loopback servers (distinct host:port, so distinct hosts to the host limiter) carry the feeds. */
  hosts: number;
  /** Every feed and page request so far, in arrival order. */
  requests: SiteRequest[];
  /** Requests for paths no site serves (answered 404), which `requests` leaves out. */
  unrouted(): number;
  /** Puts `story` at the top of feed `feed`, dated `date`; the feed's ETag changes. */
  publish(feed: number, story: GeneratedStory, date: Date): void;
  close(): Promise<void>;
}

interface FeedContent {
  title: string;
  items: FixtureItem[];
  etag: string;
}

/**
 * News sites on loopback: feed `index` is served by server `index % hosts`, each feed at
 * `/feeds/<index>.xml` with an ETag (a conditional GET gets a 304 until the feed changes), and each
 * of its items links to its own article page on the same server.
 */
export async function startNewsSites(options: { hosts: number; feeds: Array<{ title: string; items: Array<{ story: GeneratedStory; date: Date }> }> }): Promise<NewsSites> {
  const requests: SiteRequest[] = [];
  const routeTables: Array<Record<string, RouteHandler>> = Array.from({ length: options.hosts }, () => ({}));
  const servers: PageServer[] = [];
  try {
    for (const [site, routes] of routeTables.entries()) servers.push(await startPageServer(recording(site, routes, requests)));
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.close()));
    throw error;
  }
  const contents: FeedContent[] = [];
  let version = 0;
  let pages = 0;

  const siteOf = (feed: number) => {
    const site = feed % options.hosts;
    const server = servers[site];
    const routes = routeTables[site];
    if (!server || !routes) throw new Error(`no server for feed ${feed}`);
    return { server, routes, base: server.url('').replace(/\/$/, '') };
  };
  const addPage = (feed: number, story: GeneratedStory): string => {
    const { routes } = siteOf(feed);
    const path = `/news/${feed}/${(pages += 1)}`;
    const page = articlePage(story.title, { body: story.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('') });
    routes[path] = (_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    return path;
  };
  const serveFeed = (feed: number) => {
    const { routes, base } = siteOf(feed);
    const content = contents[feed];
    if (!content) throw new Error(`no feed ${feed}`);
    const body = rss({ title: content.title, items: content.items }, base);
    const { etag } = content;
    routes[`/feeds/${feed}.xml`] = (request, response) => {
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
    };
  };

  for (const [feed, { title, items }] of options.feeds.entries()) {
    contents.push({
      title,
      etag: `"v${(version += 1)}"`,
      items: items.map(({ story, date }) => {
        const link = addPage(feed, story);
        return { title: story.title, link, guid: `feed-${feed}${link}`, date };
      }),
    });
    serveFeed(feed);
  }

  return {
    feeds: contents.map((content, index) => ({ index, title: content.title, url: `${siteOf(index).base}/feeds/${index}.xml` })),
    hosts: options.hosts,
    requests,
    unrouted: () => servers.reduce((sum, server) => sum + server.requests.length, 0) - requests.length,
    publish(feed, story, date) {
      const content = contents[feed];
      if (!content) throw new Error(`no feed ${feed}`);
      const link = addPage(feed, story);
      content.items.unshift({ title: story.title, link, guid: `feed-${feed}${link}`, date });
      content.etag = `"v${(version += 1)}"`;
      serveFeed(feed);
    },
    close: async () => {
      await Promise.allSettled(servers.map((server) => server.close()));
    },
  };
}

/** The routes as a proxy that stamps each request (kind, status, arrival) before its handler runs. */
function recording(site: number, routes: Record<string, RouteHandler>, requests: SiteRequest[]): Record<string, RouteHandler> {
  return new Proxy(routes, {
    get(target, path) {
      if (typeof path !== 'string') return undefined;
      const handler = target[path];
      if (!handler) return undefined;
      return (request: IncomingMessage, response: ServerResponse) => {
        const entry: SiteRequest = { site, kind: kindOf(path), status: 0, at: performance.now() };
        requests.push(entry);
        response.on('finish', () => {
          entry.status = response.statusCode;
        });
        handler(request, response);
      };
    },
  });
}

function kindOf(path: string): SiteRequest['kind'] {
  if (path.startsWith('/feeds/')) return 'feed';
  if (path.startsWith('/news/')) return 'page';
  return 'other';
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

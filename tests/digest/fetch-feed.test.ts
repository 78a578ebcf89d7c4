import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPageFetcher, HttpStatusError } from '../../src/article/fetch-page.js';
import { parseRetryAfter } from '../../src/http/retry-after.js';
import { fetchFeed } from '../../src/digest/fetch-feed.js';
import { useLoopbackFirewall } from '../../test-support/loopback-firewall.js';
import { startPageServer, type PageServer, type RouteHandler } from '../../test-support/page-server.js';
import { userFacingRejectionOf } from '../../test-support/user-facing-error.js';

useLoopbackFirewall();

const servers: PageServer[] = [];
const fetcher = createPageFetcher({
  timeoutMs: 5_000,
  maxBytes: 1_048_576,
  allowHosts: ['127.0.0.1'],
  resolve: async (hostname) => {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  },
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(() => fetcher.close());

async function serve(routes: Record<string, RouteHandler>): Promise<PageServer> {
  const server = await startPageServer(routes);
  servers.push(server);
  return server;
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback News</title><ttl>30</ttl>
  <item><title>First story</title><link>/story/1</link><guid>story-1</guid></item>
  <item><title>Second story</title><link>/story/2</link><guid>story-2</guid></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Loopback</title><id>urn:feed</id><updated>2024-01-02T00:00:00Z</updated>
  <entry><title>Atom story</title><id>urn:a</id><link href="https://news.example/a"/><updated>2024-01-02T00:00:00Z</updated></entry>
</feed>`;

const LAST_MODIFIED = 'Tue, 02 Jan 2024 10:30:00 GMT';

describe('fetchFeed', () => {
  it('returns the items and the ETag, then a not-modified when the ETag still matches', async () => {
    const server = await serve({
      '/feed.xml': (request, response) => {
        if (request.headers['if-none-match'] === '"v1"') {
          response.writeHead(304, { etag: '"v1"' }).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }).end(RSS);
      },
    });

    const first = await fetchFeed(fetcher.fetchPage, server.url('/feed.xml'));
    expect(first).toMatchObject({ status: 'fresh', etag: '"v1"', lastModified: null, retryAfterMs: null });
    if (first.status !== 'fresh') throw new Error('expected a fresh feed');
    expect(first.feed.title).toBe('Loopback News');
    expect(first.feed.ttlMinutes).toBe(30);
    expect(first.feed.items.map((item) => [item.title, item.link])).toEqual([
      ['First story', server.url('/story/1')],
      ['Second story', server.url('/story/2')],
    ]);

    const second = await fetchFeed(fetcher.fetchPage, server.url('/feed.xml'), { etag: first.etag });
    expect(second).toEqual({ status: 'not-modified', retryAfterMs: null });
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[1]?.headers.accept).toContain('application/rss+xml');
  });

  it('sends Last-Modified back as If-Modified-Since', async () => {
    const server = await serve({
      '/atom.xml': (request, response) => {
        if (request.headers['if-modified-since'] === LAST_MODIFIED) {
          response.writeHead(304).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': LAST_MODIFIED }).end(ATOM);
      },
    });

    const first = await fetchFeed(fetcher.fetchPage, server.url('/atom.xml'));
    expect(first).toMatchObject({ status: 'fresh', etag: null, lastModified: LAST_MODIFIED });
    if (first.status !== 'fresh') throw new Error('expected a fresh feed');
    expect(first.feed.items.map((item) => item.title)).toEqual(['Atom story']);

    const second = await fetchFeed(fetcher.fetchPage, server.url('/atom.xml'), { lastModified: first.lastModified });
    expect(second.status).toBe('not-modified');
    expect(server.requests[1]?.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('reports Retry-After from a 503 on the error it throws', async () => {
    const server = await serve({
      '/busy.xml': (_request, response) => {
        response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '120' }).end('busy');
      },
    });

    const error = await userFacingRejectionOf(fetchFeed(fetcher.fetchPage, server.url('/busy.xml')));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ code: 'http_error', status: 503, retryAfterMs: 120_000 });
    expect(error.message).toBe('The page answered 503 Service Unavailable.');
  });

  it('reports Retry-After sent with a fresh answer', async () => {
    const server = await serve({
      '/slow.xml': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml', 'retry-after': '600' }).end(RSS);
      },
    });

    const result = await fetchFeed(fetcher.fetchPage, server.url('/slow.xml'));
    expect(result).toMatchObject({ status: 'fresh', retryAfterMs: 600_000 });
  });

  it('accepts feed content types the page reader refuses', async () => {
    const server = await serve({
      '/feed.xml': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      },
      '/feed.json': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/feed+json' }).end(
          JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON Loopback', items: [{ id: '1', url: 'https://news.example/j', title: 'JSON story' }] }),
        );
      },
    });

    const rss = await fetchFeed(fetcher.fetchPage, server.url('/feed.xml'));
    expect(rss.status === 'fresh' && rss.feed.items.length).toBe(2);
    const json = await fetchFeed(fetcher.fetchPage, server.url('/feed.json'));
    expect(json.status === 'fresh' && json.feed.items.map((item) => item.title)).toEqual(['JSON story']);

    const refused = await userFacingRejectionOf(fetcher.fetchPage(server.url('/feed.xml')));
    expect(refused.code).toBe('unsupported_type');
  });
});

describe('fetchPage options used by fetchFeed', () => {
  it('sends only the allowed caller headers', async () => {
    const server = await serve({ '/page': (_request, response) => void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok') });
    await fetcher.fetchPage(server.url('/page'), undefined, {
      headers: { Accept: 'text/xml', 'If-None-Match': '"x"', cookie: 'session=1', authorization: 'Bearer t', 'x-forwarded-for': '10.0.0.1' },
    });
    const headers = server.requests[0]?.headers ?? {};
    expect(headers).toMatchObject({ accept: 'text/xml', 'if-none-match': '"x"' });
    expect(headers).not.toHaveProperty('cookie');
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('x-forwarded-for');
  });

  it('still throws on a 304 unless the caller accepts it', async () => {
    const server = await serve({ '/same': (_request, response) => void response.writeHead(304).end() });
    const error = await userFacingRejectionOf(fetcher.fetchPage(server.url('/same')));
    expect(error).toMatchObject({ code: 'http_error', status: 304 });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-02T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 02 Jan 2024 10:05:00 GMT', now)).toBe(5 * 60_000);
    expect(parseRetryAfter('Tue, 02 Jan 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

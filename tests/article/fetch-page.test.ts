import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { useLoopbackFirewall } from '../../test-support/loopback-firewall.js';
import { createPageFetcher, DEFAULT_USER_AGENT, type PageFetcherOptions, type ResolvedAddress } from '../../src/article/fetch-page.js';
import { startPageServer, type PageServer, type RouteHandler } from '../../test-support/page-server.js';
import { userFacingRejectionOf } from '../../test-support/user-facing-error.js';

useLoopbackFirewall();

/** A resolver from a fixed table that records every question. */
function fakeDns(table: Record<string, string[] | (() => string[])>) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const entry = table[hostname];
    const addresses = typeof entry === 'function' ? entry() : entry;
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 }));
  };
  return { resolve, calls };
}

const servers: PageServer[] = [];
const fetchers: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(routes: Record<string, RouteHandler>): Promise<PageServer> {
  const server = await startPageServer(routes);
  servers.push(server);
  return server;
}

function fetcherWith(options: Partial<PageFetcherOptions> = {}) {
  const fetcher = createPageFetcher({
    timeoutMs: 5_000,
    maxBytes: 1_048_576,
    allowHosts: ['127.0.0.1'],
    resolve: fakeDns({}).resolve,
    ...options,
  });
  fetchers.push(fetcher);
  return fetcher;
}


const html = (body: string, contentType = 'text/html; charset=utf-8'): RouteHandler => (_request, response) => {
  response.writeHead(200, { 'content-type': contentType }).end(body);
};
const redirectTo = (location: string, status = 302): RouteHandler => (_request, response) => {
  response.writeHead(status, { location }).end();
};

describe('fetchPage: what it returns', () => {
  it('fetches an allowed loopback page with browser-like headers', async () => {
    const server = await serve({ '/article': html('<p>Hello</p>') });
    const page = await fetcherWith().fetchPage(server.url('/article'));

    expect(page).toMatchObject({ url: server.url('/article'), status: 200, mimeType: 'text/html', charset: 'utf-8' });
    expect(Buffer.from(page.body).toString()).toBe('<p>Hello</p>');
    const headers = server.requests[0]?.headers;
    expect(headers?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/newsbrief.*https:\/\//);
    expect(headers?.accept).toBe('text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1');
    expect(headers?.['accept-language']).toBe('en;q=0.9,*;q=0.5');
  });

  it('sends a custom User-Agent when given one', async () => {
    const server = await serve({ '/': html('<p>x</p>') });
    await fetcherWith({ userAgent: 'newsbrief-test/1.0' }).fetchPage(server.url('/'));
    expect(server.requests[0]?.headers['user-agent']).toBe('newsbrief-test/1.0');
  });

  it('lowercases the MIME type, drops its parameters and unquotes the charset', async () => {
    const server = await serve({ '/': html('<p>x</p>', 'Text/HTML ; Charset="Shift_JIS"') });
    const page = await fetcherWith().fetchPage(server.url('/'));
    expect(page.mimeType).toBe('text/html');
    expect(page.charset).toBe('Shift_JIS');
  });

  it.each([
    ['text/plain', 'just words'],
    ['application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"/>'],
  ])('accepts %s', async (contentType, body) => {
    const server = await serve({ '/': html(body, contentType) });
    const page = await fetcherWith().fetchPage(server.url('/'));
    expect(page.mimeType).toBe(contentType);
    expect(page.charset).toBeNull();
  });

  it('sniffs a page without Content-Type: markup is HTML, anything else plain text', async () => {
    const server = await serve({
      '/markup': (_request, response) => response.end('\n  <!doctype html><p>hi</p>'),
      '/words': (_request, response) => response.end('Just some words.'),
    });
    const fetcher = fetcherWith();
    expect((await fetcher.fetchPage(server.url('/markup'))).mimeType).toBe('text/html');
    expect((await fetcher.fetchPage(server.url('/words'))).mimeType).toBe('text/plain');
  });

  it('decompresses a gzip body', async () => {
    const text = '<p>compressed</p>'.repeat(1000);
    const server = await serve({
      '/': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(text));
      },
    });
    const page = await fetcherWith().fetchPage(server.url('/'));
    expect(Buffer.from(page.body).toString()).toBe(text);
  });
});

describe('fetchPage: addresses it refuses before connecting', () => {
  it.each([
    ['http://2130706433/', 'decimal'],
    ['http://0x7f.1/', 'hex'],
    ['http://017700000001/', 'octal'],
    ['http://0x7f000001/', 'single hex number'],
    ['http://127.1/', 'short form'],
  ])('normalises %s (%s) to 127.0.0.1 and refuses it', async (url) => {
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const dnsTable = fakeDns({});
    const error = await userFacingRejectionOf(fetcherWith({ allowHosts: [], resolve: dnsTable.resolve }).fetchPage(url));
    expect(error.code).toBe('blocked_url');
    expect(error.badInput).toBe(true);
    expect(error.message).toBe('That address points to a private or internal network (127.0.0.1), which newsbrief does not fetch.');
    expect(dnsTable.calls).toEqual([]);
  });

  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://10.0.0.5/', '10.0.0.5'],
    ['http://172.16.4.2/', '172.16.4.2'],
    ['http://192.168.0.1/', '192.168.0.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://100.100.100.200/', '100.100.100.200'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://0.0.0.0/', '0.0.0.0'],
    ['http://224.0.0.1/', '224.0.0.1'],
    ['http://255.255.255.255/', '255.255.255.255'],
    ['http://192.0.2.1/', '192.0.2.1'],
    ['http://[::1]/', '::1'],
    ['http://[::]/', '::'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://[::ffff:a9fe:a9fe]/', '::ffff:a9fe:a9fe'],
    ['http://[fe80::1]/', 'fe80::1'],
    ['http://[fc00::1]/', 'fc00::1'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe'],
    ['http://[2002:7f00:1::1]/', '2002:7f00:1::1'],
  ])('refuses %s', async (url, shownAddress) => {
    const dnsTable = fakeDns({});
    const error = await userFacingRejectionOf(fetcherWith({ allowHosts: [], resolve: dnsTable.resolve }).fetchPage(url));
    expect(error.code).toBe('blocked_url');
    expect(error.message).toContain(`(${shownAddress})`);
    expect(dnsTable.calls).toEqual([]);
  });

  it('refuses the running loopback server itself when 127.0.0.1 is not allowed, without a request', async () => {
    const server = await serve({ '/': html('<p>secret</p>') });
    const error = await userFacingRejectionOf(fetcherWith({ allowHosts: [] }).fetchPage(server.url('/')));
    expect(error.code).toBe('blocked_url');
    expect(server.requests).toEqual([]);
  });

  it('refuses localhost when it resolves to 127.0.0.1 and nothing allows it', async () => {
    const dnsTable = fakeDns({ localhost: ['127.0.0.1'] });
    const error = await userFacingRejectionOf(fetcherWith({ allowHosts: [], resolve: dnsTable.resolve }).fetchPage('http://localhost/'));
    expect(error.code).toBe('blocked_url');
    expect(error.message).toBe('localhost points to a private or internal network (127.0.0.1), which newsbrief does not fetch.');
    expect(dnsTable.calls).toEqual(['localhost']);
  });

  it('refuses a host name when any one of its addresses is private', async () => {
    const dnsTable = fakeDns({ 'mixed.example': ['93.184.216.34', '2606:2800:220:1::1', '10.0.0.7'] });
    const error = await userFacingRejectionOf(fetcherWith({ allowHosts: [], resolve: dnsTable.resolve }).fetchPage('https://mixed.example/news'));
    expect(error.code).toBe('blocked_url');
    expect(error.message).toContain('(10.0.0.7)');
  });

  it('refuses a host name that resolves to an IPv4-mapped loopback', async () => {
    const dnsTable = fakeDns({ 'mapped.example': ['::ffff:127.0.0.1'] });
    const error = await userFacingRejectionOf(fetcherWith({ allowHosts: [], resolve: dnsTable.resolve }).fetchPage('http://mapped.example/'));
    expect(error.code).toBe('blocked_url');
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['ftp://example.com/file.txt', 'ftp:'],
    ['data:text/html,<p>hi</p>', 'data:'],
    ['javascript:alert(1)', 'javascript:'],
    ['gopher://127.0.0.1:6379/_INFO', 'gopher:'],
  ])('refuses the %s scheme, naming it', async (url, scheme) => {
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(url));
    expect(error.code).toBe('blocked_url');
    expect(error.message).toContain(scheme);
  });

  it('refuses a URL with credentials in it', async () => {
    const server = await serve({ '/': html('<p>x</p>') });
    const withCredentials = server.url('/').replace('http://', 'http://user:secret@');
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(withCredentials));
    expect(error.code).toBe('blocked_url');
    expect(error.message).not.toContain('secret');
    expect(server.requests).toEqual([]);
  });

  it('refuses text that is not a URL', async () => {
    const error = await userFacingRejectionOf(fetcherWith().fetchPage('not a url'));
    expect(error.code).toBe('invalid_url');
    expect(error.badInput).toBe(true);
  });
});

describe('fetchPage: the allow list', () => {
  it('lets a private address through by CIDR', async () => {
    const server = await serve({ '/': html('<p>intranet</p>') });
    const page = await fetcherWith({ allowHosts: ['127.0.0.0/8'] }).fetchPage(server.url('/'));
    expect(page.status).toBe(200);
  });

  it('lets a host name through whatever it resolves to, and only that host name', async () => {
    const server = await serve({ '/': html('<p>intranet</p>') });
    const dnsTable = fakeDns({ 'wiki.intranet': ['127.0.0.1'], 'other.intranet': ['127.0.0.1'] });
    const fetcher = fetcherWith({ allowHosts: ['wiki.intranet'], resolve: dnsTable.resolve });

    const page = await fetcher.fetchPage(`http://wiki.intranet:${server.port}/`);
    expect(page.url).toBe(`http://wiki.intranet:${server.port}/`);
    expect(server.requests[0]?.headers.host).toBe(`wiki.intranet:${server.port}`);

    const error = await userFacingRejectionOf(fetcher.fetchPage(`http://other.intranet:${server.port}/`));
    expect(error.code).toBe('blocked_url');
    expect(server.requests).toHaveLength(1);
  });

  it('does not let a host name entry open the IP literal it resolves to', async () => {
    const server = await serve({ '/': html('<p>x</p>') });
    const error = await userFacingRejectionOf(fetcherWith({ allowHosts: ['wiki.intranet'] }).fetchPage(server.url('/')));
    expect(error.code).toBe('blocked_url');
  });
});

describe('fetchPage: redirects', () => {
  it.each([
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['IPv6 loopback', 'http://[::1]/', '::1'],
    ['a host name that resolves to 10.0.0.1', 'http://internal.example/', '10.0.0.1'],
    ['a decimal spelling of 10.0.0.1', 'http://167772161/', '10.0.0.1'],
  ])('re-checks the target and refuses a redirect to %s', async (_name, location, shownAddress) => {
    const server = await serve({ '/start': redirectTo(location) });
    const dnsTable = fakeDns({ 'internal.example': ['10.0.0.1'] });
    const error = await userFacingRejectionOf(fetcherWith({ resolve: dnsTable.resolve }).fetchPage(server.url('/start')));
    expect(error.code).toBe('blocked_url');
    expect(error.message).toContain(`(${shownAddress})`);
  });

  it('refuses a redirect to file:///etc/passwd', async () => {
    const server = await serve({ '/start': redirectTo('file:///etc/passwd', 301) });
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(server.url('/start')));
    expect(error.code).toBe('blocked_url');
    expect(error.message).toContain('file:');
  });

  /** /hop/N redirects to /hop/N-1; /hop/0 is the page. */
  const chain: RouteHandler = (request, response) => {
    const left = Number(request.url?.split('/')[2]);
    if (left === 0) html('<p>end of chain</p>')(request, response);
    else redirectTo(`/hop/${left - 1}`, 307)(request, response);
  };
  const chainRoutes = Object.fromEntries(Array.from({ length: 7 }, (_, hop) => [`/hop/${hop}`, chain]));

  it('follows 5 redirects', async () => {
    const server = await serve(chainRoutes);
    const page = await fetcherWith().fetchPage(server.url('/hop/5'));
    expect(page.url).toBe(server.url('/hop/0'));
    expect(server.requests).toHaveLength(6);
  });

  it('stops at the 6th redirect', async () => {
    const server = await serve(chainRoutes);
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(server.url('/hop/6')));
    expect(error.code).toBe('too_many_redirects');
    expect(server.requests).toHaveLength(6);
  });

  it('resolves relative Location headers against the current URL', async () => {
    // The last hop is protocol-relative and goes to a second server, so it needs that server's port.
    const server = await serve({ '/final': html('<p>arrived</p>') });
    const routed = await serve({
      '/a/start': redirectTo('next'),
      '/a/next': redirectTo('../b/page?from=relative', 303),
      '/b/page': redirectTo(`//127.0.0.1:${server.port}/final`),
    });
    const page = await fetcherWith().fetchPage(routed.url('/a/start'));
    expect(page.url).toBe(server.url('/final'));
    expect(routed.requests.map((request) => request.path)).toEqual(['/a/start', '/a/next', '/b/page?from=relative']);
  });

  it('answers a redirect without Location as the status it is', async () => {
    const server = await serve({ '/': (_request, response) => response.writeHead(302).end() });
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(server.url('/')));
    expect(error.code).toBe('http_error');
  });
});

describe('fetchPage: pinning the checked address', () => {
  it('asks the resolver once and connects to the address it checked, never to system DNS', async () => {
    const server = await serve({ '/page': html('<p>pinned</p>') });
    let answers = 0;
    // A rebinding resolver: the first answer passes the check, any later one would not.
    const dnsTable = fakeDns({
      'rebind.example': () => {
        answers += 1;
        if (answers > 1) throw new Error('the resolver was asked twice for one hop');
        return ['127.0.0.1'];
      },
    });
    const page = await fetcherWith({ resolve: dnsTable.resolve }).fetchPage(`http://rebind.example:${server.port}/page`);

    expect(Buffer.from(page.body).toString()).toBe('<p>pinned</p>');
    expect(dnsTable.calls).toEqual(['rebind.example']);
    // The request reached our loopback server under the host name, so the socket used the pinned answer.
    expect(server.requests[0]?.headers.host).toBe(`rebind.example:${server.port}`);
  });

  it('checks each hop again, so an answer that changes between hops is refused before connecting', async () => {
    const server = await serve({ '/first': redirectTo('/second'), '/second': html('<p>should not be reached</p>') });
    let answers = 0;
    const dnsTable = fakeDns({ 'rebind.example': () => (++answers === 1 ? ['127.0.0.1'] : ['10.0.0.1']) });
    const error = await userFacingRejectionOf(fetcherWith({ resolve: dnsTable.resolve }).fetchPage(`http://rebind.example:${server.port}/first`));

    expect(error.code).toBe('blocked_url');
    expect(error.message).toContain('(10.0.0.1)');
    expect(dnsTable.calls).toEqual(['rebind.example', 'rebind.example']);
    expect(server.requests.map((request) => request.path)).toEqual(['/first']);
  });
});

describe('fetchPage: size limits', () => {
  const maxBytes = 64 * 1024;

  it('refuses early when Content-Length is over the cap, without waiting for the body', async () => {
    const server = await serve({
      '/': (_request, response) => {
        // Declares 10 MB but sends a little and stalls: only an early refusal finishes in time.
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 1_048_576) });
        response.write('<p>start');
      },
    });
    const error = await userFacingRejectionOf(fetcherWith({ maxBytes, timeoutMs: 2_000 }).fetchPage(server.url('/')));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('64 KB');
  });

  it('stops reading a chunked body with no length once it passes the cap', async () => {
    const server = await serve({
      '/': (_request, response) => {
        // Streams forever: only a reader that stops at the cap finishes in time.
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write('x'.repeat(16 * 1024)), 1);
        response.on('close', () => clearInterval(timer));
      },
    });
    const error = await userFacingRejectionOf(fetcherWith({ maxBytes, timeoutMs: 3_000 }).fetchPage(server.url('/')));
    expect(error.code).toBe('too_large');
  });

  it('counts bytes after decompression, so a small gzip bomb is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1_048_576, 0x20));
    expect(bomb.byteLength).toBeLessThan(maxBytes);
    const server = await serve({
      '/': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.byteLength }).end(bomb);
      },
    });
    const error = await userFacingRejectionOf(fetcherWith({ maxBytes }).fetchPage(server.url('/')));
    expect(error.code).toBe('too_large');
  });

  it('states the limit in MB', async () => {
    const server = await serve({ '/': html('x'.repeat(6 * 1_048_576)) });
    const error = await userFacingRejectionOf(fetcherWith({ maxBytes: 5_242_880 }).fetchPage(server.url('/')));
    expect(error.message).toBe('The page is larger than 5 MB, the most newsbrief reads.');
  });

  it('accepts a body of exactly the cap', async () => {
    const server = await serve({ '/': html('x'.repeat(maxBytes), 'text/plain') });
    const page = await fetcherWith({ maxBytes }).fetchPage(server.url('/'));
    expect(page.body.byteLength).toBe(maxBytes);
  });
});

describe('fetchPage: time limits and cancellation', () => {
  it('gives up on a body that stalls', async () => {
    const server = await serve({
      '/': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<p>first words');
      },
    });
    const started = Date.now();
    const error = await userFacingRejectionOf(fetcherWith({ timeoutMs: 300 }).fetchPage(server.url('/')));
    expect(error.code).toBe('fetch_timeout');
    expect(error.badInput).toBe(false);
    expect(error.message).toBe('The page took longer than 0.3 s to load, so newsbrief gave up.');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('counts the time across redirects', async () => {
    const slowRedirect = (location: string): RouteHandler => (request, response) => {
      setTimeout(() => redirectTo(location)(request, response), 200);
    };
    const server = await serve({ '/1': slowRedirect('/2'), '/2': slowRedirect('/3'), '/3': slowRedirect('/4'), '/4': html('<p>late</p>') });
    const error = await userFacingRejectionOf(fetcherWith({ timeoutMs: 450 }).fetchPage(server.url('/1')));
    expect(error.code).toBe('fetch_timeout');
  });

  it('gives up on a resolver that never answers', async () => {
    const error = await userFacingRejectionOf(fetcherWith({ timeoutMs: 200, resolve: () => new Promise(() => {}) }).fetchPage('http://slow-dns.example/'));
    expect(error.code).toBe('fetch_timeout');
  });

  it('stops when the caller aborts, with the caller’s reason', async () => {
    const server = await serve({ '/': (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).write('<p>') });
    const controller = new AbortController();
    const reason = new Error('the user cancelled');
    setTimeout(() => controller.abort(reason), 100);
    await expect(fetcherWith().fetchPage(server.url('/'), controller.signal)).rejects.toBe(reason);
  });

  it('refuses new fetches once closed', async () => {
    const server = await serve({ '/': html('<p>x</p>') });
    const fetcher = fetcherWith();
    await fetcher.close();
    await expect(fetcher.fetchPage(server.url('/'))).rejects.toThrow(/closed/);
    expect(server.requests).toEqual([]);
  });
});

describe('fetchPage: what it will not read', () => {
  it('refuses a PDF by its Content-Type', async () => {
    const server = await serve({ '/paper.pdf': html('%PDF-1.7', 'application/pdf') });
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(server.url('/paper.pdf')));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toContain('PDFs are not supported yet');
  });

  it.each([
    ['no Content-Type', undefined],
    ['a Content-Type that lies', 'text/html'],
  ])('refuses a PDF by its magic bytes with %s', async (_name, contentType) => {
    const server = await serve({
      '/download': (_request, response) => {
        response.writeHead(200, contentType ? { 'content-type': contentType } : {}).end('%PDF-1.4\n%âãÏÓ\n1 0 obj');
      },
    });
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(server.url('/download')));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toContain('PDFs are not supported yet');
  });

  it('names the type it got', async () => {
    const server = await serve({ '/logo.png': html('\x89PNG', 'image/png') });
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(server.url('/logo.png')));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/^image\/png is not a web page or text/);
  });

  it('reports the status of a failed page', async () => {
    const server = await serve({});
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(server.url('/missing')));
    expect(error.code).toBe('http_error');
    expect(error.badInput).toBe(false);
    expect(error.message).toBe('The page answered 404 Not Found.');
  });

  it('explains a refused connection, naming the host', async () => {
    const server = await startPageServer({});
    const closedUrl = server.url('/');
    await server.close();
    const error = await userFacingRejectionOf(fetcherWith().fetchPage(closedUrl));
    expect(error.code).toBe('fetch_failed');
    expect(error.badInput).toBe(false);
    expect(error.message).toBe('Could not fetch the page from 127.0.0.1: the connection was refused.');
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('explains a name that does not resolve', async () => {
    const error = await userFacingRejectionOf(fetcherWith().fetchPage('https://nowhere.example/story'));
    expect(error.code).toBe('fetch_failed');
    expect(error.badInput).toBe(false);
    expect(error.message).toContain('nowhere.example');
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface PageServer {
  /** `http://127.0.0.1:PORT` + path. */
  url(path?: string): string;
  port: number;
  /** Every request the server has seen, in order: method, path and headers. */
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback, random port, for tests of code that fetches pages.
 * Routes match the path without the query string; anything else is a 404.
 */
export async function startPageServer(routes: Record<string, RouteHandler>): Promise<PageServer> {
  const requests: PageServer['requests'] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers });
    const handler = routes[path.split('?')[0] ?? path];
    if (handler) {
      handler(request, response);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    port,
    requests,
    // Handlers that stall on purpose keep their sockets open; cut them so close() never hangs.
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import { describeCheckError, withinMs, type CheckResult, type HealthCheck } from './health-check.js';

/** A check that has not answered by then is failing: container health checks give up after a few seconds. */
const CHECK_LIMIT_MS = 3_000;

export interface HealthServerOptions {
  port: number;
  /** Default 0.0.0.0: in a container, the health check and the scraper come from outside. */
  host?: string;
  /** What `/metrics` serves; a prom-client Registry is one. */
  metrics: { readonly contentType: string; metrics(): Promise<string> };
  /** The parts `/healthz` reports, by name; all must be ok for a 200. */
  checks: Record<string, HealthCheck>;
  log: Logger;
  /** Removes secrets from a check's detail before it is sent (`services.secrets.scrub`). */
  scrub?: (text: string) => string;
  checkLimitMs?: number;
}

export interface HealthReport {
  status: 'ok' | 'failing';
  checks: Record<string, CheckResult>;
}

export interface HealthServer {
  /** The bound port: HTTP_PORT, or the one the system chose for port 0. */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `GET /healthz`: 200 when every check is ok, else 503, with a JSON body naming each part and
 * what is wrong with it. `GET /metrics`: Prometheus text. Nothing else: other paths are 404 and
 * other methods 405, so the port answers no more than it must.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const scrub = options.scrub ?? ((text: string) => text);
  const limitMs = options.checkLimitMs ?? CHECK_LIMIT_MS;
  let lastStatus: HealthReport['status'] | null = null;

  async function report(): Promise<HealthReport> {
    const entries = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
        try {
          const result = await withinMs(check(), limitMs, name);
          return [name, result.detail === undefined ? { ok: result.ok } : { ok: result.ok, detail: scrub(result.detail) }];
        } catch (error) {
          return [name, { ok: false, detail: scrub(describeCheckError(error)) }];
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, result]) => result.ok) ? 'ok' : 'failing';
    // Logged when it changes, not on every probe: a scraper asks every few seconds.
    if (status !== lastStatus) {
      if (status === 'ok') options.log.info({ checks }, 'health: ok');
      else options.log.warn({ checks }, 'health: failing');
      lastStatus = status;
    }
    return { status, checks };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path !== '/healthz' && path !== '/metrics') {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found: this port serves /healthz and /metrics.\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed: use GET.\n');
      return;
    }
    if (path === '/metrics') {
      send(response, 200, options.metrics.contentType, await options.metrics.metrics());
      return;
    }
    const body = await report();
    send(response, body.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error({ err: error, path: request.url }, 'health server failed to answer');
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error.\n');
      else response.destroy();
    });
  });
  // Nothing here needs a slow client: cut those off rather than hold sockets open.
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;

  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(new Error(`HTTP_PORT ${options.port}: cannot listen on ${host}:${options.port} (${error.code ?? error.message}).`, { cause: error }));
    server.once('error', fail);
    server.listen(options.port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  server.on('error', (error) => options.log.error({ err: error }, 'health server error'));
  const { port } = server.address() as AddressInfo;
  options.log.info({ host, port }, `health and metrics on http://${host}:${port}/healthz and /metrics`);

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

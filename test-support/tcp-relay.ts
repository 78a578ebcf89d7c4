import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A port on 127.0.0.1 that can be switched off and on: while on, every connection is relayed to
 * `targetPort`; while off, nothing listens there, so a client gets ECONNREFUSED, exactly what a
 * crashed or not yet started server gives. The port stays the same across switches, so a client
 * configured with `url` finds the server again when it comes back.
 *
 *   const relay = await startTcpRelay(fake.port);     // on
 *   await relay.off();                                 // connection refused from now on
 *   await relay.on();                                  // relayed again
 */
export interface TcpRelay {
  port: number;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  on(): Promise<void>;
  /** Stops listening and cuts the relayed connections. */
  off(): Promise<void>;
}

export async function startTcpRelay(targetPort: number): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const listen = async () => {
    const next = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        // A reset on either side ends both; the HTTP client sees it, the test does not crash.
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', resolve);
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get origin() {
      return `http://127.0.0.1:${port}`;
    },
    on: async () => {
      if (!server) await listen();
    },
    off: async () => {
      const current = server;
      server = null;
      if (!current) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}

import dns from 'node:dns';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * A firewall for a test file that fetches: every socket may only reach 127.0.0.1, and never through
 * system DNS. If the fetcher under test ever forgot a check, the attempt is stopped
 * here and recorded, and afterEach fails the test, so no bug can send traffic off loopback.
 */
export function useLoopbackFirewall(): void {
  const escapes: string[] = [];
  const realConnect = net.Socket.prototype.connect;
  const realLookup = dns.lookup;
  const realPromisesLookup = dns.promises.lookup;

  beforeAll(() => {
    net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
      // net.connect passes its normalised arguments as one array; direct callers pass options.
      const options = (Array.isArray(args[0]) ? args[0][0] : args[0]) as net.TcpNetConnectOpts | undefined;
      const host = options?.host ?? 'localhost';
      if (net.isIP(host) !== 0) {
        if (host !== '127.0.0.1') return refuse(`connect to ${host}`);
      } else if (options?.lookup === undefined) {
        return refuse(`system DNS for ${host}`);
      } else {
        const pinnedLookup = options.lookup;
        options.lookup = (hostname, lookupOptions, callback) =>
          pinnedLookup(hostname, lookupOptions, (error, address, family) => {
            const answers = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
            const outside = answers.filter((answer) => answer !== '127.0.0.1');
            if (!error && outside.length > 0) {
              escapes.push(`connect to ${outside.join(', ')} for ${hostname}`);
              callback(new Error('test firewall: off-loopback address'), '', 0);
              return;
            }
            callback(error, address, family);
          });
      }
      return Reflect.apply(realConnect, this, args) as net.Socket;
    } as typeof realConnect;

    // An IP literal never leaves the machine (server.listen looks one up); a name would.
    const refuseNames = <T extends (hostname: string, ...rest: never[]) => unknown>(real: T): T =>
      function guardedLookup(this: unknown, hostname: string, ...rest: never[]) {
        if (net.isIP(hostname) !== 0) return Reflect.apply(real, this, [hostname, ...rest]);
        escapes.push(`system DNS for ${hostname}`);
        throw new Error('test firewall: system DNS');
      } as T;
    dns.lookup = refuseNames(realLookup);
    dns.promises.lookup = refuseNames(realPromisesLookup);
  });

  afterAll(() => {
    net.Socket.prototype.connect = realConnect;
    dns.lookup = realLookup;
    dns.promises.lookup = realPromisesLookup;
  });

  afterEach(() => {
    const seen = escapes.splice(0);
    expect(seen, 'traffic that tried to leave loopback').toEqual([]);
  });

  function refuse(what: string): never {
    escapes.push(what);
    throw new Error(`test firewall: ${what}`);
  }
}

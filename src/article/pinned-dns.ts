import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export async function resolveWithSystemDns(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/**
 * The Agent's DNS: answers only with addresses this fetch already checked. A host it
 * does not know was never checked, so the connection fails instead of asking real DNS.
 */
export function lookupFrom(pinned: ReadonlyMap<string, ResolvedAddress[]>): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    const family = lookupOptions.family;
    const addresses = (pinned.get(hostname) ?? []).filter((entry) => (family === 4 || family === 6 ? entry.family === family : true));
    const [first] = addresses;
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error(`${hostname} was not checked before connecting`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (lookupOptions.all) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

import { isIP } from 'node:net';
import { UserFacingError } from '../errors.js';
import { isPublicAddress, type AllowList } from './address-policy.js';
import { checkUrlAsWritten, privateAddress } from './check-url-as-written.js';
import type { ResolvedAddress } from './pinned-dns.js';
import { shortenForMessage } from './shorten-for-message.js';

interface DestinationCheck {
  allowList: AllowList;
  resolve: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Host name → the addresses that passed the check; the Agent's lookup reads it. */
  pinned: Map<string, ResolvedAddress[]>;
  signal: AbortSignal;
}

/**
 * Refuses before any connection is attempted: first what the link shows (`checkUrlAsWritten`),
 * then host names are resolved once, and one private answer among public ones is enough to refuse.
 */
export async function checkDestination(url: URL, check: DestinationCheck, isRedirect: boolean): Promise<void> {
  const hostname = checkUrlAsWritten(url, check.allowList, isRedirect);
  if (hostname === null) return;

  const addresses = await resolveOrExplain(hostname, check);
  if (!check.allowList.allowsHost(hostname)) {
    const refused = addresses.find(({ address }) => !isPublicAddress(address) && !check.allowList.allowsAddress(address));
    if (refused) throw privateAddress(refused.address, hostname);
  }
  check.pinned.set(url.hostname, addresses);
}

async function resolveOrExplain(hostname: string, check: DestinationCheck): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await untilAborted(check.resolve(hostname), check.signal);
  } catch (error) {
    if (check.signal.aborted) throw error;
    throw notFound(hostname, error);
  }
  if (addresses.length === 0) throw notFound(hostname);
  // The socket trusts this family, so take it from the address rather than the resolver's word.
  return addresses.map(({ address }) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
}

function notFound(hostname: string, cause?: unknown): UserFacingError {
  return new UserFacingError('fetch_failed', `Could not find the site ${shortenForMessage(hostname)}: the name does not resolve.`, { badInput: false, cause });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

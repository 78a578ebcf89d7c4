import { isIP } from 'node:net';
import { UserFacingError } from '../errors.js';
import { isPublicAddress, type AllowList } from './address-policy.js';
import { hostnameOf } from './hostname-of.js';
import type { ResolvedAddress } from './pinned-dns.js';

interface DestinationCheck {
  allowList: AllowList;
  resolve: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Host name → the addresses that passed the check; the Agent's lookup reads it. */
  pinned: Map<string, ResolvedAddress[]>;
  signal: AbortSignal;
}

/**
 * Refuses before any connection is attempted. IP literals are judged as written,
 * because Node connects to them without a lookup; host names are resolved once, and
 * one private answer among public ones is enough to refuse.
 */
export async function checkDestination(url: URL, check: DestinationCheck, isRedirect: boolean): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = isRedirect
      ? `The page redirected to a ${url.protocol} link; newsbrief only follows http and https links.`
      : `newsbrief only fetches http and https links, not ${url.protocol} links.`;
    throw new UserFacingError('blocked_url', message);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UserFacingError('blocked_url', 'Links with a user name or password in them are not fetched.');
  }

  const hostname = hostnameOf(url);
  if (isIP(hostname) !== 0) {
    if (!isPublicAddress(hostname) && !check.allowList.allowsAddress(hostname)) throw privateAddress(hostname);
    return;
  }

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

function privateAddress(address: string, hostname?: string): UserFacingError {
  const subject = hostname === undefined ? 'That address' : hostname;
  return new UserFacingError('blocked_url', `${subject} points to a private or internal network (${address}), which newsbrief does not fetch.`);
}

function notFound(hostname: string, cause?: unknown): UserFacingError {
  return new UserFacingError('fetch_failed', `Could not find the site ${hostname}: the name does not resolve.`, { badInput: false, cause });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

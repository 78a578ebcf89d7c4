import { isIP } from 'node:net';
import { UserFacingError } from '../errors.js';
import { isPublicAddress, type AllowList } from './address-policy.js';
import { hostnameOf } from './hostname-of.js';
import { shortenForMessage } from './shorten-for-message.js';

/** No DNS name is longer (RFC 1035 with the dots), so a longer host can never resolve. */
const MAX_HOSTNAME_CHARS = 253;

/** What a link must be before anything is resolved or fetched: this needs no I/O, so front doors run it first. */
export function parseRequestedUrl(input: string): URL {
  try {
    return new URL(input.trim());
  } catch {
    throw new UserFacingError('invalid_url', 'That is not a valid web address.');
  }
}

/**
 * Refuses what the link itself shows: another scheme, credentials, an IP literal that is private.
 * IP literals are judged as written, because Node connects to them without a lookup.
 * Returns the host name to resolve, or null when the host is an address that passed.
 */
export function checkUrlAsWritten(url: URL, allowList: AllowList, isRedirect = false): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = isRedirect
      ? `The page redirected to a ${shortenForMessage(url.protocol)} link; newsbrief only follows http and https links.`
      : `newsbrief only fetches http and https links, not ${shortenForMessage(url.protocol)} links.`;
    throw new UserFacingError('blocked_url', message);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UserFacingError('blocked_url', 'Links with a user name or password in them are not fetched.');
  }
  const hostname = hostnameOf(url);
  if (hostname.length > MAX_HOSTNAME_CHARS) {
    // Refused here, before any lookup: the resolver would only fail, and slowly for some names.
    throw new UserFacingError('invalid_url', `The host name ${shortenForMessage(hostname)} is ${hostname.length.toLocaleString('en-US')} characters long; no real site's name is over ${MAX_HOSTNAME_CHARS}.`);
  }
  if (isIP(hostname) === 0) return hostname;
  if (!isPublicAddress(hostname) && !allowList.allowsAddress(hostname)) throw privateAddress(hostname);
  return null;
}

export function privateAddress(address: string, hostname?: string): UserFacingError {
  const subject = hostname === undefined ? 'That address' : shortenForMessage(hostname);
  return new UserFacingError('blocked_url', `${subject} points to a private or internal network (${shortenForMessage(address)}), which newsbrief does not fetch.`);
}

import { UserFacingError } from '../errors.js';
import { shortenForMessage } from './shorten-for-message.js';

export function fetchTimedOut(timeoutMs: number, cause: unknown): UserFacingError {
  return new UserFacingError('fetch_timeout', `The page took longer than ${formatNumber(timeoutMs / 1000)} s to load, so newsbrief gave up.`, { badInput: false, cause });
}

export function describeNetworkFailure(error: unknown, hostname: string): UserFacingError {
  const code = errorCode(error);
  const why =
    code === 'ECONNREFUSED' ? 'the connection was refused'
    : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'the connection was cut off'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the name does not resolve'
    : code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' ? 'the connection timed out'
    : code !== undefined && /CERT|SELF_SIGNED|ALTNAME/.test(code) ? 'its security certificate is not valid'
    : 'the connection failed';
  return new UserFacingError('fetch_failed', `Could not fetch the page from ${shortenForMessage(hostname)}: ${why}.`, { badInput: false, cause: error });
}

/** undici wraps network errors in `TypeError('fetch failed')`; the system code sits in a cause. */
function errorCode(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

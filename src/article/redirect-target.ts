import type { Response } from 'undici';
import { UserFacingError } from '../errors.js';

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Where a redirect points, or null when the response is the page itself. A redirect's body
 * is cancelled here, before any refusal, since only its Location is ever read.
 */
export async function redirectTarget(response: Response, from: URL, redirectsSoFar: number): Promise<URL | null> {
  const location = response.headers.get('location');
  if (!REDIRECT_STATUSES.has(response.status) || location === null) return null;
  await response.body?.cancel();
  if (redirectsSoFar === MAX_REDIRECTS) {
    throw new UserFacingError('too_many_redirects', `The page redirected more than ${MAX_REDIRECTS} times, so newsbrief stopped following it.`, { badInput: false });
  }
  return parseRedirect(location, from);
}

function parseRedirect(location: string, from: URL): URL {
  try {
    return new URL(location, from);
  } catch {
    throw new UserFacingError('fetch_failed', 'The page redirected to an address that is not valid.', { badInput: false });
  }
}

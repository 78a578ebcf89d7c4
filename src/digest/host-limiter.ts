import Bottleneck from 'bottleneck';

/** Spacing between two requests to one host, unless a caller sets its own: polite to a site carrying many feeds. */
export const DEFAULT_HOST_SPACING_MS = 1_000;

export interface HostLimiter {
  /** Runs `work` when the URL's host has had no other request from us for the spacing, one request per host at a time. */
  schedule<T>(url: string, work: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Per-host politeness for feed and story fetches: one Bottleneck limiter per host (a Bottleneck
 * Group), one request at a time and `spacingMs` apart, so twenty feeds from one site are spread out
 * while feeds from twenty sites go at once. Idle hosts' limiters are dropped after a few minutes.
 * Only requests that go out take a turn: the digest wraps the page fetcher itself, below the
 * article cache, so a cached page is read at once.
 */
export function createHostLimiter(spacingMs: number = DEFAULT_HOST_SPACING_MS): HostLimiter {
  const group = new Bottleneck.Group({ maxConcurrent: 1, minTime: spacingMs });
  return {
    schedule(url, work) {
      return group.key(hostOf(url)).schedule(work);
    },
    async stop() {
      await Promise.allSettled(group.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: true })));
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

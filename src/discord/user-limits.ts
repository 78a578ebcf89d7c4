import Bottleneck from 'bottleneck';
import { createKeyedSerialQueue } from '../serial-queue.js';

const WINDOW_MS = 60_000;

export interface UserLimits {
  /** Takes one use; when the user has none left, says how long until the window refreshes. */
  take(userId: string): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }>;
  stop(): Promise<void>;
}

/**
 * USER_RATE_PER_MIN per user, with one Bottleneck limiter per user in a Bottleneck.Group. The
 * reservoir refreshes a minute after the user's limiter was made, so the wait is known exactly.
 */
export function createUserLimits(perMinute: number, now: () => number = Date.now): UserLimits {
  const group = new Bottleneck.Group({ reservoir: perMinute, reservoirRefreshAmount: perMinute, reservoirRefreshInterval: WINDOW_MS });
  const createdAt = new Map<string, number>();
  group.on('created', (_limiter: Bottleneck, key: string) => createdAt.set(key, now()));
  /**
   * Reading the reservoir and taking from it are two awaits, so one user's takes run one after
   * another: otherwise commands that arrive together all read the same count and all pass.
   */
  const queue = createKeyedSerialQueue();
  async function takeNow(userId: string): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
    const limiter = group.key(userId);
    const left = (await limiter.currentReservoir()) ?? perMinute;
    if (left <= 0) {
      const elapsed = now() - (createdAt.get(userId) ?? now());
      return { allowed: false, retryAfterMs: WINDOW_MS - (elapsed % WINDOW_MS) };
    }
    await limiter.incrementReservoir(-1);
    return { allowed: true };
  }
  return {
    take: (userId) => queue.run(userId, () => takeNow(userId)),
    async stop() {
      await Promise.all(group.limiters().map(({ limiter }) => limiter.disconnect()));
    },
  };
}

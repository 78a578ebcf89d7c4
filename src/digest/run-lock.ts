import { randomUUID } from 'node:crypto';
import type { createClient } from '@keyv/redis';
import { describeStoreUrl } from '../cache/store-adapter.js';

/**
 * Who posts a digest slot. With several bot processes on one Redis, each tries to take the slot's
 * run key and only the one that gets it posts; the TTL frees the key if that process dies.
 */
export interface RunLock {
  /** Tries to take `key` for `ttlMs`. Returns a release function when taken, null when another holder has it. */
  acquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
}

export const DEFAULT_RUN_LOCK_PREFIX = 'newsbrief:lock:';
/** How long connecting to Redis, or reconnecting to it, may take before it counts as down. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Deletes the key only while it still holds the caller's token: a holder whose lock expired and
 * was taken by another must not free the new holder's lock. GET and DEL in one script are atomic.
 */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * The lock for a single process, when there is no Redis: a Map of key to holder and expiry.
 * An expired entry can be retaken, and a release frees the key only for the holder that took it.
 * `now` is milliseconds since the epoch, a parameter so that tests can move time.
 */
export function createMemoryRunLock(now: () => number = Date.now): RunLock {
  const holders = new Map<string, { token: string; expiresAt: number }>();
  let closed = false;

  function dropExpired(at: number): void {
    for (const [key, holder] of holders) if (holder.expiresAt <= at) holders.delete(key);
  }

  return {
    async acquire(key, ttlMs) {
      checkTtl(ttlMs);
      if (closed) throw new Error('The run lock is closed.');
      const at = now();
      // Run keys are dated, so expired ones would otherwise pile up for the life of the process.
      dropExpired(at);
      if (holders.has(key)) return null;
      const token = randomUUID();
      holders.set(key, { token, expiresAt: at + ttlMs });
      return async () => {
        if (holders.get(key)?.token === token) holders.delete(key);
      };
    },
    async close() {
      closed = true;
      holders.clear();
    },
  };
}

/**
 * The lock shared by every process on one Redis: `SET <prefix+key> <token> NX PX ttlMs` takes it,
 * and a script deletes it only while it still holds the token. Rejects when the server cannot be
 * reached at start-up. Later, while the connection is down, `acquire` and release reject at once
 * (no offline queue) rather than wait, so the caller can skip the slot and log; the client keeps
 * reconnecting in the background.
 */
export async function createRedisRunLock(redisUrl: string, options: { prefix?: string } = {}): Promise<RunLock> {
  const prefix = options.prefix ?? DEFAULT_RUN_LOCK_PREFIX;
  let connected = false;
  const connectionFailure = (cause: unknown): Error =>
    new Error(`Could not connect the run lock to ${describeStoreUrl(redisUrl)}.`, { cause });

  // Loaded only when REDIS_URL is set: a single process never holds a Redis client.
  const { createClient: createRedisClient, defaultReconnectStrategy } = await import('@keyv/redis');
  let client: ReturnType<typeof createClient>;
  try {
    client = createRedisClient({
      url: redisUrl,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // Before the first connection, give up at once so that a wrong REDIS_URL fails start-up
        // instead of retrying for ever; after it, reconnect with backoff.
        reconnectStrategy: (retries, cause) => (connected ? defaultReconnectStrategy(retries) : cause),
      },
    });
  } catch (error) {
    throw connectionFailure(error);
  }
  // node-redis emits 'error' for every failed (re)connect, and an unheard 'error' would crash the
  // process. The failures that matter reach the caller as rejected commands.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw connectionFailure(error);
  }
  connected = true;

  let closed = false;
  return {
    async acquire(key, ttlMs) {
      checkTtl(ttlMs);
      const redisKey = prefix + key;
      const token = randomUUID();
      const reply = await client.set(redisKey, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
      if (reply === null) return null;
      return async () => {
        await client.eval(RELEASE_SCRIPT, { keys: [redisKey], arguments: [token] });
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Waits for commands under way, then closes the connection and stops reconnecting.
      await client.close();
    },
  };
}

/** Redis's PX takes a positive integer; the memory lock holds itself to the same rule. */
function checkTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
}

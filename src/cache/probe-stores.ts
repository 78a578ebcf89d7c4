import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { describeCheckError, withinMs, type HealthCheck } from '../http/health-check.js';
import type { Stores } from './open-stores.js';

/** One key per store, rewritten by each probe and gone a minute after the last. */
const PROBE_KEY = '__health-probe__';
const PROBE_TTL_MS = 60_000;
const PROBE_LIMIT_MS = 2_000;

/**
 * `/healthz`'s stores part: a write and a read back of one small key on the state and the cache
 * store, each within 2 s. A read is not enough: a full disk or a read-only replica still reads.
 */
export function createStoresCheck(stores: Pick<Stores, 'state' | 'cache'>, options: { limitMs?: number } = {}): HealthCheck {
  const limitMs = options.limitMs ?? PROBE_LIMIT_MS;
  return async () => {
    const [state, cache] = await Promise.all([probe(stores.state, 'state', limitMs), probe(stores.cache, 'cache', limitMs)]);
    const failing = [state, cache].filter((line) => line !== null);
    return failing.length === 0 ? { ok: true } : { ok: false, detail: failing.join('; ') };
  };
}

/** Null when the store answered with what was written; else what went wrong, naming the store. */
async function probe(store: Keyv, name: string, limitMs: number): Promise<string | null> {
  const token = randomBytes(6).toString('hex');
  try {
    await withinMs(
      (async () => {
        await store.set(PROBE_KEY, token, PROBE_TTL_MS);
        // getRaw, unlike get, lets a cache store's error through instead of reading as a miss.
        const raw = (await store.getRaw(PROBE_KEY)) as { value?: unknown } | undefined;
        if (raw?.value !== token) throw new Error('did not read back what was written (its errors are in the log)');
      })(),
      limitMs,
      `the ${name} store`,
    );
    return null;
  } catch (error) {
    return `${name}: ${describeCheckError(error)}`;
  }
}


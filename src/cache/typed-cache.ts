import type Keyv from 'keyv';
import type { z } from 'zod';
import type { Logger } from '../log.js';
import { isCorruptEntry } from './corrupt-entry.js';

export interface TypedCache<T> {
  /** The entry, checked against the schema; undefined for a miss, an expired entry or one that fails the check. */
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
}

export interface TypedCacheOptions {
  /** How long an entry lives. Undefined or 0 means it never expires, as in keyv. */
  ttlMs?: number;
  log?: Logger;
}

/**
 * A typed view of a keyv store. Whatever is stored may predate the current schema or be damaged,
 * so it is validated on every read, and an entry that fails is a miss (logged and deleted), never an
 * exception. Store errors are misses too, except on a store opened as durable (`throwOnErrors`),
 * where losing them silently would hide lost state.
 */
export function createTypedCache<T>(store: Keyv, schema: z.ZodType<T>, options: TypedCacheOptions = {}): TypedCache<T> {
  const { ttlMs, log } = options;

  async function discard(key: string, reason: string, details: object): Promise<void> {
    log?.warn({ key, ...details }, `${reason}; treated as a miss and deleted`);
    try {
      await store.delete(key);
    } catch (error) {
      log?.warn({ key, err: error }, 'deleting an invalid entry failed');
    }
  }

  return {
    async get(key) {
      let raw: unknown;
      try {
        // getRaw, unlike get, lets a store error through, so that here it is logged for the cache and rethrown for state.
        raw = await store.getRaw(key);
      } catch (error) {
        if (store.throwOnErrors) throw error;
        log?.warn({ key, err: error }, 'cache read failed; treated as a miss');
        return undefined;
      }
      if (raw === undefined) return undefined;
      if (isCorruptEntry(raw)) {
        await discard(key, 'unreadable entry', {});
        return undefined;
      }
      const parsed = schema.safeParse((raw as { value?: unknown }).value);
      if (parsed.success) return parsed.data;
      await discard(key, 'entry does not match its schema', { issues: parsed.error.issues.slice(0, 5) });
      return undefined;
    },

    async set(key, value) {
      try {
        await store.set(key, value, ttlMs);
      } catch (error) {
        if (store.throwOnErrors) throw error;
        log?.warn({ key, err: error }, 'cache write failed; the entry is dropped');
      }
    },
  };
}

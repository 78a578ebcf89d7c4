import { LRUCache } from 'lru-cache';

/** The subset of keyv's store interface that keyv needs; keyv stores serialized strings. */
export interface LruStore {
  get(key: string): string | undefined;
  set(key: string, value: string): boolean;
  delete(key: string): boolean;
  clear(): void;
}

/**
 * A bounded LRU as a keyv store. LRUCache cannot be handed to keyv as it is: keyv calls
 * `set(key, value, ttl)` with the TTL as a number, and LRUCache.set, which expects an options
 * object there, throws, so every write with a TTL would be lost. The TTL is not passed on,
 * because keyv already records the expiry inside each entry and checks it on read.
 * There is deliberately no `has`: keyv would trust it and skip that expiry check.
 */
export function createLruStore(maxItems: number): LruStore {
  const entries = new LRUCache<string, string>({ max: maxItems });
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      entries.set(key, value);
      return true;
    },
    delete: (key) => entries.delete(key),
    clear: () => entries.clear(),
  };
}

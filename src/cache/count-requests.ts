import type { TypedCache } from './typed-cache.js';

export type CacheRequestResult = 'hit' | 'miss';

/**
 * The same cache, telling `onRequest` whether each read found an entry (metrics). A read that fails
 * its schema or its store is a miss here as it is for the caller.
 */
export function countRequests<T>(cache: TypedCache<T>, onRequest: (result: CacheRequestResult) => void): TypedCache<T> {
  return {
    async get(key) {
      const value = await cache.get(key);
      onRequest(value === undefined ? 'miss' : 'hit');
      return value;
    },
    set: (key, value) => cache.set(key, value),
  };
}

import type { InFlight } from './in-flight.js';
import type { TypedCache } from './typed-cache.js';

export interface CachedValue<T> {
  value: T;
  /** True when the value came from the cache rather than from `compute`. */
  cached: boolean;
}

export interface CachedCallOptions<T> {
  cache: TypedCache<T>;
  inFlight: InFlight<T>;
  key: string;
  compute: () => Promise<T>;
  /** Whether a computed value may be stored; one that may not is still shared with the callers waiting for it. Default: always. */
  storable?: (value: T) => boolean;
}

/**
 * Answers from the cache, or computes once however many callers ask at the same time and stores
 * the result. Callers that join a computation under way report `cached: false`, as it was not
 * in the cache when they asked. A failed computation is neither cached nor remembered.
 */
export async function cachedCall<T>({ cache, inFlight, key, compute, storable }: CachedCallOptions<T>): Promise<CachedValue<T>> {
  const hit = await cache.get(key);
  if (hit !== undefined) return { value: hit, cached: true };
  const value = await inFlight.run(key, async () => {
    const fresh = await compute();
    if (!storable || storable(fresh)) await cache.set(key, fresh);
    return fresh;
  });
  return { value, cached: false };
}

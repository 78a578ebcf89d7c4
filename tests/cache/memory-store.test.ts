import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTypedCache } from '../../src/cache/typed-cache.js';
import { useStores } from '../../test-support/test-stores.js';

describe('openStore on memory', () => {
  const open = useStores();

  it('bounds the cache: the least recently used entries go beyond maxItems', async () => {
    const cache = await open('memory', { namespace: 'cache', durable: false, maxItems: 3 });
    for (const key of ['a', 'b', 'c']) await cache.set(key, key);
    await cache.get('a'); // now more recent than b and c
    for (const key of ['d', 'e']) await cache.set(key, key);

    const present = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(async (key) => (await cache.get(key)) !== undefined));
    expect(present).toEqual([true, false, false, true, true]);
  });

  it('defaults the cache bound to 5000 entries', async () => {
    const cache = await open('memory', { namespace: 'cache', durable: false });
    for (let index = 0; index < 5001; index += 1) await cache.set(`k${index}`, index);
    expect(await cache.get('k0')).toBeUndefined();
    expect(await cache.get('k1')).toBe(1);
    expect(await cache.get('k5000')).toBe(5000);
  });

  it('never evicts durable state, whatever maxItems says', async () => {
    const state = await open('memory', { namespace: 'state', durable: true, maxItems: 3 });
    for (let index = 0; index < 10_000; index += 1) await state.set(`k${index}`, index);
    expect(await state.get('k0')).toBe(0);
    expect(await state.get('k9999')).toBe(9999);
  });

  it('expires a typed entry after its TTL', async () => {
    const cache = createTypedCache(await open('memory', { namespace: 'cache', durable: false }), z.string(), { ttlMs: 30 });
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cache.get('k')).toBeUndefined();
  });
});

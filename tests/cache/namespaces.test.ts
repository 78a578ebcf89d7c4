import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStores, type Stores } from '../../src/cache/open-stores.js';
import { useTempDirs } from '../../test-support/test-stores.js';

async function withStores(url: string, use: (stores: Stores) => Promise<void>): Promise<void> {
  const stores = await openStores({ STORE_URL: url, CACHE_URL: url, CACHE_MAX_ITEMS: 100 });
  try {
    await use(stores);
  } finally {
    await stores.close();
  }
}

describe('state and cache namespaces', () => {
  const makeTempDir = useTempDirs();

  it('keep their keys apart on one SQLite file, and clearing the cache leaves state alone', async () => {
    const url = `sqlite://${path.join(await makeTempDir(), 'newsbrief.sqlite')}`;
    await withStores(url, async ({ state, cache }) => {
      await state.set('same-key', 'state value');
      await cache.set('same-key', 'cache value');
      await cache.set('only-in-cache', 1);
      expect(await state.get('same-key')).toBe('state value');
      expect(await cache.get('same-key')).toBe('cache value');
      expect(await state.get('only-in-cache')).toBeUndefined();

      await cache.clear();
      expect(await cache.get('same-key')).toBeUndefined();
      expect(await state.get('same-key')).toBe('state value');
    });
    // ...and state is still there after a restart, the cache clear notwithstanding.
    await withStores(url, async ({ state }) => {
      expect(await state.get('same-key')).toBe('state value');
    });
  });

  it('keep their keys apart in memory', async () => {
    await withStores('memory', async ({ state, cache }) => {
      await state.set('k', 'state');
      await cache.clear();
      expect(await cache.get('k')).toBeUndefined();
      expect(await state.get('k')).toBe('state');
    });
  });

  it('closes both stores once, however often close is called', async () => {
    const url = `sqlite://${path.join(await makeTempDir(), 'newsbrief.sqlite')}`;
    const stores = await openStores({ STORE_URL: url, CACHE_URL: url, CACHE_MAX_ITEMS: 100 });
    await Promise.all([stores.close(), stores.close()]);
    await expect(stores.close()).resolves.toBeUndefined();
  });
});

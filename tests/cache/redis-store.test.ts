import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeStore, openStore } from '../../src/cache/open-store.js';
import { openStores } from '../../src/cache/open-stores.js';
import { createTypedCache } from '../../src/cache/typed-cache.js';
import { captureLog } from '../../test-support/capture-log.js';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';
import { useStores } from '../../test-support/test-stores.js';

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/cache/redis-store.test.ts: SKIPPED, ${missingMessage}.`);

describe.skipIf(!available && !requiredInCi)(available ? 'openStore on Redis' : `openStore on Redis: ${missingMessage}`, () => {
  let server: RedisServer;
  const open = useStores();

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('round-trips a value, in state and in the cache', async () => {
    const state = await open(server.url, { namespace: 'state', durable: true });
    const cache = await open(server.url, { namespace: 'cache', durable: false });
    await state.set('guild:1', { digest: '08:00' });
    await cache.set('summary:a', { headline: 'h' }, 60_000);
    expect(await state.get('guild:1')).toEqual({ digest: '08:00' });
    expect(await cache.get('summary:a')).toEqual({ headline: 'h' });
  });

  it('keeps state and cache apart on one server, and clearing the cache leaves state alone', async () => {
    const stores = await openStores({ STORE_URL: server.url, CACHE_URL: server.url, CACHE_MAX_ITEMS: 10 });
    try {
      await stores.state.set('same-key', 'state value');
      await stores.cache.set('same-key', 'cache value');
      expect(await stores.state.get('same-key')).toBe('state value');
      expect(await stores.cache.get('same-key')).toBe('cache value');
      await stores.cache.clear();
      expect(await stores.cache.get('same-key')).toBeUndefined();
      expect(await stores.state.get('same-key')).toBe('state value');
    } finally {
      await stores.close();
    }
  });

  it('expires an entry after its TTL', async () => {
    const cache = createTypedCache(await open(server.url, { namespace: 'cache', durable: false }), z.string(), { ttlMs: 50 });
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await cache.get('k')).toBeUndefined();
  });

  it('reads a value that fails the schema as a miss and deletes it', async () => {
    const capture = captureLog();
    const store = await open(server.url, { namespace: 'cache', durable: false, log: capture.log });
    await store.set('summary:bad', { headline: 42 });
    const cache = createTypedCache(store, z.object({ headline: z.string() }), { log: capture.log });
    await expect(cache.get('summary:bad')).resolves.toBeUndefined();
    expect(capture.warnings('does not match its schema')[0]).toMatchObject({ key: 'summary:bad' });
    expect(await store.getRaw('summary:bad')).toBeUndefined();
  });

  it('rejects opening durable state on a server that is not there, without the password in the message', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const opening = openStore(url, { namespace: 'state', durable: true });
    await expect(opening).rejects.toThrow(/Could not open the state store at redis:\/\/127\.0\.0\.1:\d+\./);
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });

  describe('when the server goes away', () => {
    let doomed: RedisServer;
    beforeAll(async () => {
      if (available) doomed = await startRedisServer();
    });
    afterAll(async () => {
      await doomed?.stop();
    });

    it('throws from durable state, and answers the cache with a prompt miss instead of waiting', async () => {
      const capture = captureLog();
      const state = await openStore(doomed.url, { namespace: 'state', durable: true, log: capture.log });
      const cacheStore = await openStore(doomed.url, { namespace: 'cache', durable: false, log: capture.log });
      const cache = createTypedCache(cacheStore, z.string(), { ttlMs: 60_000, log: capture.log });
      try {
        await cache.set('k', 'v');
        expect(await cache.get('k')).toBe('v');
        await doomed.stop();

        await expect(state.set('k', 'v')).rejects.toThrow();
        const started = Date.now();
        await expect(cache.get('k')).resolves.toBeUndefined();
        await expect(cache.set('k', 'v2')).resolves.toBeUndefined();
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(capture.warnings('cache store error').length).toBeGreaterThan(0);
      } finally {
        await Promise.allSettled([closeStore(state), closeStore(cacheStore)]);
      }
    });
  });
});

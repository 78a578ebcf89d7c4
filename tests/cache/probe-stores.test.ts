import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore } from '../../src/cache/open-store.js';
import { createStoresCheck } from '../../src/cache/probe-stores.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';
import { useStores, useTempDirs } from '../../test-support/test-stores.js';

/** `/healthz`'s stores part: a write and a read back on each store, failing by name when one does not answer. */

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';

describe('the stores check', () => {
  const open = useStores();
  const tempDir = useTempDirs();

  it('is ok when both stores write and read back', async () => {
    const state = await open(`sqlite://${await tempDir()}/state.sqlite`, { namespace: 'state', durable: true });
    const cache = await open('memory', { namespace: 'cache', durable: false, maxItems: 10 });
    expect(await createStoresCheck({ state, cache })()).toEqual({ ok: true });
  });

  it('names the state store when its database is closed', async () => {
    const state = await open(`sqlite://${await tempDir()}/state.sqlite`, { namespace: 'state', durable: true });
    const cache = await open('memory', { namespace: 'cache', durable: false, maxItems: 10 });
    await closeStore(state);
    const result = await createStoresCheck({ state, cache })();
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/^state: /);
    expect(result.detail).not.toMatch(/cache:/);
  });

  it('names a store that hangs, within its limit', async () => {
    const hanging = new Keyv({ store: { get: () => new Promise(() => undefined), set: () => new Promise(() => undefined), delete: async () => true, clear: async () => undefined } });
    const cache = await open('memory', { namespace: 'cache', durable: false, maxItems: 10 });
    expect(await createStoresCheck({ state: hanging, cache }, { limitMs: 100 })()).toEqual({ ok: false, detail: 'state: the state store did not answer within 100 ms' });
  });

  it('names a cache store that swallows its errors but cannot keep what it is given', async () => {
    const state = await open('memory', { namespace: 'state', durable: true });
    const forgetful = new Keyv({ store: new Map(), namespace: 'cache' });
    forgetful.set = async () => false;
    expect(await createStoresCheck({ state, cache: forgetful })()).toEqual({ ok: false, detail: 'cache: did not read back what was written (its errors are in the log)' });
  });

  describe.skipIf(!available && !requiredInCi)('on Redis', () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('is ok while Redis answers, and names the cache once it is gone', async () => {
      const state = await open('memory', { namespace: 'state', durable: true });
      const cache = await open(server.url, { namespace: 'cache', durable: false });
      const check = createStoresCheck({ state, cache });
      expect(await check()).toEqual({ ok: true });
      await server.stop();
      const result = await check();
      expect(result.ok).toBe(false);
      expect(result.detail).toMatch(/^cache: /);
    });
  });
});

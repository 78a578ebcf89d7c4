import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRunLock, createRedisRunLock, type RunLock } from '../../src/digest/run-lock.js';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createMemoryRunLock', () => {
  let time = 1_000_000;
  const now = () => time;

  it('refuses a key that is held, and leaves other keys free', async () => {
    const lock = createMemoryRunLock(now);
    expect(await lock.acquire('digest:1', 60_000)).toBeTypeOf('function');
    expect(await lock.acquire('digest:1', 60_000)).toBeNull();
    expect(await lock.acquire('digest:2', 60_000)).toBeTypeOf('function');
  });

  it('can be taken again after release', async () => {
    const lock = createMemoryRunLock(now);
    const release = await lock.acquire('digest:1', 60_000);
    await release?.();
    expect(await lock.acquire('digest:1', 60_000)).toBeTypeOf('function');
  });

  it('is held until its TTL runs out, then can be taken', async () => {
    const lock = createMemoryRunLock(now);
    await lock.acquire('digest:1', 60_000);
    time += 59_999;
    expect(await lock.acquire('digest:1', 60_000)).toBeNull();
    time += 1;
    expect(await lock.acquire('digest:1', 60_000)).toBeTypeOf('function');
  });

  it('does not free the new holder when a holder whose lock expired releases it', async () => {
    const lock = createMemoryRunLock(now);
    const staleRelease = await lock.acquire('digest:1', 1_000);
    time += 1_000;
    const currentRelease = await lock.acquire('digest:1', 60_000);
    expect(currentRelease).toBeTypeOf('function');

    await staleRelease?.();
    expect(await lock.acquire('digest:1', 60_000)).toBeNull();
    await currentRelease?.();
    expect(await lock.acquire('digest:1', 60_000)).toBeTypeOf('function');
  });

  it('rejects a TTL Redis would reject, and acquiring after close', async () => {
    const lock = createMemoryRunLock(now);
    await expect(lock.acquire('digest:1', 0)).rejects.toThrow(RangeError);
    await expect(lock.acquire('digest:1', 1.5)).rejects.toThrow(RangeError);
    await lock.close();
    await expect(lock.acquire('digest:1', 1_000)).rejects.toThrow(/closed/);
  });
});

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/digest/run-lock.test.ts: SKIPPED, ${missingMessage}.`);

describe.skipIf(!available && !requiredInCi)(available ? 'createRedisRunLock' : `createRedisRunLock: ${missingMessage}`, () => {
  let server: RedisServer;
  const opened: RunLock[] = [];
  /** A lock with its own connection, as another bot process would have; closed after its test. */
  const open = async (options?: { prefix?: string }): Promise<RunLock> => {
    const lock = await createRedisRunLock(server.url, options);
    opened.push(lock);
    return lock;
  };
  /** The tests share one server, so each uses keys of its own. */
  const freshKey = () => `digest:${randomUUID()}`;

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    server = await startRedisServer();
  });
  afterEach(async () => {
    for (const lock of opened.splice(0)) await lock.close().catch(() => undefined);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets exactly one of two processes win a race for a key', async () => {
    const [first, second] = [await open(), await open()];
    for (let round = 0; round < 20; round++) {
      const key = freshKey();
      const results = await Promise.all([first.acquire(key, 60_000), second.acquire(key, 60_000)]);
      expect(results.filter((release) => release !== null)).toHaveLength(1);
    }
  });

  it('stores the lock under the default prefix with a token and a TTL', async () => {
    const lock = await open();
    const key = freshKey();
    await lock.acquire(key, 60_000);
    const raw = createClient({ url: server.url });
    await raw.connect();
    try {
      expect(await raw.get(`newsbrief:lock:${key}`)).toMatch(/^[0-9a-f-]{36}$/);
      const ttl = await raw.pTTL(`newsbrief:lock:${key}`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await raw.close();
    }
    const other = await open({ prefix: 'elsewhere:' });
    expect(await other.acquire(key, 60_000)).toBeTypeOf('function');
  });

  it('lets the other process take the key once the TTL runs out', async () => {
    const [first, second] = [await open(), await open()];
    const key = freshKey();
    expect(await first.acquire(key, 200)).toBeTypeOf('function');
    expect(await second.acquire(key, 200)).toBeNull();
    await wait(300);
    expect(await second.acquire(key, 60_000)).toBeTypeOf('function');
  });

  it('does not free the new holder when a holder whose lock expired releases it', async () => {
    const [first, second] = [await open(), await open()];
    const key = freshKey();
    const staleRelease = await first.acquire(key, 200);
    expect(staleRelease).toBeTypeOf('function');
    await wait(300);
    const currentRelease = await second.acquire(key, 60_000);
    expect(currentRelease).toBeTypeOf('function');

    await staleRelease?.();
    expect(await first.acquire(key, 60_000)).toBeNull();
    await currentRelease?.();
    expect(await first.acquire(key, 60_000)).toBeTypeOf('function');
  });

  it('lets the other process take the key after release', async () => {
    const [first, second] = [await open(), await open()];
    const key = freshKey();
    const release = await first.acquire(key, 60_000);
    expect(await second.acquire(key, 60_000)).toBeNull();
    await release?.();
    expect(await second.acquire(key, 60_000)).toBeTypeOf('function');
  });

  it('rejects creating a lock on a server that is not there, without the password in the message', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const creating = createRedisRunLock(url);
    await expect(creating).rejects.toThrow(/Could not connect the run lock to redis:\/\/127\.0\.0\.1:\d+\./);
    await expect(creating).rejects.not.toThrow(/hunter2/);
  });

  describe('when the server goes away', () => {
    let doomed: RedisServer;
    beforeAll(async () => {
      if (available) doomed = await startRedisServer();
    });
    afterAll(async () => {
      await doomed?.stop();
    });

    it('throws from acquire at once instead of reporting the key as taken or waiting', async () => {
      const lock = await createRedisRunLock(doomed.url);
      opened.push(lock);
      expect(await lock.acquire(freshKey(), 60_000)).toBeTypeOf('function');
      await doomed.stop();

      const started = Date.now();
      await expect(lock.acquire(freshKey(), 60_000)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(lock.close()).resolves.toBeUndefined();
    });
  });
});

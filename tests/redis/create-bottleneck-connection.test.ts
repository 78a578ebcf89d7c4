import Bottleneck from 'bottleneck';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBottleneckConnection, restoreScriptError } from '../../src/redis/create-bottleneck-connection.js';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/connect-shared-redis.js';
import { captureLog } from '../../test-support/capture-log.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * bottleneck 2.19.5's Redis datastore over ioredis 5 on a real redis-server (7 here). Bottleneck
 * recovers from its keys vanishing (SETTINGS_KEY_NOT_FOUND) and from being written off as a dead
 * client (UNKNOWN_CLIENT) by matching the script's error message exactly, which Redis 7 words
 * "ERR …"; these tests fail without the fix in create-bottleneck-connection.ts.
 */

failOnUnhandledRejections();

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/redis/create-bottleneck-connection.test.ts: SKIPPED, ${missingMessage}.`);

describe('restoreScriptError', () => {
  it("takes Redis 7's ERR off bottleneck's own script errors, and leaves every other error alone", () => {
    for (const [message, restored] of [
      ['ERR SETTINGS_KEY_NOT_FOUND', 'SETTINGS_KEY_NOT_FOUND'],
      ['ERR UNKNOWN_CLIENT', 'UNKNOWN_CLIENT'],
      ['ERR OVERWEIGHT:5:4', 'OVERWEIGHT:5:4'],
      ['SETTINGS_KEY_NOT_FOUND', 'SETTINGS_KEY_NOT_FOUND'],
      ['ERR wrong number of arguments', 'ERR wrong number of arguments'],
      ['Connection is closed.', 'Connection is closed.'],
    ] as const) {
      expect((restoreScriptError(new Error(message)) as Error).message).toBe(restored);
    }
    expect(restoreScriptError('not an error')).toBe('not an error');
  });
});

describe.skipIf(!available && !requiredInCi)('bottleneck clustering over ioredis 5 on Redis 7', () => {
  let server: RedisServer;
  let redis: SharedRedis;
  let limiter: Bottleneck | null = null;
  let connection: Bottleneck.IORedisConnection | null = null;

  beforeEach(async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    server = await startRedisServer();
    redis = await connectSharedRedis(server.url, captureLog('info').log);
  });
  afterEach(async () => {
    await limiter?.stop({ dropWaitingJobs: true });
    await connection?.disconnect(true);
    await redis.close();
    await server.stop();
    limiter = null;
    connection = null;
  });

  async function startLimiter(): Promise<Bottleneck> {
    connection = createBottleneckConnection(redis);
    limiter = new Bottleneck({ id: 'newsbrief:test', connection, clearDatastore: true, maxConcurrent: 2, minTime: 5, reservoir: 100 });
    await limiter.ready();
    expect(await limiter.schedule(async () => 'first')).toBe('first');
    return limiter;
  }

  it('runs jobs again after its keys are gone (a flushed or restarted Redis): init runs again', async () => {
    const running = await startLimiter();
    await redis.client.flushall();

    await expect(running.schedule(async () => 'after the flush')).resolves.toBe('after the flush');
    expect(await redis.client.hget('b_newsbrief:test_settings', 'maxConcurrent')).toBe('2');
  });

  it('runs jobs again after Redis wrote the process off as a dead client: it registers again', async () => {
    const running = await startLimiter();
    await redis.client.del('b_newsbrief:test_client_last_seen');

    await expect(running.schedule(async () => 'registered again')).resolves.toBe('registered again');
    expect(await redis.client.zcard('b_newsbrief:test_client_last_seen')).toBe(1);
  });
});

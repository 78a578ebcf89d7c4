import { afterEach, describe, expect, it } from 'vitest';
import { createUserLimits, type UserLimits } from '../../src/discord/user-limits.js';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/connect-shared-redis.js';
import { captureLog, type CapturedLog } from '../../test-support/capture-log.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';

describe('createUserLimits', () => {
  it('allows USER_RATE_PER_MIN uses per user, then says how long to wait', async () => {
    let now = 1_000_000;
    const limits = createUserLimits({ perMinute: 3, now: () => now });
    for (let use = 0; use < 3; use += 1) expect(await limits.take('alice')).toEqual({ allowed: true });
    now += 20_000;
    expect(await limits.take('alice')).toEqual({ allowed: false, retryAfterMs: 40_000 });
    expect(await limits.take('bob')).toEqual({ allowed: true });
    await limits.stop();
  });

  it('keeps a channel quiet for CHANNEL_LINK_COOLDOWN_S after a link reply', async () => {
    let now = 1_000_000;
    const limits = createUserLimits({ perMinute: 100, channelCooldownMs: 30_000, now: () => now });
    expect(await limits.channelCooling('c1')).toBe(false);
    expect(await limits.startChannelCooldown('c1')).toBe(true);
    expect(await limits.channelCooling('c1')).toBe(true);
    expect(await limits.startChannelCooldown('c1')).toBe(false);
    expect(await limits.channelCooling('c2')).toBe(false);
    now += 30_000;
    expect(await limits.channelCooling('c1')).toBe(false);
    await limits.stop();
  });
});

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/discord/user-limits.test.ts: Redis tests SKIPPED, ${missingMessage}.`);

/** Two bot processes: each its own connection and its own limits, one redis-server. */
describe.skipIf(!available && !requiredInCi)('user limits shared through Redis', () => {
  let server: RedisServer | null = null;
  const opened: Array<{ redis: SharedRedis; limits: UserLimits }> = [];

  afterEach(async () => {
    for (const { redis, limits } of opened.splice(0)) {
      await limits.stop();
      await redis.close();
    }
    await server?.stop();
    server = null;
  });

  async function startProcess(url: string, logs: CapturedLog = captureLog('info')): Promise<UserLimits> {
    const redis = await connectSharedRedis(url, logs.log, { connectTimeoutMs: 500 });
    const limits = createUserLimits({ perMinute: 3, channelCooldownMs: 30_000, redis });
    opened.push({ redis, limits });
    return limits;
  }

  it('counts USER_RATE_PER_MIN across processes, and tells the user the wait left in the window', async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    server = await startRedisServer();
    const first = await startProcess(server.url);
    const second = await startProcess(server.url);

    const takes = await Promise.all([first, second, first, second, first, second].map((limits) => limits.take('alice')));

    expect(takes.filter((take) => take.allowed)).toHaveLength(3);
    for (const take of takes) {
      if (!take.allowed) {
        expect(take.retryAfterMs).toBeGreaterThan(50_000);
        expect(take.retryAfterMs).toBeLessThanOrEqual(60_000);
      }
    }
    expect(await second.take('bob')).toEqual({ allowed: true });
  });

  it('starts a channel cooldown once across processes', async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    server = await startRedisServer();
    const first = await startProcess(server.url);
    const second = await startProcess(server.url);

    // Both saw no cooldown and both want to reply: one of them does.
    expect(await Promise.all([first.channelCooling('c1'), second.channelCooling('c1')])).toEqual([false, false]);
    const started = await Promise.all([first.startChannelCooldown('c1'), second.startChannelCooldown('c1')]);

    expect(started.filter(Boolean)).toHaveLength(1);
    expect(await second.channelCooling('c1')).toBe(true);
    expect(await first.channelCooling('c2')).toBe(false);
  });

  it('counts in the process, with one warning, while Redis is away', async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    server = await startRedisServer();
    const logs = captureLog('info');
    const limits = await startProcess(server.url, logs);
    await server.stop();

    const takes = await Promise.all(Array.from({ length: 5 }, () => limits.take('alice')));

    expect(takes.filter((take) => take.allowed)).toHaveLength(3);
    expect(await limits.startChannelCooldown('c1')).toBe(true);
    expect(await limits.channelCooling('c1')).toBe(true);
    expect(logs.warnings('Redis is unreachable')).toHaveLength(1);
  });
});

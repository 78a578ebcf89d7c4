import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenBudgetExhaustedError } from '../../src/llm/errors.js';
import { createTokenBudget } from '../../src/llm/token-budget.js';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/connect-shared-redis.js';
import { captureLog, type CapturedLog } from '../../test-support/capture-log.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * GUILD_DAILY_TOKENS kept in Redis (REDIS_URL): a reservation is checked and added in one script,
 * so concurrent calls in several processes cannot all pass a nearly spent budget. Two budgets, each
 * with its own connection and its own state store, stand in for two processes.
 */

failOnUnhandledRejections();

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/llm/token-budget-redis.test.ts: SKIPPED, ${missingMessage}.`);

const noon = () => new Date('2025-03-01T12:00:00Z');

describe.skipIf(!available && !requiredInCi)('token budgets in Redis', () => {
  let server: RedisServer;
  const connections: SharedRedis[] = [];

  beforeEach(async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    server = await startRedisServer();
  });
  afterEach(async () => {
    for (const redis of connections.splice(0)) await redis.close();
    await server.stop();
  });

  async function connect(logs: CapturedLog = captureLog('info')): Promise<SharedRedis> {
    const redis = await connectSharedRedis(server.url, logs.log, { connectTimeoutMs: 500, maxReconnectDelayMs: 200 });
    connections.push(redis);
    return redis;
  }

  it('lets exactly 5 of 20 concurrent reservations through, across two processes, for a budget of 5 calls', async () => {
    const first = createTokenBudget({ store: new Keyv(), dailyTokens: 50, now: noon, redis: await connect() });
    const second = createTokenBudget({ store: new Keyv(), dailyTokens: 50, now: noon, redis: await connect() });

    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? first : second).reserve('guild-1', 10)));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(TokenBudgetExhaustedError);
    expect(await first.spentToday('guild-1')).toBe(50);
    expect(await second.spentToday('guild-1')).toBe(50);
  });

  it('corrects the estimate with the real usage, seen by every process, and keeps the counter about two days', async () => {
    const redis = await connect();
    const first = createTokenBudget({ store: new Keyv(), dailyTokens: 1_000, now: noon, redis });
    const second = createTokenBudget({ store: new Keyv(), dailyTokens: 1_000, now: noon, redis: await connect() });

    const answered = await first.reserve('guild-1', 400);
    const failed = await second.reserve('guild-1', 300);
    await answered.settle(90);
    await failed.settle(0);
    await second.record('guild-1', 10);

    expect(await second.spentToday('guild-1')).toBe(100);
    expect(await redis.client.get('newsbrief:budget:guild-1:2025-03-01')).toBe('100');
    const ttl = await redis.client.pttl('newsbrief:budget:guild-1:2025-03-01');
    expect(ttl).toBeGreaterThan(86_400_000);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400_000);
  });

  it('falls back to the state store, with one warning, while Redis is away', async () => {
    const logs = captureLog('info');
    const store = new Keyv();
    const budget = createTokenBudget({ store, dailyTokens: 30, now: noon, redis: await connect(logs) });
    await server.stop();

    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => budget.reserve('guild-1', 10)));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    expect(await store.get('budget:guild-1:2025-03-01')).toBe(30);
    expect(logs.warnings('Redis is unreachable')).toHaveLength(1);
  });
});

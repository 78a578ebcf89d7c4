import type Keyv from 'keyv';
import type { SharedRedis } from '../redis/connect-shared-redis.js';
import { createKeyedSerialQueue } from '../serial-queue.js';
import { TokenBudgetExhaustedError } from './errors.js';

/** GUILD_DAILY_TOKENS: what each guild may spend per UTC day. A null guild (the CLI, DMs) is never limited. */
export interface TokenBudget {
  /** @throws TokenBudgetExhaustedError when the guild has spent today's tokens. */
  assertAvailable(guildId: string | null | undefined): Promise<void>;
  /**
   * Takes `estimate` tokens from today's budget before a call, in one step with the check, so
   * that calls made together see each other: once the guild's tokens (spent or reserved) reach
   * the budget, the next reservation is refused. The budget can then be passed by at most the
   * last call admitted. Settle the reservation with what the call really spent.
   * @throws TokenBudgetExhaustedError when the guild has spent today's tokens.
   */
  reserve(guildId: string | null | undefined, estimate: number): Promise<TokenReservation>;
  record(guildId: string | null | undefined, tokens: number): Promise<void>;
  /** Tokens spent today; for status commands and tests. */
  spentToday(guildId: string): Promise<number>;
}

export interface TokenReservation {
  /** Replaces the estimate with what the call spent (0 when nothing was sent). Only the first call counts. */
  settle(tokens: number): Promise<void>;
}

export interface TokenBudgetOptions {
  /** The durable state store (budgets must survive a restart); also the fallback while Redis is away. */
  store: Keyv;
  /** 0 means unlimited. */
  dailyTokens: number;
  /** REDIS_URL: the counters live in Redis, atomically, shared by every process. */
  redis?: SharedRedis | null;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
/** A day's counter is read only on its day; two days covers any clock skew between processes. */
const COUNTER_TTL_MS = 2 * DAY_MS;
const REDIS_PREFIX = 'newsbrief:';

/**
 * Admits a reservation while the guild's counter is below the budget, adding the estimate in the
 * same step. One script, so no other process can read the counter between the check and the add.
 * KEYS[1] the counter; ARGV budget, estimate, ttl. Returns {admitted (1|0), counter}.
 */
const RESERVE_SCRIPT = `
local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
if spent >= tonumber(ARGV[1]) then return {0, spent} end
local now = redis.call('INCRBY', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, now}`;

/** Adds a correction (negative when the call spent less than reserved), never below zero. KEYS[1]; ARGV delta, ttl. */
const ADJUST_SCRIPT = `
local now = redis.call('INCRBY', KEYS[1], ARGV[1])
if now < 0 then redis.call('SET', KEYS[1], 0) now = 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return now`;

const SETTLED: TokenReservation = { settle: async () => undefined };

export function createTokenBudget(options: TokenBudgetOptions): TokenBudget {
  const now = options.now ?? (() => new Date());
  const unlimited = options.dailyTokens <= 0;
  const redis = options.redis ?? null;
  // Read-add-write on a key-value store is not atomic; running each key's updates one after
  // another keeps this process from losing its own concurrent updates, and lets a reservation's
  // check and add happen as one step within the process.
  const queue = createKeyedSerialQueue();

  const keyFor = (guildId: string) => `budget:${guildId}:${now().toISOString().slice(0, 10)}`;
  const exhausted = () => new TokenBudgetExhaustedError(nextUtcMidnight(now()));

  /** Runs on Redis while it can be used; a failure falls back to the store (logged once by the shared connection). */
  async function onRedis<T>(work: (client: SharedRedis['client']) => Promise<T>): Promise<{ value: T } | null> {
    if (!redis?.available) return null;
    try {
      return { value: await work(redis.client) };
    } catch (error) {
      redis.reportFailure(error);
      return null;
    }
  }

  const store = {
    spent: async (key: string) => (await options.store.get<number>(key)) ?? 0,
    add(key: string, delta: number): Promise<void> {
      return queue.run(key, async () => {
        const spent = (await options.store.get<number>(key)) ?? 0;
        await options.store.set(key, Math.max(0, spent + delta), COUNTER_TTL_MS);
      });
    },
    reserve(key: string, estimate: number): Promise<boolean> {
      return queue.run(key, async () => {
        const spent = (await options.store.get<number>(key)) ?? 0;
        if (spent >= options.dailyTokens) return false;
        await options.store.set(key, spent + estimate, COUNTER_TTL_MS);
        return true;
      });
    },
  };

  async function spentOn(key: string): Promise<number> {
    const shared = await onRedis(async (client) => Number((await client.get(REDIS_PREFIX + key)) ?? 0));
    return shared ? shared.value : store.spent(key);
  }

  async function add(key: string, delta: number, where: 'redis' | 'store'): Promise<void> {
    if (delta === 0) return;
    if (where === 'redis' && redis) {
      // A correction that cannot reach Redis is dropped: the counter keeps the estimate, which errs
      // towards spending less. It is not moved to the store, which Redis' readers do not see.
      await redis.client.eval(ADJUST_SCRIPT, 1, REDIS_PREFIX + key, delta, COUNTER_TTL_MS).catch((error: unknown) => redis.reportFailure(error));
      return;
    }
    await store.add(key, delta);
  }

  return {
    spentToday: (guildId) => spentOn(keyFor(guildId)),
    async assertAvailable(guildId) {
      if (unlimited || !guildId) return;
      const key = keyFor(guildId);
      // Waits for this process's own updates of the key before reading it.
      if (!redis?.available) await queue.run(key, async () => undefined);
      if ((await spentOn(key)) >= options.dailyTokens) throw exhausted();
    },
    async reserve(guildId, estimate) {
      if (unlimited || !guildId) return SETTLED;
      const key = keyFor(guildId);
      const reserved = Math.max(0, Math.ceil(estimate));
      const shared = await onRedis(async (client) => {
        const reply = (await client.eval(RESERVE_SCRIPT, 1, REDIS_PREFIX + key, options.dailyTokens, reserved, COUNTER_TTL_MS)) as [number, number];
        return reply[0] === 1;
      });
      const where = shared ? 'redis' : 'store';
      const admitted = shared ? shared.value : await store.reserve(key, reserved);
      if (!admitted) throw exhausted();
      let settled = false;
      return {
        async settle(tokens) {
          if (settled) return;
          settled = true;
          await add(key, Math.max(0, Math.ceil(tokens)) - reserved, where);
        },
      };
    },
    async record(guildId, tokens) {
      if (unlimited || !guildId || tokens <= 0) return;
      const key = keyFor(guildId);
      const shared = await onRedis((client) => client.eval(ADJUST_SCRIPT, 1, REDIS_PREFIX + key, Math.ceil(tokens), COUNTER_TTL_MS));
      if (!shared) await store.add(key, tokens);
    },
  };
}

function nextUtcMidnight(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS + DAY_MS);
}

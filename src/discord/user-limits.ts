import Bottleneck from 'bottleneck';
import type { SharedRedis } from '../redis/connect-shared-redis.js';
import { createKeyedSerialQueue } from '../serial-queue.js';

const WINDOW_MS = 60_000;
const REDIS_PREFIX = 'newsbrief:';

export type TakeResult = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface UserLimits {
  /** Takes one use; when the user has none left, says how long until the window refreshes. */
  take(userId: string): Promise<TakeResult>;
  /** CHANNEL_LINK_COOLDOWN_S: whether the channel had a link reply too recently for another. */
  channelCooling(channelId: string): Promise<boolean>;
  /** Starts the channel's cooldown; false when it had already started (in another process, say), so this reply is skipped. */
  startChannelCooldown(channelId: string): Promise<boolean>;
  stop(): Promise<void>;
}

export interface UserLimitsOptions {
  /** USER_RATE_PER_MIN. */
  perMinute: number;
  /** CHANNEL_LINK_COOLDOWN_S in ms; 0 turns the cooldown off. */
  channelCooldownMs?: number;
  /** REDIS_URL: the limits are then counted in Redis, across every bot process. */
  redis?: SharedRedis | null;
  now?: () => number;
}

/**
 * A fixed window per user, in one script: the first use starts the window (INCR, then PEXPIRE),
 * each use counts, and the reply carries what is left of the window, which is the wait to tell the
 * user. It is the same rule as the local limiter (a reservoir refilled a minute after the first
 * use), in one round trip that no other process can split. Bottleneck clustering would keep eight
 * keys, a heartbeat and two pub/sub channels per user in every process; it earns its cost for
 * queued LLM requests, not for a yes-or-no per command.
 * KEYS[1] the user's counter; ARGV limit, window. Returns {count, ms left}.
 */
const TAKE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  left = tonumber(ARGV[2])
end
return {count, left}`;

/**
 * USER_RATE_PER_MIN per user and the link-reply cooldown per channel. With Redis they hold across
 * every bot process; while Redis is away (or without REDIS_URL) they are counted in this process:
 * one Bottleneck limiter per user in a Bottleneck.Group, whose reservoir refreshes a minute after
 * the user's limiter was made, so the wait is known exactly.
 */
export function createUserLimits(options: UserLimitsOptions): UserLimits {
  const { perMinute } = options;
  const now = options.now ?? Date.now;
  const cooldownMs = options.channelCooldownMs ?? 0;
  const redis = options.redis ?? null;
  const group = new Bottleneck.Group({ reservoir: perMinute, reservoirRefreshAmount: perMinute, reservoirRefreshInterval: WINDOW_MS });
  const createdAt = new Map<string, number>();
  group.on('created', (_limiter: Bottleneck, key: string) => createdAt.set(key, now()));
  const lastReplyAt = new Map<string, number>();
  /**
   * Reading the reservoir and taking from it are two awaits, so one user's takes run one after
   * another: otherwise commands that arrive together all read the same count and all pass.
   */
  const queue = createKeyedSerialQueue();

  async function takeLocally(userId: string): Promise<TakeResult> {
    const limiter = group.key(userId);
    const left = (await limiter.currentReservoir()) ?? perMinute;
    if (left <= 0) {
      const elapsed = now() - (createdAt.get(userId) ?? now());
      return { allowed: false, retryAfterMs: WINDOW_MS - (elapsed % WINDOW_MS) };
    }
    await limiter.incrementReservoir(-1);
    return { allowed: true };
  }

  /** Runs on Redis while it can be used; null (after telling the shared connection) when it fails. */
  async function onRedis<T>(work: (client: SharedRedis['client']) => Promise<T>): Promise<{ value: T } | null> {
    if (!redis?.available) return null;
    try {
      return { value: await work(redis.client) };
    } catch (error) {
      redis.reportFailure(error);
      return null;
    }
  }

  const coolingLocally = (channelId: string) => {
    const last = lastReplyAt.get(channelId);
    return last !== undefined && now() - last < cooldownMs;
  };

  return {
    async take(userId) {
      const shared = await onRedis(async (client) => {
        const [count, left] = (await client.eval(TAKE_SCRIPT, 1, `${REDIS_PREFIX}user-rate:${userId}`, perMinute, WINDOW_MS)) as [number, number];
        return count <= perMinute ? ({ allowed: true } as const) : ({ allowed: false, retryAfterMs: left } as const);
      });
      return shared ? shared.value : queue.run(userId, () => takeLocally(userId));
    },
    async channelCooling(channelId) {
      if (cooldownMs <= 0) return false;
      const shared = await onRedis(async (client) => (await client.exists(`${REDIS_PREFIX}link-cooldown:${channelId}`)) === 1);
      return shared ? shared.value : coolingLocally(channelId);
    },
    async startChannelCooldown(channelId) {
      if (cooldownMs <= 0) return true;
      // SET NX: of the processes that passed the check together, one starts the cooldown and replies.
      const shared = await onRedis(async (client) => (await client.set(`${REDIS_PREFIX}link-cooldown:${channelId}`, '1', 'PX', cooldownMs, 'NX')) === 'OK');
      if (shared) return shared.value;
      if (coolingLocally(channelId)) return false;
      lastReplyAt.set(channelId, now());
      return true;
    },
    async stop() {
      await Promise.all(group.limiters().map(({ limiter }) => limiter.disconnect()));
    },
  };
}

import type Keyv from 'keyv';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';
import type { Logger } from '../log.js';
import { CATCH_UP_MAX_LATE_MS, catchUpDecision, missedRun } from './next-run.js';
import type { RunRecords } from './run-records.js';
import { runKey } from './run-key.js';
import type { ScheduleSlot } from './schedule-slot.js';
import type { ChannelDigest, Subscriptions } from './subscriptions.js';

/** How often the scheduler looks: slots post within this of their minute, feeds are polled when due. */
export const TICK_MS = 30_000;
/** Channels handled at once in one tick. */
const CHANNELS_AT_ONCE = 4;
const CHECKED_AT_KEY = 'digest:scheduler:checkedAt';

export interface SchedulerDeps {
  subscriptions: Subscriptions;
  /** Read only: whether a slot's run is done, or composed and to be finished. */
  records: Pick<RunRecords<unknown>, 'get'>;
  /** Durable state: when the scheduler last looked, so a restart knows what it missed. */
  state: Keyv;
  /** The injected clock: tests move it, production passes `() => new Date()`. */
  now: () => Date;
  log: Logger;
  /** Posts (or finishes) one slot's digest; the run is idempotent under `key`. False when another run held the channel. */
  runSlot(digest: ChannelDigest, slot: ScheduleSlot, key: string, due: Date): Promise<boolean>;
  /** Refreshes a channel's due feeds between digests (health notices, items that scroll off busy feeds). */
  pollFeeds(digest: ChannelDigest): Promise<void>;
  /** Records a slot skipped because the bot was down too long. */
  skipSlot(digest: ChannelDigest, key: string, lateMs: number): Promise<void>;
  /** Set when this process serves only some guilds (one shard of several); without it, every guild. */
  scope?: SchedulerScope;
}

/**
 * The guilds one scheduler looks after. With sharding, each guild is served by one shard, so each
 * shard's scheduler runs and polls only its own guilds' digests; the run lock still guards a slot
 * that two processes reach (a shard replaced while the old one is still finishing).
 */
export interface SchedulerScope {
  /** Names this scheduler's own "checked at" time in the shared store, e.g. `shard-1`. */
  name: string;
  owns(guildId: string): boolean;
}

export interface DigestScheduler {
  /** One look at every channel: post what is due, resume what a crash cut short, poll feeds. */
  tick(): Promise<void>;
  /** Ticks now (the catch-up) and every TICK_MS after. */
  start(): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * The digest clock. Every decision is computed from `now()` and the stored "checked at" time, never
 * from timers, so tests drive it by moving the clock and calling `tick()`:
 * - a slot whose most recent scheduled time fell after the last look runs (a missed one only when
 *   under 6 h late; older ones are skipped and logged);
 * - a run whose record is composed but not done (a crash mid-post) is finished, within the same 6 h;
 * - a run whose record is done never runs again.
 */
export function createDigestScheduler(deps: SchedulerDeps): DigestScheduler {
  const checkedAt = createTypedCache(deps.state, z.number());
  // Shards share the store: were the time shared too, a shard that looked at 07:30:05 would hide
  // the 07:30 slot from a shard that looks at 07:30:20. Before a shard's first look, the
  // unsharded time stands in for it, so a switch to sharding still catches up on what it missed.
  const checkedAtKey = deps.scope ? `${CHECKED_AT_KEY}:${deps.scope.name}` : CHECKED_AT_KEY;
  const owned = (digest: ChannelDigest) => deps.scope?.owns(digest.guildId) ?? true;
  /** Slots that found their channel busy (a /digest now, or another process): tried again each tick. */
  const waiting = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function tick(): Promise<void> {
    const now = deps.now();
    const since = (await checkedAt.get(checkedAtKey)) ?? (deps.scope ? await checkedAt.get(CHECKED_AT_KEY) : undefined) ?? now.getTime();
    const digests = (await deps.subscriptions.all()).filter(owned);
    await eachLimited(digests, CHANNELS_AT_ONCE, async (digest) => {
      try {
        await tickChannel(digest, since, now);
      } catch (error) {
        deps.log.error({ err: error, channelId: digest.channelId }, 'digest tick failed for a channel');
      }
    });
    await checkedAt.set(checkedAtKey, now.getTime());
    for (const [key, due] of waiting) if (due < now.getTime() - CATCH_UP_MAX_LATE_MS) waiting.delete(key);
  }

  async function tickChannel(digest: ChannelDigest, since: number, now: Date): Promise<void> {
    let ran = false;
    for (const slot of digest.slots) {
      const after = Math.max(since, slot.addedAt);
      const missed = missedRun(slot, new Date(after), now);
      if (missed && catchUpDecision(missed) === 'skip') {
        await deps.skipSlot(digest, runKey(digest.channelId, slot, missed.due), missed.lateMs);
        continue;
      }
      const recent = missedRun(slot, new Date(Math.max(now.getTime() - CATCH_UP_MAX_LATE_MS, slot.addedAt)), now);
      if (!recent) continue;
      const key = runKey(digest.channelId, slot, recent.due);
      const record = await deps.records.get(key);
      if (record?.status === 'done') continue;
      // New since the last look, composed and cut short by a crash, or kept waiting by a busy channel.
      if (record || recent.due.getTime() > after || waiting.has(key)) {
        if (await deps.runSlot(digest, slot, key, recent.due)) waiting.delete(key);
        else waiting.set(key, recent.due.getTime());
        ran = true;
      }
    }
    if (!ran) await deps.pollFeeds(digest);
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => deps.log.error({ err: error }, 'digest tick failed'))
        .finally(schedule);
    }, TICK_MS);
    timer.unref();
  }

  return {
    tick,
    start() {
      running = tick()
        .catch((error: unknown) => deps.log.error({ err: error }, 'digest catch-up failed'))
        .finally(schedule);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(workers);
}

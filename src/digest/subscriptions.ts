import type Keyv from 'keyv';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';
import { createSerialQueue } from '../serial-queue.js';
import { itemFilterSchema, type ItemFilter } from './item-filter.js';
import { scheduleSlotSchema, type ScheduleSlot } from './schedule-slot.js';

const feedSchema = z.object({
  url: z.string(),
  title: z.string(),
  addedAt: z.number(),
  /** `/digest filter`: which of the feed's items the digest considers; absent for all of them. */
  filter: itemFilterSchema.optional(),
});
const slotSchema = scheduleSlotSchema.extend({ addedAt: z.number() });
const lastRunSchema = z.object({
  key: z.string(),
  at: z.number(),
  /** posted: messages went out; empty: nothing new, nothing posted; skipped: too late to catch up; failed: see detail. */
  outcome: z.enum(['posted', 'empty', 'skipped', 'failed']),
  stories: z.number(),
  detail: z.string().nullable(),
  /** Items each feed's filter held back in this run, by feed URL (feeds that held back none are left out). */
  filtered: z.record(z.string(), z.number()).optional(),
});
const channelDigestSchema = z.object({
  guildId: z.string(),
  channelId: z.string(),
  feeds: z.array(feedSchema),
  slots: z.array(slotSchema),
  lastRun: lastRunSchema.nullable(),
  /** `/digest ping`: the role the digest's header mentions; absent for none. */
  pingRoleId: z.string().optional(),
});
const indexSchema = z.array(z.object({ guildId: z.string(), channelId: z.string() }));

export type FeedSubscription = z.infer<typeof feedSchema>;
export type SlotEntry = z.infer<typeof slotSchema>;
export type LastRun = z.infer<typeof lastRunSchema>;
export type ChannelDigest = z.infer<typeof channelDigestSchema>;

export interface Subscriptions {
  get(channelId: string): Promise<ChannelDigest | undefined>;
  /** Every channel with feeds or slots: what the scheduler reloads on start. */
  all(): Promise<ChannelDigest[]>;
  /** Feeds across the guild's channels, for DIGEST_MAX_FEEDS_PER_GUILD. */
  feedCount(guildId: string): Promise<number>;
  /** False when the channel already has this feed. */
  addFeed(guildId: string, channelId: string, feed: FeedSubscription): Promise<boolean>;
  removeFeed(channelId: string, url: string): Promise<FeedSubscription | undefined>;
  /** False when the channel already has this exact slot. */
  addSlot(guildId: string, channelId: string, slot: ScheduleSlot, addedAt: number): Promise<boolean>;
  /** Removes every slot at `time` (any zone); returns them. */
  removeSlots(channelId: string, time: string): Promise<SlotEntry[]>;
  recordRun(channelId: string, run: LastRun): Promise<void>;
  /** Sets (or with null clears) a feed's filter; undefined when the channel has no such feed. */
  setFilter(channelId: string, url: string, filter: ItemFilter | null): Promise<FeedSubscription | undefined>;
  /** Sets (or with null clears) the role the header mentions; false when the channel has no digest. */
  setPing(channelId: string, roleId: string | null): Promise<boolean>;
  forgetChannel(channelId: string): Promise<void>;
  forgetGuild(guildId: string): Promise<void>;
}

/**
 * Each channel's digest settings in durable state: `digest:channel:<id>` holds its feeds, slots and
 * last run, and `digest:channels` lists the channels so the scheduler can reload them on start.
 * Every change is a read-modify-write, so changes are queued one at a time in this process.
 */
export function createSubscriptions(store: Keyv): Subscriptions {
  const channels = createTypedCache(store, channelDigestSchema);
  const index = createTypedCache(store, indexSchema);
  const INDEX_KEY = 'digest:channels';
  const keyOf = (channelId: string) => `digest:channel:${channelId}`;
  const queue = createSerialQueue();

  const readIndex = async () => (await index.get(INDEX_KEY)) ?? [];

  async function change(guildId: string, channelId: string, edit: (digest: ChannelDigest) => boolean): Promise<boolean> {
    const digest = (await channels.get(keyOf(channelId))) ?? { guildId, channelId, feeds: [], slots: [], lastRun: null };
    if (!edit(digest)) return false;
    await save(digest);
    return true;
  }

  async function save(digest: ChannelDigest): Promise<void> {
    const entries = await readIndex();
    const listed = entries.some((entry) => entry.channelId === digest.channelId);
    if (digest.feeds.length === 0 && digest.slots.length === 0) {
      await store.delete(keyOf(digest.channelId));
      if (listed) await index.set(INDEX_KEY, entries.filter((entry) => entry.channelId !== digest.channelId));
      return;
    }
    await channels.set(keyOf(digest.channelId), digest);
    if (!listed) await index.set(INDEX_KEY, [...entries, { guildId: digest.guildId, channelId: digest.channelId }]);
  }

  async function forget(predicate: (entry: { guildId: string; channelId: string }) => boolean): Promise<void> {
    const entries = await readIndex();
    const gone = entries.filter(predicate);
    if (gone.length === 0) return;
    for (const entry of gone) await store.delete(keyOf(entry.channelId));
    await index.set(INDEX_KEY, entries.filter((entry) => !predicate(entry)));
  }

  return {
    get: (channelId) => channels.get(keyOf(channelId)),

    async all() {
      const found = await Promise.all((await readIndex()).map((entry) => channels.get(keyOf(entry.channelId))));
      return found.filter((digest): digest is ChannelDigest => digest !== undefined);
    },

    async feedCount(guildId) {
      const digests = await this.all();
      return digests.filter((digest) => digest.guildId === guildId).reduce((sum, digest) => sum + digest.feeds.length, 0);
    },

    addFeed: (guildId, channelId, feed) =>
      queue.run(() =>
        change(guildId, channelId, (digest) => {
          if (digest.feeds.some((existing) => existing.url === feed.url)) return false;
          digest.feeds.push(feed);
          return true;
        }),
      ),

    removeFeed: (channelId, url) =>
      queue.run(async () => {
        const digest = await channels.get(keyOf(channelId));
        const removed = digest?.feeds.find((feed) => feed.url === url);
        if (!digest || !removed) return undefined;
        await save({ ...digest, feeds: digest.feeds.filter((feed) => feed !== removed) });
        return removed;
      }),

    addSlot: (guildId, channelId, slot, addedAt) =>
      queue.run(() =>
        change(guildId, channelId, (digest) => {
          const same = digest.slots.some((existing) => existing.time === slot.time && existing.timezone === slot.timezone && existing.days === slot.days);
          if (same) return false;
          // The same time and zone with other days replaces the old slot: one digest per local morning.
          digest.slots = [...digest.slots.filter((existing) => !(existing.time === slot.time && existing.timezone === slot.timezone)), { ...slot, addedAt }];
          return true;
        }),
      ),

    removeSlots: (channelId, time) =>
      queue.run(async () => {
        const digest = await channels.get(keyOf(channelId));
        const removed = digest?.slots.filter((slot) => slot.time === time) ?? [];
        if (!digest || removed.length === 0) return [];
        await save({ ...digest, slots: digest.slots.filter((slot) => slot.time !== time) });
        return removed;
      }),

    recordRun: (channelId, run) =>
      queue.run(async () => {
        const digest = await channels.get(keyOf(channelId));
        if (digest) await channels.set(keyOf(channelId), { ...digest, lastRun: run });
      }),

    setFilter: (channelId, url, filter) =>
      queue.run(async () => {
        const digest = await channels.get(keyOf(channelId));
        const feed = digest?.feeds.find((candidate) => candidate.url === url);
        if (!digest || !feed) return undefined;
        const { filter: _old, ...rest } = feed;
        const changed: FeedSubscription = filter ? { ...rest, filter } : rest;
        await channels.set(keyOf(channelId), { ...digest, feeds: digest.feeds.map((candidate) => (candidate === feed ? changed : candidate)) });
        return changed;
      }),

    setPing: (channelId, roleId) =>
      queue.run(async () => {
        const digest = await channels.get(keyOf(channelId));
        if (!digest) return false;
        const { pingRoleId: _old, ...rest } = digest;
        await channels.set(keyOf(channelId), roleId === null ? rest : { ...rest, pingRoleId: roleId });
        return true;
      }),

    forgetChannel: (channelId) => queue.run(() => forget((entry) => entry.channelId === channelId)),
    forgetGuild: (guildId) => queue.run(() => forget((entry) => entry.guildId === guildId)),
  };
}

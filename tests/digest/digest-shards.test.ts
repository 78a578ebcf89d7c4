import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { SchedulerScope } from '../../src/digest/digest-scheduler.js';
import { parseSlot } from '../../src/digest/schedule-slot.js';
import type { DiscordDigestChannel as DigestChannel } from '../../src/discord/digest-channel.js';
import type { DigestMessage } from '../../src/discord/render/digest-messages.js';
import { createLogger } from '../../src/log.js';
import { buildServices, type Services } from '../../src/services.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { useLoopbackFirewall } from '../../test-support/loopback-firewall.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';

/**
 * Digests with sharding: two shard processes on one Redis (STORE_URL and REDIS_URL), each with a
 * scheduler scoped to the guilds its shard serves. Each guild's slot is posted once, by its own
 * shard, even when the shards look at different seconds of the slot's minute; and a switch from
 * one process to shards still catches up on a slot missed in between.
 */

useLoopbackFirewall();

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/digest/digest-shards.test.ts: SKIPPED, ${missingMessage}.`);

const GUILDS = ['200000000000000001', '200000000000000002'] as const;
const CHANNELS = ['300000000000000001', '300000000000000002'] as const;
const HOUR = 60 * 60 * 1000;

/** Shard `index` of 2 serves only GUILDS[index] here (a stand-in for Discord's rule, which the bot applies). */
const scopeOf = (index: number): SchedulerScope => ({ name: `shard-${index}`, owns: (guildId) => guildId === GUILDS[index] });

describe.skipIf(!available && !requiredInCi)('digests with two shards on one Redis', () => {
  let redis: RedisServer;
  let feeds: FeedServer;
  const processes: Services[] = [];
  let current = Date.parse('2026-11-24T06:00:00Z');
  const now = () => new Date(current);
  const sent: Array<{ process: number; channelId: string; message: DigestMessage }> = [];

  const channelFor = (process: number): DigestChannel => ({
    async send(channelId, message) {
      sent.push({ process, channelId, message });
      return `p${process}-m${sent.length}`;
    },
    async startThread(_channelId, messageId) {
      return messageId;
    },
    async notice() {},
  });

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    redis = await startRedisServer();
    feeds = await startFeedServer();
    const config = loadConfig({ STORE_URL: redis.url, CACHE_URL: redis.url, REDIS_URL: redis.url, FETCH_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' });
    for (let index = 0; index < 3; index += 1) processes.push(await buildServices(config, createLogger({ level: 'silent' }), { now, hostSpacingMs: 0 }));
  });
  afterAll(async () => {
    for (const services of processes) await services.close();
    await feeds?.close();
    await redis?.stop();
  });

  it('posts each guild’s slot once, from the shard that serves it, whichever second each shard looks', async () => {
    const [unsharded, shard0, shard1] = processes;
    if (!unsharded || !shard0 || !shard1) throw new Error('three processes expected');
    for (const [index, guildId] of GUILDS.entries()) {
      const channelId = CHANNELS[index] ?? '';
      const titles = [`Harbour wall ${index} approved after a long council debate`, `Ferry timetable ${index} changes for the winter season`];
      titles.forEach((title, item) => feeds.serveArticle(`/news/${index}/${item}`, title));
      feeds.serveFeed(`/feed-${index}.xml`, {
        title: `Herald ${index}`,
        items: titles.map((title, item) => ({ title, link: `/news/${index}/${item}`, guid: `g${index}-${item}`, date: new Date(current - (item + 1) * HOUR) })),
      });
      await unsharded.digests.addFeed(guildId, channelId, feeds.url(`/feed-${index}.xml`));
      await unsharded.digests.schedule(guildId, channelId, parseSlot('07:30', 'UTC'));
    }
    // The bot ran as one process until 06:00, then restarted as two shards.
    await unsharded.digests.createScheduler(channelFor(9)).tick();
    const schedulers = [shard0, shard1].map((services, index) => services.digests.createScheduler(channelFor(index), scopeOf(index)));

    // Shard 0 looks ten seconds into the slot's minute, shard 1 twenty.
    current = Date.parse('2026-11-24T07:30:10Z');
    await schedulers[0]?.tick();
    current = Date.parse('2026-11-24T07:30:20Z');
    await schedulers[1]?.tick();
    // Later looks post nothing more.
    current = Date.parse('2026-11-24T07:31:10Z');
    for (const scheduler of schedulers) await scheduler?.tick();

    for (const [index, channelId] of CHANNELS.entries()) {
      const posts = sent.filter((entry) => entry.channelId === channelId);
      expect(posts.length, `posts in guild ${index}'s channel`).toBeGreaterThan(0);
      expect(new Set(posts.map((entry) => entry.process)), `who posted in guild ${index}'s channel`).toEqual(new Set([index]));
      const storyTitles = posts.flatMap((entry) => entry.message.embeds).slice(1).map((embed) => embed.title);
      expect(storyTitles.sort()).toEqual([`Ferry timetable ${index} changes for the winter season`, `Harbour wall ${index} approved after a long council debate`]);
      expect((await shard0.digests.overview(channelId)).lastRun).toMatchObject({ key: `digest:${channelId}:2026-11-24:07:30:UTC`, outcome: 'posted', stories: 2 });
    }
    const nonces = sent.map((entry) => entry.message.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

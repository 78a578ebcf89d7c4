import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseSlot } from '../../src/digest/schedule-slot.js';
import type { DiscordDigestChannel as DigestChannel } from '../../src/discord/digest-channel.js';
import type { DigestMessage } from '../../src/discord/render/digest-messages.js';
import { createLogger } from '../../src/log.js';
import { buildServices, type Services } from '../../src/services.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { useLoopbackFirewall } from '../../test-support/loopback-firewall.js';

/**
 * Several bot processes on one Redis (STORE_URL and REDIS_URL): every one runs the digest
 * scheduler, and each slot is posted once, by whichever takes the channel's Redis lock. Two
 * service instances built by the real composition root stand in for two processes; each has its
 * own Redis connections, so nothing is shared but the server.
 */

useLoopbackFirewall();

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/digest/digest-redis.test.ts: SKIPPED, ${missingMessage}.`);

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const HOUR = 60 * 60 * 1000;

describe.skipIf(!available && !requiredInCi)('digests with several processes on one Redis', () => {
  let redis: RedisServer;
  let feeds: FeedServer;
  const processes: Services[] = [];
  let current = Date.parse('2026-11-24T06:00:00Z');
  const now = () => new Date(current);
  const sent: Array<{ process: number; channelId: string; message: DigestMessage }> = [];

  /** Records each process's posts, with ids unique across processes. */
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
    const config = loadConfig({
      STORE_URL: redis.url, CACHE_URL: redis.url, REDIS_URL: redis.url, FETCH_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent',
    });
    for (let index = 0; index < 3; index += 1) processes.push(await buildServices(config, createLogger({ level: 'silent' }), { now, hostSpacingMs: 0 }));
  });
  afterAll(async () => {
    for (const services of processes) await services.close();
    await feeds?.close();
    await redis?.stop();
  });

  it('posts each slot once, whichever process takes the lock', async () => {
    const titles = ['Harbour wall approved after a long council debate', 'Ferry timetable changes for the winter season', 'New library opens in the old mill district'];
    titles.forEach((title, index) => feeds.serveArticle(`/news/${index}`, title));
    feeds.serveFeed('/feed.xml', { title: 'Riverton Herald', items: titles.map((title, index) => ({ title, link: `/news/${index}`, guid: `s${index}`, date: new Date(current - (index + 1) * HOUR) })) });
    const [first] = processes;
    await first?.digests.addFeed(GUILD, CHANNEL, feeds.url('/feed.xml'));
    await first?.digests.schedule(GUILD, CHANNEL, parseSlot('07:30', 'Europe/Berlin'));
    const schedulers = processes.map((services, index) => services.digests.createScheduler(channelFor(index)));
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));

    current = Date.parse('2026-11-24T06:30:10Z');
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    current += 60_000;
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));

    const posters = new Set(sent.map((entry) => entry.process));
    expect(posters.size).toBe(1);
    const storyTitles = sent.flatMap((entry) => entry.message.embeds).slice(1).map((embed) => embed.title);
    expect(storyTitles.sort()).toEqual([...titles].sort());
    const nonces = sent.map((entry) => entry.message.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    // Every process sees the same record of the run in the shared state.
    for (const services of processes) {
      expect((await services.digests.overview(CHANNEL)).lastRun).toMatchObject({ key: `digest:${CHANNEL}:2026-11-24:07:30:Europe/Berlin`, outcome: 'posted', stories: 3 });
    }
  });
});

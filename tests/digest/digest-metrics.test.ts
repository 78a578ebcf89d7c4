import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DiscordDigestChannel } from '../../src/discord/digest-channel.js';
import { createLogger } from '../../src/log.js';
import { buildServices, type Services } from '../../src/services.js';
import { rss, startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { useLoopbackFirewall } from '../../test-support/loopback-firewall.js';
import { parsePrometheusText, sampleValue } from '../../test-support/prometheus-text.js';

/** Digest runs and feed failures as `/metrics` counts them, from the real composition root on a fake clock. */

useLoopbackFirewall();

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const MINUTE = 60_000;

const opened: Array<{ services: Services; feeds: FeedServer }> = [];
afterEach(async () => {
  for (const { services, feeds } of opened.splice(0)) {
    await services.close();
    await feeds.close();
  }
});

const channel: DiscordDigestChannel = {
  send: async () => `message-${Math.random()}`,
  startThread: async () => 'thread-1',
  notice: async () => undefined,
};

describe('digest metrics', () => {
  it('counts /digest now runs by outcome, and each failed feed fetch', async () => {
    let current = Date.parse('2026-11-24T06:00:00Z');
    const feeds = await startFeedServer();
    // HTTP_PORT makes buildServices record metrics; no server is started without the bot.
    const config = loadConfig({ STORE_URL: 'memory', CACHE_URL: 'memory', FETCH_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent', HTTP_PORT: '9464' });
    const services = await buildServices(config, createLogger({ level: 'silent' }), { now: () => new Date(current), hostSpacingMs: 0 });
    opened.push({ services, feeds });
    const read = async () => parsePrometheusText(await services.metrics.exposition.metrics());

    let failing = false;
    feeds.serveArticle('/news/harbour', 'Harbour works approved after a long review by the council');
    const feed = rss(
      { title: 'Riverton', items: [{ title: 'Harbour works approved after a long review by the council', link: '/news/harbour', guid: 'harbour', date: new Date(current - 60 * MINUTE) }] },
      feeds.url('').replace(/\/$/, ''),
    );
    feeds.serve('/feed.xml', (_request, response) => {
      if (failing) response.writeHead(500, { 'content-type': 'text/plain' }).end('down');
      else response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
    });
    await services.digests.addFeed(GUILD, CHANNEL, feeds.url('/feed.xml'));

    expect((await services.digests.postNow(GUILD, CHANNEL, 'run-1', channel)).outcome).toBe('posted');
    expect((await services.digests.postNow(GUILD, CHANNEL, 'run-2', channel)).outcome).toBe('empty');
    let samples = await read();
    expect(sampleValue(samples, 'newsbrief_digest_runs_total', { trigger: 'now', outcome: 'posted' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_digest_runs_total', { trigger: 'now', outcome: 'empty' })).toBe(1);
    expect(sampleValue(samples, 'newsbrief_feed_failures_total')).toBe(0);

    failing = true;
    const scheduler = services.digests.createScheduler(channel);
    current += 31 * MINUTE;
    await scheduler.tick();
    samples = await read();
    expect(sampleValue(samples, 'newsbrief_feed_failures_total')).toBe(1);
  });
});

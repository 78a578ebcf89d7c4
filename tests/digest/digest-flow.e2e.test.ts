import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestCommand, digestPosts, testClock } from '../../test-support/digest-commands.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { IDS, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';

/**
 * The morning digest as a person sets it up: add, schedule, list; then the scheduler, on a fake
 * clock, posts at the local time, in a thread, once, and the next day only what is new.
 */

const HOUR = 60 * 60 * 1000;
let world: TestWorld;
let feeds: FeedServer;
let bot: TestBot;
const clock = testClock('2026-11-24T05:00:00Z'); // 06:00 in Berlin

beforeAll(async () => {
  world = await startTestWorld();
  feeds = await startFeedServer();
  const now = clock.now().getTime();
  for (let index = 1; index <= 12; index += 1) feeds.serveArticle(`/news/${index}`, `Story number ${index} about the harbour works in Riverton`);
  feeds.serveFeed('/feed.xml', {
    title: 'Riverton Herald',
    items: Array.from({ length: 12 }, (_, index) => ({
      title: `Story number ${index + 1} about the harbour works in Riverton`,
      link: `/news/${index + 1}`,
      guid: `herald-${index + 1}`,
      // Two items from before the last 24 hours: the first digest leaves them out.
      date: new Date(now - (index < 10 ? index + 1 : 30) * HOUR),
    })),
  });
  bot = await startTestBot(world, { FETCH_ALLOW_HOSTS: '127.0.0.1', DIGEST_MAX_STORIES: '6' }, { now: clock.now });
});
afterAll(async () => {
  await bot?.stop();
  await feeds?.close();
  await world?.close();
});

describe('a morning digest in three commands', () => {
  it('adds the feed, schedules 07:30 Berlin, lists both', async () => {
    const added = await digestCommand(world.discord, 'add', { feed: feeds.url('/feed.xml') });
    expect(added.content).toContain('Riverton Herald');
    expect(added.content).toContain('12 items');
    expect(added.deferFlags).toBe(64);

    const scheduled = await digestCommand(world.discord, 'schedule', { time: '7:30', timezone: 'europe/berlin' });
    expect(scheduled.content).toContain('07:30 Europe/Berlin');

    const listed = await digestCommand(world.discord, 'list');
    const description = listed.embeds[0]?.description ?? '';
    expect(description).toContain('Riverton Herald');
    expect(description).toContain('07:30** Europe/Berlin, daily — next Tue 24 Nov 07:30 Europe/Berlin');
  });

  it('posts at 07:30 local time, once', async () => {
    clock.set('2026-11-24T06:29:00Z');
    await bot.bot.digests.tick();
    expect(digestPosts(world.discord, [IDS.news])).toHaveLength(0);

    clock.set('2026-11-24T06:30:20Z');
    await bot.bot.digests.tick();
    const posted = world.discord.messages.filter((message) => message.author.id === world.discord.botUserId);
    expect(posted.length).toBeGreaterThan(0);
    const embeds = posted.flatMap((message) => message.embeds ?? []);
    const storyTitles = embeds.map((embed) => String(embed.title)).filter((title) => title.startsWith('Story number'));
    expect(storyTitles).toHaveLength(6);
    expect(embeds[0]?.title).toBe('Daily digest — Tue 24 Nov');

    await bot.bot.digests.tick();
    clock.advance(60_000);
    await bot.bot.digests.tick();
    expect(world.discord.messages.filter((message) => message.author.id === world.discord.botUserId)).toHaveLength(posted.length);

    const listed = await digestCommand(world.discord, 'list');
    expect(listed.embeds[0]?.description).toContain('posted 6 stories');
  });
});

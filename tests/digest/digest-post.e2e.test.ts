import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { digestCommand, testClock } from '../../test-support/digest-commands.js';
import type { FakeMessage } from '../../test-support/fake-discord.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { IDS, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * What a posted digest looks like, end to end, on a bot with no LLM configured: the real bot on the
 * fake Discord, a loopback feed whose links carry tracking parameters, a fake clock.
 * - `/digest preview` and `/digest now` answer privately; the digest is the only public post;
 * - ten stories are split evenly (the header and five in the channel, five in the thread), never
 *   nine and a lone one;
 * - every link shown has its tracking parameters removed;
 * - the header carries one note saying the summaries are offline.
 */

const EPHEMERAL = 64;
const HOUR = 60 * 60 * 1000;
/** Links as feeds and newsletters tag them; only `id` says which page it is. */
const TRACKING = 'utm_source=rss&utm_medium=feed&ref=rss&fbclid=IwAR0abc&gclid=Cj0K&mc_cid=5f3a&mc_eid=9b2c';

let world: TestWorld;
let feeds: FeedServer;
let bot: TestBot;
const clock = testClock('2026-11-24T05:00:00Z');

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  feeds = await startFeedServer();
  // OPENAI_BASE_URL empty: no LLM is configured, as for a bot run without keys.
  bot = await startTestBot(world, { OPENAI_BASE_URL: '', DIGEST_MAX_STORIES: '10' }, { now: clock.now });
});
afterAll(async () => {
  await bot?.stop();
  await feeds?.close();
  await world?.close();
});
afterEach(() => {
  expect(world.discord.unknownRoutes).toEqual([]);
  expect(bot.fatal).toEqual([]);
});

const embedsOf = (message: FakeMessage) => message.embeds as APIEmbed[];
const isHeader = (embed: APIEmbed | undefined) => /^(Preview: )?Daily digest — /.test(embed?.title ?? '');

/** Everything the bot posted under #news: in it, and in threads started on its messages. */
function postsUnderNews(): FakeMessage[] {
  const inChannel = new Set(world.discord.messages.filter((message) => message.channel_id === IDS.news).map((message) => message.id));
  return world.discord.messages.filter((message) => message.channel_id === IDS.news || inChannel.has(message.channel_id));
}

describe('/digest now with ten stories and no LLM', () => {
  const titles = Array.from({ length: 10 }, (_, index) => `Story number ${index + 1} about the harbour works in Riverton`);

  it('answers privately, posts header + 5 and 5, links without tracking, one offline note', async () => {
    const now = clock.now().getTime();
    titles.forEach((title, index) => feeds.serveArticle(`/news/${index + 1}`, title));
    feeds.serveFeed('/tagged.xml', {
      title: 'Riverton Herald',
      items: titles.map((title, index) => ({
        title,
        link: `/news/${index + 1}?${TRACKING.replace('ref=rss', index % 2 === 0 ? 'ref=rss' : 'ref=feed')}&id=${index + 1}#top`,
        guid: `herald-${index + 1}`,
        date: new Date(now - (index + 1) * HOUR),
      })),
    });
    expect((await digestCommand(world.discord, 'add', { feed: feeds.url('/tagged.xml') })).content).toMatch(/^Added/);

    const preview = await digestCommand(world.discord, 'preview');
    expect(preview.deferFlags).toBe(EPHEMERAL);

    const answer = await digestCommand(world.discord, 'now');
    expect(answer.deferFlags).toBe(EPHEMERAL);
    expect(answer.call.method).toBe('PATCH');
    expect(answer.content).toBe(`Posted 10 stories in <#${IDS.news}>.`);

    // The digest is all that was posted: two parts, the second in a thread on the first.
    const parts = postsUnderNews();
    expect(parts).toHaveLength(2);
    const [first, second] = parts;
    expect(first?.channel_id).toBe(IDS.news);
    expect(second?.channel_id).toBe(first?.id);
    expect(parts.map((part) => embedsOf(part).filter((embed) => !isHeader(embed)).length)).toEqual([5, 5]);
    expect(isHeader(embedsOf(first!)[0])).toBe(true);

    const stories = parts.flatMap(embedsOf).filter((embed) => !isHeader(embed));
    expect(stories.map((embed) => embed.title)).toEqual(titles);
    expect(stories.map((embed) => embed.url)).toEqual(titles.map((_, index) => `${feeds.url(`/news/${index + 1}`)}?id=${index + 1}#top`));
    expect(JSON.stringify(parts)).not.toMatch(/utm_|fbclid|gclid|mc_cid|mc_eid|ref=/);

    const notes = embedsOf(first!)[0]?.fields?.filter((field) => field.name === 'Notes') ?? [];
    expect(notes).toEqual([{ name: 'Notes', value: '⚠️ Offline summaries: no LLM is configured.' }]);
    expect(world.openai.requests).toEqual([]);
  });
});

import type { DestinationStream } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import type { LogRecord } from '../../test-support/capture-log.js';
import { digestAutocomplete, digestCommand, testClock, type DigestAnswer } from '../../test-support/digest-commands.js';
import type { FakeMessage } from '../../test-support/fake-discord.js';
import { startFeedServer, type FeedServer, type FixtureItem } from '../../test-support/feed-server.js';
import { startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * /digest filter end to end: the real bot on the fake Discord, feeds and their article pages from a
 * loopback server that records every request, the fake OpenAI that records every call.
 * - include and exclude are set, shown, replaced one at a time, kept across a restart, and cleared;
 * - a digest considers only what the filters let through (title, description, categories): the
 *   items held back are never fetched and never reach the LLM, and the run log and the list count
 *   them once;
 * - an item one feed's filter held back still comes through another feed that carries it;
 * - refusals: a regex the safe engine cannot run, `clear` with a rule, an unknown feed, no feeds,
 *   a member without Manage Server.
 */

const EPHEMERAL = 64;
const HOUR = 60 * 60_000;
const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
const BOT_ENV = { LOG_LEVEL: 'info' };

let world: TestWorld;
let feeds: FeedServer;
let bot: TestBot;
const clock = testClock('2026-11-24T05:00:00Z');
/** The bot's log lines, parsed (LOG_LEVEL=info). */
const logLines: LogRecord[] = [];
const logDestination: DestinationStream = { write: (line: string) => void logLines.push(JSON.parse(line) as LogRecord) };

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  feeds = await startFeedServer();
  bot = await startTestBot(world, BOT_ENV, { now: clock.now, logDestination });
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

// ---------------------------------------------------------------------------------------------
// Helpers

interface Newsroom {
  guildId: string;
  news: string;
}

let newsrooms = 0;
/** A guild of its own for one test, with #news. */
function newsroom(): Newsroom {
  newsrooms += 1;
  const n = String(newsrooms).padStart(3, '0');
  const room = { guildId: `260000000000000${n}`, news: `36000000000000${n}1` };
  world.discord.guildCreate({ id: room.guildId, name: `Filters ${n}`, channels: [{ id: room.news, name: 'news' }] });
  return room;
}

function digest(room: Newsroom, subcommand: string, options: Record<string, string | boolean> = {}, who: { memberPermissions?: bigint } = {}): Promise<DigestAnswer> {
  return digestCommand(world.discord, subcommand, options, { guildId: room.guildId, channelId: room.news, memberRoles: [], memberPermissions: MANAGE_GUILD, ...who });
}

async function listed(room: Newsroom): Promise<string> {
  const answer = await digest(room, 'list');
  expect(answer.deferFlags).toBe(EPHEMERAL);
  return answer.embeds[0]?.description ?? '';
}

interface Story {
  title: string;
  description?: string;
  categories?: string[];
  /** Another feed's item for the same story links to the same page. */
  page?: string;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Serves a feed of `stories` at `path`, each with an article page, dated an hour apart before now; returns the feed's URL. */
function serveStories(path: string, title: string, stories: Story[]): string {
  const now = clock.now().getTime();
  const items: FixtureItem[] = stories.map((story, index) => {
    const page = story.page ?? `/articles/${slug(story.title)}`;
    feeds.serveArticle(page, story.title);
    return {
      title: story.title, link: page, guid: `${path}#${slug(story.title)}`, date: new Date(now - (index + 1) * HOUR),
      ...(story.description ? { description: story.description } : {}),
      ...(story.categories ? { categories: story.categories } : {}),
    };
  });
  feeds.serveFeed(path, { title, items });
  return feeds.url(path);
}

/** What the bot posted under a channel: in it, and in threads started on its messages. */
function postsUnder(channelId: string): FakeMessage[] {
  const threads = new Set(world.discord.messages.filter((message) => message.channel_id === channelId).map((message) => message.id));
  return world.discord.messages.filter((message) => message.channel_id === channelId || threads.has(message.channel_id));
}

function storyTitles(messages: readonly FakeMessage[]): string[] {
  return messages.flatMap((message) => message.embeds as APIEmbed[]).map((embed) => embed.title ?? '').filter((title) => !/^Daily digest — /.test(title));
}

/** Paths the feed server was asked for since `from` (an index into its request log). */
const pagesFetchedSince = (from: number) => feeds.requests.slice(from).map((request) => request.path);
/** The fake OpenAI's request bodies since `from`, as text. */
const llmTextSince = (from: number) => world.openai.requests.slice(from).map((request) => JSON.stringify(request.body)).join('\n');

// ---------------------------------------------------------------------------------------------

describe('/digest filter', () => {
  it('sets include and exclude, shows them, replaces one at a time, keeps them across a restart, and clears them', async () => {
    const room = newsroom();
    const url = serveStories('/settings/feed.xml', 'Tide Times', [{ title: 'Tide story one about the harbour works in Riverton' }]);
    await digest(room, 'add', { feed: url });

    // The feed option autocompletes over the channel's feeds, as /digest remove's does.
    const choices = await digestAutocomplete(world.discord, 'filter', 'feed', 'tide', { guildId: room.guildId, channelId: room.news });
    expect(choices).toEqual([{ name: `Tide Times — ${url}`, value: url }]);

    const set = await digest(room, 'filter', { feed: url, include: ' budget, City Council ,budget', exclude: 'sport' });
    expect(set.deferFlags).toBe(EPHEMERAL);
    expect(set.content).toMatch(/^\*\*Tide Times\*\* now filters: include: budget, City Council · exclude: sport\. Words and phrases match whole words/);
    expect(await listed(room)).toContain(`**Tide Times** <${url}>\n　↳ include: budget, City Council · exclude: sport`);

    // One option replaces that rule only; none shows the filter.
    await digest(room, 'filter', { feed: url, exclude: '/^live:/i' });
    const shown = await digest(room, 'filter', { feed: url });
    expect(shown.content).toMatch(/^\*\*Tide Times\*\* filters: include: budget, City Council · exclude: \/\^live:\/i\./);

    // Durable: a new bot on the same store shows the same filter.
    await bot.stop();
    bot = await startTestBot(world, BOT_ENV, { now: clock.now, logDestination });
    expect(await listed(room)).toContain('↳ include: budget, City Council · exclude: /^live:/i');

    const cleared = await digest(room, 'filter', { feed: url, clear: true });
    expect(cleared.content).toBe('**Tide Times** has no filter now: the digest considers all of its items.');
    const list = await listed(room);
    expect(list).toContain(`**Tide Times** <${url}>`);
    expect(list).not.toContain('↳');
  });

  it('lets through only what matches: held-back items are never fetched or summarised, and are counted once in the log and the list', async () => {
    clock.set('2026-11-24T06:00:00Z');
    const room = newsroom();
    const kept = [
      { title: 'Budget vote passes in the Riverton town hall on Tuesday' },
      { title: 'City council approves the new harbour wall plan for Riverton' },
      { title: 'Harbour works start on the east quay of Riverton', description: 'The budget for the works was agreed on Monday.' },
    ];
    const heldBack = [
      // The include matches, but the exclude (a category) wins.
      { title: 'Budget row over the football stadium in Riverton grows', categories: ['Local', 'Sport'] },
      // Nothing matches the include; "smart" is not the word "art", nor "councillors" "city council".
      { title: 'Weather turns cold as smart councillors meet in the Riverton valley' },
    ];
    const url = serveStories('/counted/feed.xml', 'Riverton Ledger', [...kept, ...heldBack]);
    await digest(room, 'add', { feed: url });
    await digest(room, 'filter', { feed: url, include: 'budget, city council', exclude: 'sport' });

    const fetchedFrom = feeds.requests.length;
    const llmFrom = world.openai.requests.length;
    const logFrom = logLines.length;
    const now = await digest(room, 'now');
    expect(now.content).toBe(`Posted 3 stories in <#${room.news}>.`);
    expect(storyTitles(postsUnder(room.news)).toSorted()).toEqual(kept.map((story) => story.title).toSorted());

    // The kept stories' pages were fetched and summarised; the held-back ones were neither.
    const fetched = pagesFetchedSince(fetchedFrom);
    for (const story of kept) expect(fetched).toContain(`/articles/${slug(story.title)}`);
    for (const story of heldBack) expect(fetched).not.toContain(`/articles/${slug(story.title)}`);
    const llmText = llmTextSince(llmFrom);
    expect(llmText).toContain('harbour wall plan');
    for (const story of heldBack) expect(llmText).not.toContain(story.title);

    const logged = logLines.slice(logFrom).filter((line) => line.msg === 'digest filters held back items');
    expect(logged.map((line) => line.filtered)).toEqual([{ [url]: 2 }]);
    const list = await listed(room);
    expect(list).toContain('↳ include: budget, city council · exclude: sport — 2 held back in the last run');
    expect(list).toMatch(/posted 3 stories\. Filters held back 2 items\./);

    // The next run counts nothing again: the held-back items were passed over, within their feed.
    expect((await digest(room, 'now')).content).toMatch(/^Nothing new since the last digest/);
    const after = await listed(room);
    expect(after).toContain('nothing new, nothing posted.');
    expect(after).not.toContain('held back');

    // Clearing the filter lets new items through, and does not bring back those passed over.
    clock.advance(5 * 60_000);
    const fresh = { title: 'Weather warning for the Riverton coast issued tonight' };
    serveStories('/counted/feed.xml', 'Riverton Ledger', [fresh, ...kept, ...heldBack]);
    await digest(room, 'filter', { feed: url, clear: true });
    const beforeThird = postsUnder(room.news).length;
    expect((await digest(room, 'now')).content).toBe(`Posted 1 story in <#${room.news}>.`);
    expect(storyTitles(postsUnder(room.news).slice(beforeThird))).toEqual([fresh.title]);
  });

  it('a regex filter reads the title, description and categories', async () => {
    clock.set('2026-11-24T07:00:00Z');
    const room = newsroom();
    const stories = [
      { title: 'Mayor elected after a long count in Riverton' },
      { title: 'Quiet night at the Riverton lighthouse again', description: 'No election news tonight from the coast.' },
      { title: 'New ferry timetable for the Riverton crossing', categories: ['Transport'] },
    ];
    const url = serveStories('/regex/feed.xml', 'Riverton Regex', stories);
    await digest(room, 'add', { feed: url });
    const set = await digest(room, 'filter', { feed: url, include: '/elect(ed|ion)/' });
    // The list and replies show a regex as typed: markdown is escaped (`\|` reads as `|`).
    expect(set.content).toContain('now filters: include: /elect(ed\\|ion)/i.');
    expect((await digest(room, 'now')).content).toBe(`Posted 2 stories in <#${room.news}>.`);
    expect(storyTitles(postsUnder(room.news)).toSorted()).toEqual([stories[0]?.title, stories[1]?.title].toSorted());
  });

  it("an item one feed's filter held back still comes through another feed that carries it", async () => {
    clock.set('2026-11-24T08:00:00Z');
    const room = newsroom();
    const shared = { title: 'Football final tonight at the Riverton stadium', page: '/articles/shared-final', categories: ['Sport'] };
    const general = serveStories('/cross/general.xml', 'General News', [shared, { title: 'Library reopens in the old Riverton market hall' }]);
    await digest(room, 'add', { feed: general });
    await digest(room, 'filter', { feed: general, exclude: 'sport' });
    expect((await digest(room, 'now')).content).toBe(`Posted 1 story in <#${room.news}>.`);
    expect(storyTitles(postsUnder(room.news))).toEqual(['Library reopens in the old Riverton market hall']);

    // The sports desk's feed, which has no filter, carries the same story (same page and title).
    const sports = serveStories('/cross/sports.xml', 'Sports Desk', [shared]);
    await digest(room, 'add', { feed: sports });
    const before = postsUnder(room.news).length;
    // A new feed's first run takes its last 24 hours; the story is an hour old.
    expect((await digest(room, 'now')).content).toBe(`Posted 1 story in <#${room.news}>.`);
    expect(storyTitles(postsUnder(room.news).slice(before))).toEqual([shared.title]);
  });

  it('refuses what it cannot use, saying why, and changes nothing', async () => {
    const room = newsroom();
    expect((await digest(room, 'filter', { feed: 'https://nowhere.example/feed', include: 'x' })).content).toMatch(/no feeds yet/);

    const url = serveStories('/refusals/feed.xml', 'Refusal Review', [{ title: 'Refusal story about the Riverton harbour works' }]);
    await digest(room, 'add', { feed: url });

    const backreference = await digest(room, 'filter', { feed: url, include: '/(a)\\1/' });
    expect(backreference.deferFlags).toBe(EPHEMERAL);
    expect(backreference.content).toMatch(/^Backreferences such as `\\1` are not supported\. Filters run on a linear-time regex engine/);
    expect((await digest(room, 'filter', { feed: url, exclude: '/war(?= ends)/' })).content).toMatch(/^Lookaheads and lookbehinds/);
    expect((await digest(room, 'filter', { feed: url, exclude: '/.*/' })).content).toMatch(/matches an empty text/);
    expect((await digest(room, 'filter', { feed: url, include: 'ok', clear: true })).content).toMatch(/`clear` removes both/);
    expect((await digest(room, 'filter', { feed: 'https://nowhere.example/feed', include: 'x' })).content).toMatch(/This channel has no feed https:\/\/nowhere\.example\/feed/);
    expect((await digest(room, 'filter', { feed: url, include: 'x' }, { memberPermissions: 0n })).content).toMatch(/Manage Server/);

    expect(await listed(room)).not.toContain('↳');
  });
});

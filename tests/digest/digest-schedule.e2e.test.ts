import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { messageNonce, runKey } from '../../src/digest/run-key.js';
import { parseSlot } from '../../src/digest/schedule-slot.js';
import { digestCommand, testClock, type TestClock } from '../../test-support/digest-commands.js';
import { startFakeDiscord, type Call, type FakeDiscord, type FakeMessage } from '../../test-support/fake-discord.js';
import { completion, startFakeOpenAi } from '../../test-support/fake-openai.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { startPageServer } from '../../test-support/page-server.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { IDS, startTestBot, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';

/**
 * The digest scheduler end to end: the real bot on the fake Discord, feeds on a loopback server,
 * and an injected clock that the tests move and tick by hand. What is asserted is what Discord
 * saw: which digests were posted, in which channel or thread, how often, and in what shape.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Every scenario's channels live in one guild; each describe has its own world and store. */
const CHANNELS = {
  spring: '300000000000000101',
  autumn: '300000000000000102',
  weekdays: '300000000000000103',
  zones: '300000000000000104',
  restart: '300000000000000105',
  threaded: '300000000000000106',
  flat: '300000000000000107',
  limits: '300000000000000108',
  fail500: '300000000000000109',
  fail403: '300000000000000110',
  failPart3: '300000000000000111',
  failPart1: '300000000000000112',
  fresh: '300000000000000113',
} as const;
/** The LLM limiter would space summaries a second apart; the fake model needs no politeness. */
const ENV = { LLM_RPM: '60000', GUILD_DAILY_TOKENS: '100000000' };

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds?.close();
});

/** The newsroom guild of startTestWorld, with one channel per scenario here. */
async function startScheduleWorld(): Promise<TestWorld> {
  const discord = await startFakeDiscord({
    applicationId: IDS.app,
    guilds: [{
      id: IDS.guild,
      name: 'Newsroom',
      roles: [{ id: IDS.managers, name: 'Managers', permissions: PermissionFlagsBits.ManageGuild }],
      channels: [{ id: IDS.news, name: 'news' }, ...Object.entries(CHANNELS).map(([name, id]) => ({ id, name }))],
    }],
  });
  const openai = await startFakeOpenAi();
  openai.respondWith((body) => completion(scriptedReply(body)));
  const pages = await startPageServer({});
  const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'newsbrief-schedule-')), 'state.sqlite')}`;
  return {
    discord, openai, pages, storeUrl,
    async close() {
      await discord.close();
      await openai.close();
      await pages.close();
    },
  };
}

interface Scenario {
  world: TestWorld;
  bot: TestBot;
  clock: TestClock;
  /** Moves the clock to `instant` and runs one scheduler tick. */
  tickAt(instant: string | Date): Promise<void>;
}

/** One world, one bot and one clock for a describe block, stopped after it. */
function useScenario(start: string, env: Record<string, string> = {}): Scenario {
  const scenario = { clock: testClock(start) } as Scenario;
  scenario.tickAt = async (instant) => {
    scenario.clock.set(instant);
    await scenario.bot.bot.digests.tick();
  };
  beforeAll(async () => {
    scenario.world = await startScheduleWorld();
    scenario.bot = await startTestBot(scenario.world, { ...ENV, ...env }, { now: scenario.clock.now });
  });
  afterAll(async () => {
    await scenario.bot?.stop();
    await scenario.world?.close();
  });
  return scenario;
}

interface Story {
  slug: string;
  title: string;
  date: Date | string;
  /** Article HTML paragraphs; the default is five sentences about the title. */
  body?: string;
}

/** A feed on the shared feed server that grows as a test publishes stories (newest first), each with its article page. */
function growingFeed(path: string, title: string) {
  const stories: Story[] = [];
  let served = false;
  const feed = {
    /** The feed's URL; an empty feed is served there until the first story. */
    url() {
      if (!served) feed.publish();
      return feeds.url(path);
    },
    publish(...added: Story[]) {
      served = true;
      for (const story of added) {
        stories.unshift(story);
        feeds.serveArticle(`${path}/${story.slug}`, story.title, story.body === undefined ? {} : { body: story.body });
      }
      feeds.serveFeed(path, {
        title,
        items: stories.map((story) => ({ title: story.title, link: `${path}/${story.slug}`, guid: `${path}#${story.slug}`, date: new Date(story.date) })),
      });
    },
  };
  return feed;
}

/** Runs a /digest subcommand in `channelId` as a Manager. */
function command(discord: FakeDiscord, channelId: string, subcommand: string, options: Record<string, string> = {}) {
  return digestCommand(discord, subcommand, options, { channelId });
}

/** `/digest add` then `/digest schedule` in `channelId`; resolves with the schedule answer. */
async function subscribe(discord: FakeDiscord, channelId: string, feedUrl: string, slot: Record<string, string>) {
  const added = await command(discord, channelId, 'add', { feed: feedUrl });
  expect(added.content).toContain('Added **');
  const scheduled = await command(discord, channelId, 'schedule', slot);
  expect(scheduled.content).toContain('The digest posts here at');
  return scheduled;
}

/** Every digest part the bot posted for `channelId`: in the channel and in threads started on its messages. */
function partsFor(discord: FakeDiscord, channelId: string): FakeMessage[] {
  const inChannel = new Set(discord.messages.filter((message) => message.channel_id === channelId).map((message) => message.id));
  return discord.messages.filter((message) => message.nonce !== undefined && (message.channel_id === channelId || inChannel.has(message.channel_id)));
}

const embedsOf = (message: FakeMessage) => (message.embeds ?? []) as APIEmbed[];
const isHeader = (embed: APIEmbed | undefined) => embed?.title?.startsWith('Daily digest — ') === true;

/** The digests posted in `channelId`: the first part of each run carries the header embed. */
function digestsIn(discord: FakeDiscord, channelId: string): FakeMessage[] {
  return discord.messages.filter((message) => message.channel_id === channelId && isHeader(embedsOf(message)[0]));
}

/** Story titles across messages, in order (every embed but the header). */
function storyTitles(messages: readonly FakeMessage[]): string[] {
  return messages.flatMap(embedsOf).filter((embed) => !isHeader(embed)).map((embed) => embed.title ?? '');
}

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe('DST: a spring-gap slot (America/New_York 02:30 on 2026-03-08)', () => {
  const scenario = useScenario('2026-03-07T12:00:00Z');
  const channel = CHANNELS.spring;
  const feed = growingFeed('/spring.xml', 'Spring Ledger');

  it('posts once at 03:00 local (07:00Z), not before, and the next day at 02:30 again', async () => {
    const { world } = scenario;
    feed.publish({ slug: 'saturday', title: 'Ferry timetable gets spring update', date: '2026-03-07T11:00:00Z' });
    const scheduled = await subscribe(world.discord, channel, feed.url(), { time: '02:30', timezone: 'America/New_York' });
    // 02:30 does not exist on 8 March: the next run is the first valid minute, 03:00 EDT.
    expect(scheduled.content).toContain(`<t:${unix('2026-03-08T07:00:00Z')}:F>`);
    const listed = await command(world.discord, channel, 'list');
    expect(listed.embeds[0]?.description).toContain('next Sun 8 Mar 03:00 America/New_York');

    await scenario.tickAt('2026-03-07T12:00:30Z');
    feed.publish({ slug: 'sunday', title: 'Night ferry crews finish drills', date: '2026-03-08T05:00:00Z' });
    for (const instant of ['2026-03-08T06:00:00Z', '2026-03-08T06:30:00Z', '2026-03-08T06:59:30Z']) {
      await scenario.tickAt(instant);
      expect(partsFor(world.discord, channel), `nothing posted by ${instant}`).toEqual([]);
    }

    await scenario.tickAt('2026-03-08T07:00:20Z');
    const first = digestsIn(world.discord, channel);
    expect(first).toHaveLength(1);
    expect(embedsOf(first[0]!)[0]?.title).toBe('Daily digest — Sun 8 Mar');
    expect(storyTitles(partsFor(world.discord, channel))).toEqual(['Night ferry crews finish drills', 'Ferry timetable gets spring update']);

    // A fresh story, so a second run that day would have something to post: none comes.
    feed.publish({ slug: 'sunday-late', title: 'Harbour lights switched to LEDs', date: '2026-03-08T07:10:00Z' });
    for (const instant of ['2026-03-08T07:01:00Z', '2026-03-08T07:30:20Z', '2026-03-08T08:00:00Z', '2026-03-08T12:00:00Z', '2026-03-09T06:29:30Z']) {
      await scenario.tickAt(instant);
      expect(digestsIn(world.discord, channel), `still one digest at ${instant}`).toHaveLength(1);
    }

    // 9 March, 02:30 EDT = 06:30Z: the slot's ordinary time again.
    await scenario.tickAt('2026-03-09T06:30:20Z');
    const both = digestsIn(world.discord, channel);
    expect(both).toHaveLength(2);
    expect(embedsOf(both[1]!)[0]?.title).toBe('Daily digest — Mon 9 Mar');
    expect(storyTitles(partsFor(world.discord, channel)).slice(2)).toEqual(['Harbour lights switched to LEDs']);
  });
});

describe('DST: an autumn-overlap slot (America/New_York 01:30 on 2026-11-01)', () => {
  const scenario = useScenario('2026-10-31T12:00:00Z');
  const channel = CHANNELS.autumn;
  const feed = growingFeed('/autumn.xml', 'Autumn Ledger');

  it('posts exactly once though 05:30Z and 06:30Z both read 01:30', async () => {
    const { world } = scenario;
    await subscribe(world.discord, channel, feed.url(), { time: '01:30', timezone: 'America/New_York' });
    await scenario.tickAt('2026-10-31T12:00:30Z');
    feed.publish({ slug: 'first', title: 'Clocks go back tonight', date: '2026-11-01T04:00:00Z' });

    for (const instant of ['2026-11-01T05:00:00Z', '2026-11-01T05:29:30Z']) {
      await scenario.tickAt(instant);
      expect(partsFor(world.discord, channel), `nothing posted by ${instant}`).toEqual([]);
    }
    // 01:30 EDT, the first occurrence.
    await scenario.tickAt('2026-11-01T05:30:20Z');
    expect(digestsIn(world.discord, channel)).toHaveLength(1);
    expect(storyTitles(partsFor(world.discord, channel))).toEqual(['Clocks go back tonight']);
    const listed = await command(world.discord, channel, 'list');
    expect(listed.embeds[0]?.description).toContain('next Mon 2 Nov 01:30 America/New_York');

    // Fresh content, then through the second 01:30 (EST, 06:30Z) and past it.
    feed.publish({ slug: 'second', title: 'An extra hour of sleep', date: '2026-11-01T05:45:00Z' });
    for (const instant of ['2026-11-01T06:00:00Z', '2026-11-01T06:29:30Z', '2026-11-01T06:30:20Z', '2026-11-01T06:31:00Z', '2026-11-01T07:30:00Z', '2026-11-01T12:00:00Z']) {
      await scenario.tickAt(instant);
      expect(digestsIn(world.discord, channel), `still one digest at ${instant}`).toHaveLength(1);
    }

    // 2 November 01:30 EST = 06:30Z: the waiting story goes out then.
    await scenario.tickAt('2026-11-02T06:30:20Z');
    expect(digestsIn(world.discord, channel)).toHaveLength(2);
    expect(storyTitles(partsFor(world.discord, channel))).toEqual(['Clocks go back tonight', 'An extra hour of sleep']);
  });
});

describe('weekdays', () => {
  // 2026-03-13 is a Friday; London is on GMT until 29 March, so 09:00 local is 09:00Z.
  const scenario = useScenario('2026-03-13T10:00:00Z');
  const channel = CHANNELS.weekdays;
  const feed = growingFeed('/weekdays.xml', 'Weekday Wire');

  it('does not post on Saturday or Sunday, posts on Monday', async () => {
    const { world } = scenario;
    await subscribe(world.discord, channel, feed.url(), { time: '09:00', timezone: 'Europe/London', days: 'weekdays' });
    await scenario.tickAt('2026-03-13T10:00:30Z');

    feed.publish({ slug: 'sat', title: 'Weekend market opens early', date: '2026-03-14T08:00:00Z' });
    await scenario.tickAt('2026-03-14T09:00:20Z');
    await scenario.tickAt('2026-03-14T12:00:00Z');
    feed.publish({ slug: 'sun', title: 'Sunday regatta draws crowds', date: '2026-03-15T08:00:00Z' });
    await scenario.tickAt('2026-03-15T09:00:20Z');
    expect(partsFor(world.discord, channel)).toEqual([]);

    feed.publish({ slug: 'mon', title: 'Schools reopen after repairs', date: '2026-03-16T07:00:00Z' });
    await scenario.tickAt('2026-03-16T08:59:30Z');
    expect(partsFor(world.discord, channel)).toEqual([]);
    await scenario.tickAt('2026-03-16T09:00:20Z');
    const posted = digestsIn(world.discord, channel);
    expect(posted).toHaveLength(1);
    expect(embedsOf(posted[0]!)[0]?.title).toBe('Daily digest — Mon 16 Mar');
    expect(storyTitles(partsFor(world.discord, channel))).toContain('Schools reopen after repairs');
  });
});

describe('two slots in two zones in one channel', () => {
  // 14 January 2026: Berlin is UTC+1 (08:00 = 07:00Z), New York UTC−5 (08:00 = 13:00Z).
  const scenario = useScenario('2026-01-14T05:00:00Z');
  const channel = CHANNELS.zones;
  const feed = growingFeed('/zones.xml', 'Two Zone Times');
  const berlin = parseSlot('08:00', 'Europe/Berlin');
  const newYork = parseSlot('08:00', 'America/New_York');

  it('posts each slot at its own instant, once', async () => {
    const { world } = scenario;
    await subscribe(world.discord, channel, feed.url(), { time: '08:00', timezone: 'Europe/Berlin' });
    expect((await command(world.discord, channel, 'schedule', { time: '08:00', timezone: 'America/New_York' })).content).toContain('08:00 America/New_York');
    await scenario.tickAt('2026-01-14T05:00:30Z');
    feed.publish({ slug: 'early', title: 'Morning trains run on time', date: '2026-01-14T05:30:00Z' });

    await scenario.tickAt('2026-01-14T06:59:30Z');
    expect(partsFor(world.discord, channel)).toEqual([]);
    await scenario.tickAt('2026-01-14T07:00:20Z');
    let posted = digestsIn(world.discord, channel);
    expect(posted.map((message) => message.nonce)).toEqual([
      messageNonce(runKey(channel, berlin, new Date('2026-01-14T07:00:00Z')), 0),
    ]);

    feed.publish({ slug: 'midday', title: 'Bridge reopens to cyclists', date: '2026-01-14T10:00:00Z' });
    for (const instant of ['2026-01-14T07:30:00Z', '2026-01-14T12:59:30Z']) {
      await scenario.tickAt(instant);
      expect(digestsIn(world.discord, channel), `one digest at ${instant}`).toHaveLength(1);
    }
    await scenario.tickAt('2026-01-14T13:00:20Z');
    await scenario.tickAt('2026-01-14T13:01:00Z');
    posted = digestsIn(world.discord, channel);
    expect(posted.map((message) => message.nonce)).toEqual([
      messageNonce(runKey(channel, berlin, new Date('2026-01-14T07:00:00Z')), 0),
      messageNonce(runKey(channel, newYork, new Date('2026-01-14T13:00:00Z')), 0),
    ]);
    expect(storyTitles(partsFor(world.discord, channel))).toEqual(['Morning trains run on time', 'Bridge reopens to cyclists']);
  });
});

describe('fresh at the slot', () => {
  // 2 December 2026, a slot at 09:00 UTC; the feeds are added (and read) at 08:31, half an hour before.
  const scenario = useScenario('2026-12-02T08:00:00Z');
  const channel = CHANNELS.fresh;
  const busy = growingFeed('/fresh-busy.xml', 'Busy Bulletin');
  const quiet = growingFeed('/fresh-quiet.xml', 'Quiet Quarterly');
  const requestsFor = (path: string) => feeds.requests.filter((request) => request.path === path);

  it('reads every feed again when the slot comes (conditional GETs), so an item from one minute before is in it', async () => {
    const { world } = scenario;
    busy.publish({ slug: 'early', title: 'Harbour crane arrives by barge', date: '2026-12-02T07:00:00Z' });
    quiet.publish({ slug: 'quiet', title: 'Library hours unchanged this week', date: '2026-12-02T07:30:00Z' });
    scenario.clock.set('2026-12-02T08:31:00Z');
    await subscribe(world.discord, channel, busy.url(), { time: '09:00', timezone: 'UTC' });
    expect((await command(world.discord, channel, 'add', { feed: quiet.url() })).content).toContain('Added **');
    // Read 28 minutes ago: not yet due for the 30-minute poll.
    await scenario.tickAt('2026-12-02T08:59:30Z');
    const read = { busy: requestsFor('/fresh-busy.xml').length, quiet: requestsFor('/fresh-quiet.xml').length };
    expect(partsFor(world.discord, channel)).toEqual([]);

    busy.publish({ slug: 'late', title: 'Ferry cancelled as the storm nears', date: '2026-12-02T08:59:00Z' });
    await scenario.tickAt('2026-12-02T09:00:20Z');

    expect(digestsIn(world.discord, channel)).toHaveLength(1);
    expect(storyTitles(partsFor(world.discord, channel))).toEqual([
      'Ferry cancelled as the storm nears', 'Library hours unchanged this week', 'Harbour crane arrives by barge',
    ]);
    // Each feed once more, with the validators of its last answer: the unchanged one costs a 304.
    const again = { busy: requestsFor('/fresh-busy.xml').slice(read.busy), quiet: requestsFor('/fresh-quiet.xml').slice(read.quiet) };
    expect(again.busy).toHaveLength(1);
    expect(again.quiet).toHaveLength(1);
    expect(again.busy[0]?.headers['if-none-match']).toBeTruthy();
    expect(again.quiet[0]?.headers['if-none-match']).toBeTruthy();
  });
});

describe('catch-up across restarts on the same SQLite file', () => {
  // 10:00 Paris in May is 08:00Z.
  const clock = testClock('2026-05-04T06:00:00Z');
  const channel = CHANNELS.restart;
  const feed = growingFeed('/restart.xml', 'Restart Review');
  let world: TestWorld;
  let bot: TestBot | undefined;
  const restartAt = async (instant: string) => {
    await bot?.stop();
    bot = undefined;
    clock.set(instant);
    bot = await startTestBot(world, ENV, { now: clock.now });
  };
  const tick = async (instant?: string) => {
    if (instant) clock.set(instant);
    await bot!.bot.digests.tick();
  };

  beforeAll(async () => {
    world = await startScheduleWorld();
    bot = await startTestBot(world, ENV, { now: clock.now });
  });
  afterAll(async () => {
    await bot?.stop();
    await world?.close();
  });

  it('posts a slot missed by 2 h once on the next start, and never again after another restart', async () => {
    feed.publish({ slug: 'one', title: 'Tram line extension opens', date: '2026-05-04T05:00:00Z' });
    await subscribe(world.discord, channel, feed.url(), { time: '10:00', timezone: 'Europe/Paris' });
    await tick('2026-05-04T06:00:30Z');

    // Down from before the slot until two hours after it.
    await restartAt('2026-05-04T10:00:00Z');
    expect(partsFor(world.discord, channel)).toEqual([]);
    await tick();
    expect(digestsIn(world.discord, channel)).toHaveLength(1);
    expect(storyTitles(partsFor(world.discord, channel))).toEqual(['Tram line extension opens']);
    await tick('2026-05-04T10:00:30Z');
    expect(digestsIn(world.discord, channel)).toHaveLength(1);

    // Another restart within the catch-up window: the run is recorded done, nothing is posted.
    feed.publish({ slug: 'two', title: 'Museum extends opening hours', date: '2026-05-04T09:30:00Z' });
    await restartAt('2026-05-04T10:05:00Z');
    await tick();
    await tick('2026-05-04T10:05:30Z');
    expect(digestsIn(world.discord, channel)).toHaveLength(1);
    expect(partsFor(world.discord, channel)).toHaveLength(1);
  });

  it('skips a slot missed by 8 h, and /digest list says so', async () => {
    feed.publish({ slug: 'three', title: 'Rail strike called off', date: '2026-05-05T07:00:00Z' });
    const before = partsFor(world.discord, channel).length;
    // Down across 5 May 08:00Z, back at 16:00Z.
    await restartAt('2026-05-05T16:00:00Z');
    await tick();
    await tick('2026-05-05T16:00:30Z');
    expect(partsFor(world.discord, channel)).toHaveLength(before);

    const listed = await command(world.discord, channel, 'list');
    expect(listed.embeds[0]?.description).toMatch(/\*\*Last run\*\*\nTue 5 May 18:00 Europe\/Paris: skipped \(missed by 480 min while the bot was down\)\./);
  });
});

/** Article paragraphs of long sentences (each over the 300-character bullet cut), unique to `tag`. */
function longBody(tag: string, extra = ''): string {
  const filler = 'which the regional council discussed at length with residents, engineers, shop owners and the port authority during a series of public meetings held over the past eighteen months in the town hall';
  return [
    `The ${tag} project in Riverton ${extra} was approved on Tuesday after a long review of the plans, ${filler}, and officials said the first contracts would be signed before the end of the month.`,
    `Supporters of the ${tag} plan argued that the work would protect hundreds of homes and businesses from winter storms, ${filler}, while opponents said the cost was too high for a town of its size.`,
    `"This ${tag} decision means the work can finally begin before the winter storms arrive," said Mayor Ana Ruiz at a press conference, adding that the council would publish every contract online.`,
    `Engineers expect the ${tag} work to take about eighteen months, ${filler}, with the first phase covering the most exposed stretch of the waterfront near the old ferry terminal and the fish market.`,
    `The ${tag} budget includes money for a new study of the river mouth, ${filler}, and a fund for shop owners whose trade suffers while the quay is closed to traffic during construction.`,
  ].map((paragraph) => `<p>${paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join('');
}

/** A 300-character title, with mentions, unlike any other story's title. */
const longTitle = (index: number) =>
  `@everyone <@123456789012345678> Story ${index}: ${Array.from({ length: 60 }, (_, word) => `topic${index}w${word}`).join(' ')}`.slice(0, 300);

/** `count` distinct long stories (ten by default), published from an hour before `slotAt`, a minute apart. */
function longStories(prefix: string, slotAt: string, options: { count?: number; title?: (index: number) => string } = {}): Story[] {
  const { count = 10, title = (index: number) => `${prefix} story ${index} news` } = options;
  const words = ['harbour', 'ferry', 'bridge', 'tram', 'library', 'stadium', 'school', 'clinic', 'market', 'museum', 'airport', 'canal', 'theatre', 'depot', 'pier'];
  return words.slice(0, count).map((word, index) => ({
    slug: `${prefix}-${index}`,
    title: title(index),
    date: new Date(Date.parse(slotAt) - HOUR - index * MINUTE),
    body: longBody(`${prefix} ${word}`, `(${prefix}${word}${index})`),
  }));
}

describe('large digests: threads, Discord limits, and a failure mid-post', () => {
  // 1 June 2026, slots in UTC, one channel per test, each test later in the day than the one before.
  // Room for fifteen stories: most feeds here carry ten, the three-part digest fifteen.
  const scenario = useScenario('2026-06-01T04:00:00Z', { DIGEST_MAX_STORIES: '15' });

  /** Subscribes `channel` to ten long stories and ticks half an hour before its `time` (UTC). */
  async function prepare(channel: string, time: string, feedTitle: string, stories: (slotAt: string) => Story[]) {
    const slotAt = `2026-06-01T${time}:00Z`;
    const path = `/large-${channel}.xml`;
    const feed = growingFeed(path, feedTitle);
    feed.publish(...stories(slotAt));
    await subscribe(scenario.world.discord, channel, feed.url(), { time, timezone: 'UTC' });
    await scenario.tickAt(new Date(Date.parse(slotAt) - 30 * MINUTE));
    expect(partsFor(scenario.world.discord, channel)).toEqual([]);
    return { slotAt, key: runKey(channel, parseSlot(time, 'UTC'), new Date(slotAt)) };
  }

  it('posts the first part in the channel and the rest in a thread on it', async () => {
    const { world } = scenario;
    const channel = CHANNELS.threaded;
    const { slotAt, key } = await prepare(channel, '05:00', 'Threaded Times', (at) => longStories('thread', at));
    await scenario.tickAt(new Date(Date.parse(slotAt) + 20_000));

    const parts = partsFor(world.discord, channel);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = parts;
    expect(first!.channel_id).toBe(channel);
    expect(isHeader(embedsOf(first!)[0])).toBe(true);
    for (const part of rest) expect(part.channel_id).toBe(first!.id);
    expect(world.discord.calls.some((call) => call.method === 'POST' && call.path === `/channels/${channel}/messages/${first!.id}/threads` && call.status === 201)).toBe(true);
    expect(parts.map((part) => part.nonce)).toEqual(parts.map((_, part) => messageNonce(key, part)));
    expect(storyTitles(parts)).toHaveLength(10);
  });

  it('posts every part in the channel, in order, when the channel refuses threads', async () => {
    const { world } = scenario;
    const channel = CHANNELS.flat;
    world.discord.failThreadCreation(channel);
    const { slotAt, key } = await prepare(channel, '06:00', 'Flat Times', (at) => longStories('flat', at));
    await scenario.tickAt(new Date(Date.parse(slotAt) + 20_000));

    const parts = partsFor(world.discord, channel);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(part.channel_id).toBe(channel);
    expect(parts.map((part) => part.nonce)).toEqual(parts.map((_, part) => messageNonce(key, part)));
    expect(isHeader(embedsOf(parts[0]!)[0])).toBe(true);
    expect(storyTitles(parts)).toEqual(longStories('flat', slotAt).map((story) => story.title));
    // The refusal was real: the bot asked for a thread and was told no.
    expect(world.discord.calls.some((call) => call.method === 'POST' && call.path.startsWith(`/channels/${channel}/messages/`) && call.path.endsWith('/threads') && call.status === 403)).toBe(true);
  });

  it('keeps every message within Discord’s limits on the wire, pings off', async () => {
    const { world } = scenario;
    const channel = CHANNELS.limits;
    const callsBefore = world.discord.calls.length;
    const { slotAt } = await prepare(channel, '07:00', 'Herald @everyone <@123456789012345678>', (at) => longStories('limits', at, { title: longTitle }));
    await scenario.tickAt(new Date(Date.parse(slotAt) + 20_000));

    const threadIds = new Set(partsFor(world.discord, channel).map((message) => message.id));
    const posts = world.discord.calls.slice(callsBefore).filter((call) => {
      const target = /^\/channels\/(\d+)\/messages$/.exec(call.path)?.[1];
      return call.method === 'POST' && target !== undefined && (target === channel || threadIds.has(target));
    });
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.every((call) => call.status === 200)).toBe(true);

    const nonces: unknown[] = [];
    let stories = 0;
    for (const call of posts) {
      const body = call.body as { embeds?: APIEmbed[]; nonce?: unknown; enforce_nonce?: unknown; allowed_mentions?: unknown };
      const embeds = body.embeds ?? [];
      expect(embeds.length).toBeGreaterThan(0);
      expect(embeds.length).toBeLessThanOrEqual(10);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.enforce_nonce).toBe(true);
      expect(typeof body.nonce).toBe('string');
      expect((body.nonce as string).length).toBeLessThanOrEqual(25);
      nonces.push(body.nonce);

      let total = 0;
      for (const embed of embeds) {
        const texts = [embed.title, embed.description, embed.footer?.text, embed.author?.name, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])]
          .filter((text): text is string => typeof text === 'string');
        total += texts.reduce((sum, text) => sum + text.length, 0);
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
        for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
        expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
        for (const text of texts) {
          expect(text).not.toMatch(/@everyone|@here/);
          expect(text).not.toMatch(/<@[!&]?\d+>/);
        }
        if (!isHeader(embed)) stories += 1;
      }
      expect(total).toBeLessThanOrEqual(6000);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(stories).toBe(10);
    // The hostile text did reach the wire, neutralised: the feed title is every story's source.
    const footers = posts.flatMap((call) => ((call.body as { embeds?: APIEmbed[] }).embeds ?? []).map((embed) => embed.footer?.text ?? ''));
    expect(footers.filter((text) => text.includes('Herald @\u200Beveryone <@\u200B123456789012345678>'))).toHaveLength(10);
  });

  it.each([
    // discord.js tries a 5xx four times (retries: 3), a 403 once.
    { failing: 2, status: 500, times: 4, count: 10, channel: CHANNELS.fail500, time: '08:00' },
    { failing: 2, status: 403, times: 1, count: 10, channel: CHANNELS.fail403, time: '09:00' },
    // Fifteen long-titled stories make three parts, so the failure falls on the second post into the thread.
    { failing: 3, status: 500, times: 4, count: 15, channel: CHANNELS.failPart3, time: '10:00' },
    // And the first part, in the channel, before any thread exists.
    { failing: 1, status: 500, times: 4, count: 10, channel: CHANNELS.failPart1, time: '11:00' },
  ])('finishes a run whose part $failing failed ($status) on the next tick, posting each part once', async ({ failing, status, times, count, channel, time }) => {
    const { world } = scenario;
    const { slotAt, key } = await prepare(channel, time, `Failing Times ${status}`, (at) => longStories(`fail${failing}x${status}`, at, { count, title: longTitle }));
    const callsBefore = world.discord.calls.length;
    const deduplicatedBefore = world.discord.deduplicatedPosts;
    /** A post into the thread started on this channel's digest. */
    const threadPost = (call: Call) => {
      const target = /^\/channels\/(\d+)\/messages$/.exec(call.path)?.[1];
      return call.method === 'POST' && target !== undefined && world.discord.message(target)?.channel_id === channel;
    };
    const channelPost = (call: Call) => call.method === 'POST' && call.path === `/channels/${channel}/messages`;
    // Part 1 goes to the channel; later parts to any channel but this one (the thread), armed
    // before the first thread post or right after it.
    const fail = () => world.discord.failNext(
      { method: 'POST', path: failing === 1 ? `/channels/${channel}/messages` : new RegExp(`^/channels/(?!${channel}/)\\d+/messages$`) },
      { status },
      times,
    );
    let armed = false;
    const arm = () => {
      fail();
      armed = true;
    };
    if (failing <= 2) arm();
    else void world.discord.waitForCall((call) => threadPost(call) && call.status === 200, 15_000).then(arm, () => undefined);

    await scenario.tickAt(new Date(Date.parse(slotAt) + 20_000));
    expect(armed, 'the failure was armed before the failing part').toBe(true);
    const failedPosts = world.discord.calls.slice(callsBefore).filter((call) => (failing === 1 ? channelPost(call) : threadPost(call)) && call.status === status);
    expect(failedPosts).toHaveLength(times);
    const afterFailure = partsFor(world.discord, channel);
    expect(afterFailure.map((part) => part.nonce)).toEqual(Array.from({ length: failing - 1 }, (_, part) => messageNonce(key, part)));
    expect((await command(world.discord, channel, 'list')).embeds[0]?.description).toContain(': failed');

    await scenario.tickAt(new Date(Date.parse(slotAt) + 50_000));
    await scenario.tickAt(new Date(Date.parse(slotAt) + 80_000));
    const parts = partsFor(world.discord, channel);
    expect(parts.length).toBeGreaterThanOrEqual(Math.max(failing, 2));
    expect(parts.map((part) => part.nonce)).toEqual(parts.map((_, part) => messageNonce(key, part)));
    for (const part of parts.slice(1)) expect(part.channel_id).toBe(parts[0]!.id);
    expect(storyTitles(parts)).toHaveLength(count);
    expect(new Set(storyTitles(parts)).size).toBe(count);

    // Each part was accepted exactly once: no re-send, not even one Discord's nonce check would drop.
    const accepted = new Map<string, number>();
    for (const call of world.discord.calls.slice(callsBefore)) {
      const nonce = (call.body as { nonce?: string } | undefined)?.nonce;
      if (call.method === 'POST' && call.status === 200 && nonce) accepted.set(nonce, (accepted.get(nonce) ?? 0) + 1);
    }
    expect([...accepted.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(world.discord.deduplicatedPosts).toBe(deduplicatedBefore);
    expect((await command(world.discord, channel, 'list')).embeds[0]?.description).toContain(`posted ${count} stories`);
  });
});

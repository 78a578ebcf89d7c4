import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { digestAutocomplete, digestCommand, testClock, type DigestAnswer } from '../../test-support/digest-commands.js';
import { DEFAULT_PERMISSIONS, type FakeMessage } from '../../test-support/fake-discord.js';
import { startFeedServer, type FeedServer, type FixtureItem } from '../../test-support/feed-server.js';
import { startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * /digest end to end: the real bot on the fake Discord, feeds from a loopback server, a fake clock.
 * - add: RSS, Atom and JSON Feed; a site page that advertises its feed; pages without one, 404s,
 *   duplicates, the per-guild limit, the `channel` option, and refusals (the bot's permissions in
 *   the channel, a member without Manage Server);
 * - remove: autocomplete over the channel's feeds (long URLs go by a hash), removing, unknown feeds;
 * - schedule / unschedule: parsing, zone autocomplete, several slots, the list's next runs;
 * - list: feed health after failures, the last run;
 * - preview (private, marks nothing seen) and now (answers privately, posts the digest, marks
 *   seen), then a scheduled run that posts only what is newer, and an empty scheduled run that
 *   posts nothing.
 *
 * Every test gets its own guild ("newsroom"), so feeds, slots and the per-guild limit never leak.
 * The bot runs with DIGEST_MAX_FEEDS_PER_GUILD=2 and FEED_FAILURES_BEFORE_NOTICE=2.
 */

const EPHEMERAL = 64;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;

let world: TestWorld;
let feeds: FeedServer;
let bot: TestBot;
/** Tuesday 24 November 2026, 06:00 in Berlin. Tests only ever move it forward. */
const clock = testClock('2026-11-24T05:00:00Z');

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  feeds = await startFeedServer();
  bot = await startTestBot(
    world,
    { DIGEST_MAX_FEEDS_PER_GUILD: '2', FEED_FAILURES_BEFORE_NOTICE: '2', DIGEST_MAX_STORIES: '5' },
    { now: clock.now },
  );
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
// Small helpers

/** A guild of its own for one test: #news and #other; commands come from a Manage Server member in #news. */
interface Newsroom {
  guildId: string;
  news: string;
  other: string;
}

let newsrooms = 0;
/** `denyBotInOther`: permissions a channel overwrite takes from the bot in #other. */
function newsroom(options: { denyBotInOther?: bigint } = {}): Newsroom {
  newsrooms += 1;
  const n = String(newsrooms).padStart(3, '0');
  const room = { guildId: `250000000000000${n}`, news: `35000000000000${n}1`, other: `35000000000000${n}2` };
  const overwrites = options.denyBotInOther ? [{ id: world.discord.botUserId, type: 'member' as const, deny: options.denyBotInOther }] : [];
  world.discord.guildCreate({
    id: room.guildId,
    name: `Newsroom ${n}`,
    channels: [
      { id: room.news, name: 'news' },
      { id: room.other, name: 'other', permissionOverwrites: overwrites },
    ],
  });
  return room;
}

/** /digest <subcommand> in `room` (#news unless `who.channelId`), by a manager unless `who` says otherwise. */
function digest(
  room: Newsroom,
  subcommand: string,
  options: Record<string, string> = {},
  who: { channelId?: string; memberPermissions?: bigint; appPermissions?: bigint } = {},
): Promise<DigestAnswer> {
  return digestCommand(world.discord, subcommand, options, { guildId: room.guildId, channelId: room.news, memberRoles: [], memberPermissions: MANAGE_GUILD, ...who });
}

/** The /digest list embed's text for a channel of `room`. */
async function listed(room: Newsroom, channelId = room.news): Promise<string> {
  const answer = await digest(room, 'list', {}, { channelId });
  expect(answer.deferFlags).toBe(EPHEMERAL);
  return answer.embeds[0]?.description ?? '';
}

/** Serves a feed of stories at `path` (RSS unless told), with an article page for each, and returns its URL. */
function serveStories(path: string, title: string, items: Array<{ title: string; date: Date }>, format: 'rss' | 'atom' | 'json' = 'rss'): string {
  const fixtureItems: FixtureItem[] = items.map((item) => {
    const link = `${path.replace(/\.\w+$/, '')}/${slug(item.title)}`;
    feeds.serveArticle(link, item.title);
    return { title: item.title, link, guid: link, date: item.date };
  });
  feeds.serveFeed(path, { title, items: fixtureItems }, format);
  return feeds.url(path);
}

/** `count` stories called "<topic> story N", dated one hour apart before the clock's now. */
function storiesAbout(topic: string, count: number, from = 1): Array<{ title: string; date: Date }> {
  const now = clock.now().getTime();
  return Array.from({ length: count }, (_, index) => ({
    title: `${topic} story ${from + index} about the harbour works in Riverton`,
    date: new Date(now - (index + 1) * HOUR),
  }));
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const unix = (instant: string) => Math.floor(Date.parse(instant) / 1000);

/** What the bot posted under a channel: in it, and in threads started on its messages (a thread shares its message's id). */
function postsUnder(channelId: string): FakeMessage[] {
  const threads = new Set(world.discord.messages.filter((message) => message.channel_id === channelId).map((message) => message.id));
  return world.discord.messages.filter((message) => message.channel_id === channelId || threads.has(message.channel_id));
}

/** The POST /channels/{id}/messages calls for a channel and its threads. */
function postCallsUnder(channelId: string) {
  const targets = new Set([channelId, ...postsUnder(channelId).map((message) => message.id)]);
  return world.discord.calls.filter((call) => {
    const match = /^\/channels\/(\d+)\/messages$/.exec(call.path);
    return call.method === 'POST' && match !== null && targets.has(match[1] ?? '');
  });
}

/** The story titles of digest messages or embeds, without the digest's header. */
function storyTitles(source: ReadonlyArray<FakeMessage> | ReadonlyArray<APIEmbed>): string[] {
  const embeds = source.flatMap((entry) => ('channel_id' in entry ? ((entry as FakeMessage).embeds as APIEmbed[]) : [entry as APIEmbed]));
  return embeds.map((embed) => embed.title ?? '').filter((title) => !/^(Preview: )?Daily digest — /.test(title));
}

// ---------------------------------------------------------------------------------------------

describe('/digest add', () => {
  it.each([
    ['rss', 'Riverton Herald'],
    ['atom', 'Quayside Atom Weekly'],
    ['json', 'Harbour JSON Bulletin'],
  ] as const)('reads a %s feed and answers with its title and item count', async (format, title) => {
    const room = newsroom();
    const url = serveStories(`/add/${format}/feed`, title, storiesAbout(format, 3), format);

    const added = await digest(room, 'add', { feed: url });
    expect(added.deferFlags).toBe(EPHEMERAL);
    expect(added.content).toContain(`Added **${title}** <${url}>`);
    expect(added.content).toContain('3 items');
    expect(added.content).not.toContain('found on');

    expect(await listed(room)).toContain(`**${title}** <${url}>`);
  });

  it("finds the feed a site's page advertises, and subscribes to that feed", async () => {
    const room = newsroom();
    const feedUrl = serveStories('/site/feeds/main.rss', 'Riverton Site News', storiesAbout('site', 4));
    feeds.serve(
      '/site/',
      '<!doctype html><html><head><title>Riverton Site</title>' +
        '<link rel="alternate" hreflang="de" href="/site/de/">' +
        '<link rel="alternate" type="application/rss+xml" title="News" href="feeds/main.rss">' +
        '</head><body><p>Welcome to Riverton.</p></body></html>',
    );

    const added = await digest(room, 'add', { feed: feeds.url('/site/') });
    expect(added.content).toContain(`(found on ${feeds.url('/site/')})`);
    expect(added.content).toContain(`**Riverton Site News** <${feedUrl}>`);
    expect(added.content).toContain('4 items');

    const list = await listed(room);
    expect(list).toContain(`<${feedUrl}>`);
    expect(list).not.toContain(`<${feeds.url('/site/')}>`);
  });

  it('refuses a page that advertises no feed, and adds nothing', async () => {
    const room = newsroom();
    feeds.serve('/plain-page', '<!doctype html><html><head><title>About us</title></head><body><p>We are a harbour town.</p></body></html>');

    const answer = await digest(room, 'add', { feed: feeds.url('/plain-page') });
    expect(answer.content).toMatch(/web page that advertises no RSS, Atom or JSON feed/);
    expect(answer.content).not.toMatch(/^Added/);
    expect(await listed(room)).toContain('**Feeds** (0)');
  });

  it('refuses a URL that answers 404, saying so, and adds nothing', async () => {
    const room = newsroom();
    const answer = await digest(room, 'add', { feed: feeds.url('/no-such-feed.xml') });
    expect(answer.content).toMatch(/404/);
    expect(answer.content).not.toMatch(/^Added/);
    expect(await listed(room)).toContain('**Feeds** (0)');
  });

  it('refuses the same feed twice in a channel', async () => {
    const room = newsroom();
    const url = serveStories('/add/twice.xml', 'Twice Told Tales', storiesAbout('twice', 2));
    expect((await digest(room, 'add', { feed: url })).content).toMatch(/^Added/);

    const again = await digest(room, 'add', { feed: url });
    expect(again.content).toMatch(/already has Twice Told Tales/);
    expect(await listed(room)).toContain('**Feeds** (1)');
  });

  it('refuses a feed past DIGEST_MAX_FEEDS_PER_GUILD, naming the limit', async () => {
    const room = newsroom();
    const [first, second, third] = ['one', 'two', 'three'].map((name) => serveStories(`/limit/${name}.xml`, `Limit ${name}`, storiesAbout(name, 1)));
    expect((await digest(room, 'add', { feed: first ?? '' })).content).toMatch(/^Added/);
    // The limit is the guild's: the second feed goes to another channel and still counts.
    expect((await digest(room, 'add', { feed: second ?? '' }, { channelId: room.other })).content).toMatch(/^Added/);

    const refused = await digest(room, 'add', { feed: third ?? '' });
    expect(refused.content).toMatch(/already has 2 feeds, its limit/);
    expect(await listed(room)).toContain('**Feeds** (1)');
  });

  // The next two need the fake Discord to send `resolved.channels` for a channel option, as Discord
  // does; without it discord.js's getChannel() returns null and the command falls back to #news.
  it('adds to the channel given in the `channel` option', async () => {
    const room = newsroom();
    const url = serveStories('/add/elsewhere.xml', 'Elsewhere Echo', storiesAbout('elsewhere', 2));

    const added = await digest(room, 'add', { feed: url, channel: room.other });
    expect(added.content).toContain(`to <#${room.other}>`);
    expect(await listed(room, room.other)).toContain('**Elsewhere Echo**');
    expect(await listed(room, room.news)).toContain('**Feeds** (0)');
  });

  it('refuses a `channel` where the bot cannot embed, naming the permission and the channel', async () => {
    const room = newsroom({ denyBotInOther: PermissionFlagsBits.EmbedLinks });
    const url = serveStories('/add/no-embeds-there.xml', 'Plain Text Press', storiesAbout('plain', 1));

    const refused = await digest(room, 'add', { feed: url, channel: room.other });
    expect(refused.content).toContain(`needs Embed Links in <#${room.other}>`);
    expect(await listed(room, room.other)).toContain('**Feeds** (0)');
    expect(await listed(room, room.news)).toContain('**Feeds** (0)');
  });

  it.each([
    ['Embed Links', PermissionFlagsBits.EmbedLinks],
    ['Send Messages', PermissionFlagsBits.SendMessages],
  ])('refuses, naming %s, when the bot lacks it in the channel, and adds nothing', async (name, flag) => {
    const room = newsroom();
    const url = serveStories(`/add/no-${slug(name)}.xml`, 'Muted Monitor', storiesAbout('muted', 1));

    const refused = await digest(room, 'add', { feed: url }, { appPermissions: DEFAULT_PERMISSIONS & ~flag });
    expect(refused.content).toContain(name);
    expect(refused.content).toContain(`needs ${name} in <#${room.news}>`);
    expect(await listed(room)).toContain('**Feeds** (0)');
  });

  it('refuses a member without Manage Server, before fetching anything', async () => {
    const room = newsroom();
    const url = serveStories('/add/not-allowed.xml', 'Gatekept Gazette', storiesAbout('gate', 1));

    const refused = await digest(room, 'add', { feed: url }, { memberPermissions: DEFAULT_PERMISSIONS });
    expect(refused.content).toMatch(/need the Manage Server permission/);
    expect(feeds.requests.filter((request) => request.path === '/add/not-allowed.xml')).toEqual([]);
    expect(await listed(room)).toContain('**Feeds** (0)');
  });
});

describe('/digest remove', () => {
  it("autocompletes over the channel's feeds (a long URL by its hash) and removes the one chosen", async () => {
    const room = newsroom();
    const shortUrl = serveStories('/remove/short.xml', 'Short Street Post', storiesAbout('short', 1));
    const longPath = `/remove/${'a-very-long-section-name-for-feeds/'.repeat(4)}feed.xml`;
    const longUrl = serveStories(longPath, 'Long Road Ledger', storiesAbout('long', 1));
    expect(longUrl.length).toBeGreaterThan(100);
    for (const url of [shortUrl, longUrl]) expect((await digest(room, 'add', { feed: url })).content).toMatch(/^Added/);

    const choices = await digestAutocomplete(world.discord, 'remove', 'feed', '', { guildId: room.guildId, channelId: room.news });
    expect(choices).toHaveLength(2);
    const short = choices.find((choice) => choice.name.includes('Short Street Post'));
    const long = choices.find((choice) => choice.name.includes('Long Road Ledger'));
    expect(short?.value).toBe(shortUrl);
    expect(long?.value).toMatch(/^feed:[0-9a-f]+$/);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    // What is typed narrows the choices; another channel offers none of these.
    expect(await digestAutocomplete(world.discord, 'remove', 'feed', 'long road', { guildId: room.guildId, channelId: room.news })).toEqual([long]);
    expect(await digestAutocomplete(world.discord, 'remove', 'feed', '', { guildId: room.guildId, channelId: room.other })).toEqual([]);

    const removed = await digest(room, 'remove', { feed: long?.value ?? '' });
    expect(removed.deferFlags).toBe(EPHEMERAL);
    expect(removed.content).toBe(`Removed **Long Road Ledger** <${longUrl}>.`);
    const list = await listed(room);
    expect(list).toContain('**Feeds** (1)');
    expect(list).toContain('Short Street Post');
    expect(list).not.toContain('Long Road Ledger');

    expect((await digest(room, 'remove', { feed: short?.value ?? '' })).content).toBe(`Removed **Short Street Post** <${shortUrl}>.`);
    expect(await listed(room)).toContain('**Feeds** (0)');
  });

  it('says so when the feed is not one of the channel\'s', async () => {
    const room = newsroom();
    const url = serveStories('/remove/kept.xml', 'Kept Chronicle', storiesAbout('kept', 1));
    await digest(room, 'add', { feed: url });

    const answer = await digest(room, 'remove', { feed: feeds.url('/remove/never-added.xml') });
    expect(answer.content).toMatch(/This channel has no feed .*never-added\.xml/);
    expect(await listed(room)).toContain('**Kept Chronicle**');
  });
});

describe('/digest schedule and unschedule', () => {
  // 05:00 UTC on Tuesday 24 November: 06:00 in Berlin, midnight in New York.
  const where = (room: Newsroom) => ({ guildId: room.guildId, channelId: room.news });

  it('schedules "7:30" in "europe/berlin" as 07:30 Europe/Berlin, and refuses bad times and zones', async () => {
    const room = newsroom();
    const scheduled = await digest(room, 'schedule', { time: '7:30', timezone: 'europe/berlin' });
    expect(scheduled.deferFlags).toBe(EPHEMERAL);
    expect(scheduled.content).toContain('**07:30 Europe/Berlin** (daily)');
    expect(scheduled.content).toContain(`<t:${unix('2026-11-24T06:30:00Z')}:F>`);

    expect((await digest(room, 'schedule', { time: '07:30', timezone: 'Europe/Berlin' })).content).toMatch(/already scheduled/);
    expect((await digest(room, 'schedule', { time: '25:00', timezone: 'Europe/Berlin' })).content).toMatch(/"25:00" is not a time/);
    expect((await digest(room, 'schedule', { time: '08:00', timezone: 'Mars/Olympus' })).content).toMatch(/"Mars\/Olympus" is not a time zone/);

    const list = await listed(room);
    expect(list).toContain('**07:30** Europe/Berlin, daily — next Tue 24 Nov 07:30 Europe/Berlin');
    expect(list.match(/^• \*\*\d\d:\d\d\*\*/gm)).toHaveLength(1);
  });

  it('autocompletes time zones: "new york" finds America/New_York, never more than 25', async () => {
    const room = newsroom();
    const newYork = await digestAutocomplete(world.discord, 'schedule', 'timezone', 'new york', where(room));
    expect(newYork[0]).toEqual({ name: 'America/New_York', value: 'America/New_York' });

    const america = await digestAutocomplete(world.discord, 'schedule', 'timezone', 'america', where(room));
    expect(america).toHaveLength(25);
    for (const choice of america) expect(choice.value).toMatch(/america/i);
  });

  it('adds a second slot, lists both with their next run in their own zone, and unschedules one by its autocompleted time', async () => {
    const room = newsroom();
    await digest(room, 'schedule', { time: '07:30', timezone: 'Europe/Berlin' });
    const second = await digest(room, 'schedule', { time: '18:00', timezone: 'America/New_York', days: 'weekdays' });
    expect(second.content).toContain('**18:00 America/New_York** (weekdays)');

    const both = await listed(room);
    expect(both).toContain('**07:30** Europe/Berlin, daily — next Tue 24 Nov 07:30 Europe/Berlin');
    expect(both).toContain('**18:00** America/New_York, weekdays — next Tue 24 Nov 18:00 America/New_York');

    const times = await digestAutocomplete(world.discord, 'unschedule', 'time', '07', where(room));
    expect(times).toEqual([{ name: '07:30 Europe/Berlin (daily)', value: '07:30' }]);
    expect(await digestAutocomplete(world.discord, 'unschedule', 'time', '', where(room))).toHaveLength(2);

    const removed = await digest(room, 'unschedule', { time: times[0]?.value ?? '' });
    expect(removed.content).toBe('Removed **07:30 Europe/Berlin**.');
    const after = await listed(room);
    expect(after).not.toContain('07:30');
    expect(after).toContain('**18:00** America/New_York');
  });

  it('says so when nothing is scheduled at the time given', async () => {
    const room = newsroom();
    await digest(room, 'schedule', { time: '06:45', timezone: 'UTC' });
    const answer = await digest(room, 'unschedule', { time: '09:15' });
    expect(answer.content).toMatch(/Nothing is scheduled at 09:15 here/);
    expect(await listed(room)).toContain('**06:45** UTC');
  });
});

describe('/digest list', () => {
  it("shows each feed's health: a feed failing past FEED_FAILURES_BEFORE_NOTICE is marked, with one notice", async () => {
    clock.set('2026-11-24T05:10:00Z');
    const room = newsroom();
    const good = serveStories('/health/good.xml', 'Harbour Gazette', storiesAbout('good', 2));
    const bad = serveStories('/health/bad.xml', 'Quay Courier', storiesAbout('bad', 2));
    for (const url of [good, bad]) expect((await digest(room, 'add', { feed: url })).content).toMatch(/^Added/);
    feeds.serve('/health/bad.xml', (_request, response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('down'));
    const notices = () => postsUnder(room.news).filter((message) => message.content.includes('Quay Courier'));

    // Past the 30-minute poll interval: the first failure, not yet worth a notice.
    clock.set('2026-11-24T05:41:00Z');
    await bot.bot.digests.tick();
    expect(notices()).toEqual([]);
    // The failure backs off 30 minutes; the second failure reaches the threshold of 2.
    clock.set('2026-11-24T06:12:00Z');
    await bot.bot.digests.tick();
    expect(notices()).toHaveLength(1);
    expect(notices()[0]?.content).toMatch(/has failed since .*500/);

    const list = await listed(room);
    expect(list).toContain(`⚠️ failing since <t:${unix('2026-11-24T05:41:00Z')}:R> (2×: `);
    expect(list).toMatch(/failing since .*500.*\*\*Quay Courier\*\*/);
    expect(list).toContain(`✅ **Harbour Gazette** <${good}>`);
  });

  it('shows the last run once there has been one', async () => {
    clock.set('2026-11-24T06:20:00Z');
    const room = newsroom();
    const url = serveStories('/last-run/feed.xml', 'Ledger of Runs', storiesAbout('ledger', 2));
    await digest(room, 'add', { feed: url });
    expect(await listed(room)).toContain('**Last run**\n_None yet._');

    expect((await digest(room, 'now')).content).toBe(`Posted 2 stories in <#${room.news}>.`);
    // No slot yet, so the list reads times in UTC.
    expect(await listed(room)).toContain('**Last run**\nTue 24 Nov 06:20 UTC: posted 2 stories.');
  });
});

describe('/digest preview and now', () => {
  it('preview is private and marks nothing seen; now answers privately and posts those stories; again posts nothing; the next slot posts only newer ones', async () => {
    clock.set('2026-11-24T06:40:00Z');
    const room = newsroom();
    const first = storiesAbout('tide', 3);
    const url = serveStories('/now/feed.xml', 'Tide Times', first);
    await digest(room, 'add', { feed: url });
    const firstTitles = first.map((story) => story.title);

    const preview = await digest(room, 'preview');
    expect(preview.deferFlags).toBe(EPHEMERAL);
    expect(preview.embeds[0]?.title).toBe('Preview: Daily digest — Tue 24 Nov');
    expect(storyTitles(preview.embeds).toSorted()).toEqual(firstTitles.toSorted());
    expect(postsUnder(room.news)).toEqual([]);

    const now = await digest(room, 'now');
    // The answer is the caller's alone; the digest in the channel is the one public post.
    expect(now.deferFlags).toBe(EPHEMERAL);
    expect(now.content).toBe(`Posted 3 stories in <#${room.news}>.`);
    const posted = postsUnder(room.news);
    expect(posted.length).toBeGreaterThan(0);
    expect((posted[0]?.embeds[0] as APIEmbed | undefined)?.title).toBe('Daily digest — Tue 24 Nov');
    expect(storyTitles(posted).toSorted()).toEqual(firstTitles.toSorted());
    const calls = postCallsUnder(room.news);
    expect(calls).toHaveLength(posted.length);
    for (const call of calls) {
      const body = call.body as { nonce?: unknown; enforce_nonce?: unknown; allowed_mentions?: unknown };
      expect(typeof body.nonce).toBe('string');
      expect(String(body.nonce).length).toBeLessThanOrEqual(25);
      expect(body.enforce_nonce).toBe(true);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }

    const again = await digest(room, 'now');
    expect(again.content).toMatch(/^Nothing new since the last digest/);
    expect(postsUnder(room.news)).toHaveLength(posted.length);

    // Two new stories arrive; the 08:00 UTC slot posts them and nothing else.
    const fresh = [
      { title: 'Tide story 4 about the new ferry timetable for Riverton', date: new Date('2026-11-24T07:15:00Z') },
      { title: 'Tide story 5 about the lighthouse repairs in Riverton harbour', date: new Date('2026-11-24T07:05:00Z') },
    ];
    serveStories('/now/feed.xml', 'Tide Times', [...fresh, ...first]);
    await digest(room, 'schedule', { time: '08:00', timezone: 'UTC' });

    clock.set('2026-11-24T07:59:30Z');
    await bot.bot.digests.tick();
    expect(postsUnder(room.news)).toHaveLength(posted.length);

    clock.set('2026-11-24T08:00:20Z');
    await bot.bot.digests.tick();
    const slotPosts = postsUnder(room.news).slice(posted.length);
    expect(slotPosts.length).toBeGreaterThan(0);
    expect(storyTitles(slotPosts).toSorted()).toEqual(fresh.map((story) => story.title).toSorted());
  });

  it('now in a channel without feeds tells only the caller why, in its private answer', async () => {
    const room = newsroom();
    const answer = await digest(room, 'now');
    expect(answer.content).toMatch(/no feeds yet/);
    expect(answer.deferFlags).toBe(EPHEMERAL);
    expect(answer.call.method).toBe('PATCH');
    expect(postsUnder(room.news)).toEqual([]);
  });

  it('a scheduled digest with nothing new posts nothing, and the list says so', async () => {
    clock.set('2026-11-24T08:10:00Z');
    const room = newsroom();
    const url = serveStories('/empty/feed.xml', 'Quiet Quarterly', storiesAbout('quiet', 2));
    await digest(room, 'add', { feed: url });
    expect((await digest(room, 'now')).content).toBe(`Posted 2 stories in <#${room.news}>.`);
    await digest(room, 'schedule', { time: '09:00', timezone: 'UTC' });
    const before = postsUnder(room.news).length;

    clock.set('2026-11-24T09:00:20Z');
    await bot.bot.digests.tick();
    expect(postsUnder(room.news)).toHaveLength(before);
    expect(await listed(room)).toContain('**Last run**\nTue 24 Nov 09:00 UTC: nothing new, nothing posted.');
  });
});

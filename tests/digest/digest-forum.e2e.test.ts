import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { digestCommand, testClock, type DigestAnswer } from '../../test-support/digest-commands.js';
import { DEFAULT_PERMISSIONS, type Call, type FakeGuildSpec, type FakeMessage } from '../../test-support/fake-discord.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { EXAMPLE_TEXT, IDS, startTestBot, startTestWorld, testBotEnv, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';
import { runDigestWorker } from '../../test-support/run-digest-worker.js';

/**
 * Digests and link replies in forum channels, end to end: the real bot on the fake Discord.
 * - `/digest add channel:<forum>` and a scheduled run: one new post per digest, named with its date,
 *   carrying the forum's first tag the bot may apply, the header alone as its starter message and
 *   the stories as messages in the post; `/digest` commands typed inside a post act on the forum;
 * - refusals at `add`: a forum that requires a tag and has none, a forum where the bot cannot write
 *   in posts, media, voice and stage channels, each saying which channels work;
 * - `/autosummary on` inside a forum post is the forum's setting: links in its other posts get replies;
 * - a bot process SIGKILLed mid-run and restarted: still one post, every part once.
 */

const EPHEMERAL = 64;
const HOUR = 60 * 60 * 1000;
const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
/** ChannelFlags.RequireTag. */
const REQUIRE_TAG = 1 << 4;

const GUILD = '260000000000000001';
const CH = {
  desk: '360000000000000001',
  forum: '360000000000000002',
  tagless: '360000000000000003',
  media: '360000000000000004',
  voice: '360000000000000005',
  stage: '360000000000000006',
  mute: '360000000000000007',
  open: '360000000000000008',
} as const;
const TAG = { staff: '460000000000000001', daily: '460000000000000002', other: '460000000000000003' } as const;
const READERS = '560000000000000001';

/** #desk where commands are typed, and a forum of each kind. */
function forumGuild(botUserId: string): FakeGuildSpec {
  return {
    id: GUILD,
    name: 'Forum newsroom',
    roles: [{ id: READERS, name: 'Readers', permissions: 0n }],
    // Mention Everyone lets the bot ping the Readers role in a digest's header (/digest ping).
    botPermissions: DEFAULT_PERMISSIONS | PermissionFlagsBits.MentionEveryone,
    channels: [
      { id: CH.desk, name: 'desk' },
      // The first tag is for moderators only (the bot lacks Manage Threads), so the first it may apply is "Daily".
      {
        id: CH.forum, name: 'briefings', type: 15, flags: REQUIRE_TAG,
        availableTags: [{ id: TAG.staff, name: 'Staff picks', moderated: true }, { id: TAG.daily, name: 'Daily' }, { id: TAG.other, name: 'Other' }],
      },
      { id: CH.tagless, name: 'tagless', type: 15, flags: REQUIRE_TAG },
      { id: CH.media, name: 'gallery', type: 16 },
      { id: CH.voice, name: 'studio', type: 2 },
      { id: CH.stage, name: 'town-hall', type: 13 },
      { id: CH.mute, name: 'no-replies', type: 15, permissionOverwrites: [{ id: botUserId, type: 'member', deny: PermissionFlagsBits.SendMessagesInThreads }] },
      { id: CH.open, name: 'open-forum', type: 15 },
    ],
  };
}

/** Twelve distinct headlines: titles sharing 9 of 10 words would be one story by the title rule. */
const SUBJECTS = ['harbour', 'library', 'railway', 'school', 'hospital', 'bridge', 'market', 'stadium', 'museum', 'airport', 'theatre', 'reservoir'];
const VERBS = ['approves', 'delays', 'rejects', 'funds', 'reviews', 'expands', 'closes', 'sells', 'repairs', 'audits', 'reopens', 'doubles'];
const headline = (index: number) => `Council ${VERBS[index]} ${SUBJECTS[index]} plan`;
/** Long enough that ten stories need more than one message after the header. */
const longBody = (index: number) =>
  Array.from({ length: 6 }, (_, paragraph) =>
    `<p>Paragraph ${paragraph + 1} of the report explains in considerable detail how the ${SUBJECTS[index]} plan will be carried out, what it will cost the town over the next ten years, and why the council believes the work cannot wait until after the winter storms have passed.</p>`,
  ).join('');

/** Serves `count` stories (the newest first), one hour apart before `before`, and returns the feed's URL. */
function serveHerald(feeds: FeedServer, before: number, count = 12): string {
  for (let index = 0; index < count; index += 1) feeds.serveArticle(`/news/${index}`, headline(index), { body: longBody(index) });
  feeds.serveFeed('/herald.xml', {
    title: 'Riverton Herald',
    items: Array.from({ length: count }, (_, index) => ({ title: headline(index), link: `/news/${index}`, guid: `herald-${index + 1}`, date: new Date(before - (index + 1) * HOUR) })),
  });
  return feeds.url('/herald.xml');
}

const isThreadOpen = (forumId: string) => (call: Call) => call.method === 'POST' && call.path === `/channels/${forumId}/threads`;
const embedsOf = (message: FakeMessage) => message.embeds as APIEmbed[];
/** The starter messages of the posts the bot opened in a forum: a post's starter message shares its id. */
const postsOpenedIn = (world: TestWorld, forumId: string) =>
  world.discord.calls.filter((call) => isThreadOpen(forumId)(call) && call.status === 201).length;
/** A post's messages after its starter message, in order. */
const messagesInPost = (world: TestWorld, postId: string) => world.discord.messages.filter((message) => message.channel_id === postId && message.id !== postId);

failOnUnhandledRejections();

describe('a forum channel', () => {
  let world: TestWorld;
  let feeds: FeedServer;
  let bot: TestBot;
  /** Tuesday 24 November 2026, 06:00 in Berlin. */
  const clock = testClock('2026-11-24T05:00:00Z');

  beforeAll(async () => {
    world = await startTestWorld();
    feeds = await startFeedServer();
    bot = await startTestBot(world, { LINK_REPLIES: 'true', OPENAI_BASE_URL: '', FEED_FAILURES_BEFORE_NOTICE: '1' }, { now: clock.now });
    world.discord.guildCreate(forumGuild(world.discord.botUserId));
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

  /** /digest <subcommand> by a Manage Server member, typed in #desk unless `channelId` says where. */
  function digest(subcommand: string, options: Record<string, string> = {}, channelId: string = CH.desk): Promise<DigestAnswer> {
    return digestCommand(world.discord, subcommand, options, { guildId: GUILD, channelId, memberRoles: [], memberPermissions: MANAGE_GUILD });
  }

  describe('/digest', () => {
    it('add and a scheduled run: one post named with the date, the first tag the bot may apply, the header then the stories', async () => {
      const url = serveHerald(feeds, clock.now().getTime());
      const added = await digest('add', { feed: url, channel: CH.forum });
      expect(added.deferFlags).toBe(EPHEMERAL);
      expect(added.content).toContain(`Added **Riverton Herald** <${url}>`);
      expect(added.content).toContain(`to <#${CH.forum}>`);
      expect(added.content).toContain('Each digest opens a new post there, titled with its date.');
      expect(added.content).toContain('channel:#briefings');

      const scheduled = await digest('schedule', { time: '07:30', timezone: 'Europe/Berlin', channel: CH.forum });
      expect(scheduled.content).toMatch(new RegExp(`^The digest posts in <#${CH.forum}> at \\*\\*07:30 Europe/Berlin\\*\\*`));
      // The digest is the forum's: #desk has none.
      expect(await bot.services.digests.feeds(CH.desk)).toEqual([]);

      // A tick before the slot, as a bot that had been running would have had, then one after it.
      await bot.bot.digests.tick();
      clock.set('2026-11-24T06:31:00Z');
      await bot.bot.digests.tick();

      // One post, opened in the forum; nothing sent to the forum as a plain message.
      const opened = world.discord.calls.filter(isThreadOpen(CH.forum));
      expect(opened.map((call) => call.status)).toEqual([201]);
      const body = opened[0]?.body as { name?: string; applied_tags?: string[]; message?: { embeds?: APIEmbed[]; allowed_mentions?: unknown } };
      expect(body.name).toBe('Daily digest — Tue 24 Nov');
      expect(body.applied_tags).toEqual([TAG.daily]);
      expect(body.message?.allowed_mentions).toEqual({ parse: [] });
      expect(world.discord.calls.filter((call) => call.path === `/channels/${CH.forum}/messages`)).toEqual([]);

      // The starter message is the header alone; the ten newest stories follow in the post, in order.
      const starter = world.discord.messages.find((message) => message.id === message.channel_id);
      expect(starter).toBeDefined();
      expect(embedsOf(starter!).map((embed) => embed.title)).toEqual(['Daily digest — Tue 24 Nov']);
      const after = messagesInPost(world, starter!.id);
      expect(after.length).toBeGreaterThanOrEqual(1);
      expect(after.flatMap(embedsOf).map((embed) => embed.title)).toEqual(Array.from({ length: 10 }, (_, index) => headline(index)));
      for (const message of [starter!, ...after]) expect(message.mentions).toEqual([]);

      // Typed inside the post, /digest works on the forum's digest.
      const list = await digest('list', {}, starter!.id);
      expect(list.embeds[0]?.description).toContain(`<${url}>`);
      expect(JSON.stringify(list.embeds)).toContain('07:30');
      const now = await digest('now', {}, starter!.id);
      expect(now.content).toBe('Nothing new since the last digest, so nothing was posted.');
      expect(postsOpenedIn(world, CH.forum)).toBe(1);
    });

    it('/digest now from inside a post opens a new post for newer stories, with the tag, and the role ping on its starter message', async () => {
      const [firstStarter] = world.discord.messages.filter((message) => message.id === message.channel_id);
      expect(firstStarter).toBeDefined();
      clock.set('2026-11-24T09:00:00Z');
      feeds.serveArticle('/news/late', 'Council approves late ferry timetable for winter');
      feeds.serveFeed('/herald.xml', {
        title: 'Riverton Herald',
        items: [{ title: 'Council approves late ferry timetable for winter', link: '/news/late', guid: 'herald-late', date: new Date('2026-11-24T08:30:00Z') }],
      });
      // The ping, set inside a post, is the forum's: the header that opens the post mentions the role, and only it.
      expect((await digest('ping', { role: READERS }, firstStarter!.id)).content).toContain(`<@&${READERS}>`);
      const answer = await digest('now', {}, firstStarter!.id);
      expect(answer.content).toBe(`Posted 1 story in <#${CH.forum}>.`);
      const opened = world.discord.calls.filter((call) => isThreadOpen(CH.forum)(call) && call.status === 201);
      expect(opened).toHaveLength(2);
      const body = opened[1]?.body as { applied_tags?: string[]; message?: { content?: string; allowed_mentions?: unknown } };
      expect(body.applied_tags).toEqual([TAG.daily]);
      expect(body.message?.content).toBe(`<@&${READERS}>`);
      expect(body.message?.allowed_mentions).toEqual({ parse: [], roles: [READERS] });
      const starters = world.discord.messages.filter((message) => message.id === message.channel_id);
      const latest = starters.at(-1);
      expect(latest?.mention_roles).toEqual([READERS]);
      expect(embedsOf(latest!).map((embed) => embed.title)).toEqual(['Daily digest — Tue 24 Nov']);
      expect(messagesInPost(world, latest!.id).flatMap(embedsOf).map((embed) => embed.title)).toEqual(['Council approves late ferry timetable for winter']);
    });

    it('tells a forum of a failing feed in a post of its own, as a forum takes no plain messages', async () => {
      clock.set('2026-11-24T10:00:00Z');
      feeds.serveFeed('/flaky.xml', { title: 'Flaky Gazette', items: [{ title: 'Gazette opens', link: '/news/late', guid: 'gazette-1', date: new Date('2026-11-24T09:30:00Z') }] });
      expect((await digest('add', { feed: feeds.url('/flaky.xml'), channel: CH.open })).content).toMatch(/^Added \*\*Flaky Gazette\*\*/);
      feeds.serve('/flaky.xml', (_request, response) => response.writeHead(500).end('down'));
      clock.set('2026-11-24T10:31:00Z');
      await bot.bot.digests.tick();
      const notice = world.discord.calls.find((call) => isThreadOpen(CH.open)(call));
      expect(notice?.status).toBe(201);
      const body = notice?.body as { name?: string; applied_tags?: unknown; message?: { content?: string; allowed_mentions?: unknown } };
      expect(body.name).toBe('Feed notice');
      expect(body.applied_tags).toBeUndefined();
      expect(body.message?.content).toMatch(/^⚠️ Feed \*\*Flaky Gazette\*\* .* has failed since/);
      expect(body.message?.allowed_mentions).toEqual({ parse: [] });
      expect(world.discord.calls.filter((call) => call.path === `/channels/${CH.open}/messages`)).toEqual([]);
    });

    it('refuses a forum that requires a tag and has none, saying how to fix it, and adds nothing', async () => {
      const answer = await digest('add', { feed: feeds.url('/herald.xml'), channel: CH.tagless });
      expect(answer.content).toBe(
        `<#${CH.tagless}> requires a tag on every post, but it has no tags. Add a tag to the forum, or turn off "Require people to select tags when posting", then add the feed again.`,
      );
      expect(await bot.services.digests.feeds(CH.tagless)).toEqual([]);
    });

    it('refuses a forum where the bot cannot write in posts, naming the permission as the forum does', async () => {
      const answer = await digest('add', { feed: feeds.url('/herald.xml'), channel: CH.mute });
      expect(answer.content).toBe(`newsbrief needs Send Messages in Posts in <#${CH.mute}> before it can post digests there.`);
      expect(await bot.services.digests.feeds(CH.mute)).toEqual([]);
    });

    it.each([
      ['a media channel', { channel: CH.media }, CH.desk, CH.media],
      ['a stage channel', { channel: CH.stage }, CH.desk, CH.stage],
      // Typed in a voice channel's text chat, with no channel given.
      ['a voice channel', {}, CH.voice, CH.voice],
    ])('refuses %s, saying which channels work, and adds nothing', async (what, options: Record<string, string>, typedIn, target) => {
      const answer = await digest('add', { feed: feeds.url('/herald.xml'), ...options }, typedIn);
      expect(answer.content).toBe(`<#${target}> is ${what}. Digests can be posted in text, announcement and forum channels.`);
      expect(await bot.services.digests.feeds(target)).toEqual([]);
    });
  });

  describe('link replies', () => {
    /** /autosummary <subcommand> typed in `channelId`; resolves with its private answer. */
    async function autosummary(subcommand: 'on' | 'off' | 'status', channelId: string): Promise<string> {
      const sent = world.discord.slashCommand({ guildId: GUILD, channelId, memberRoles: [], memberPermissions: MANAGE_GUILD, name: 'autosummary', options: [{ name: subcommand, type: 1 }] });
      const call = await world.discord.waitForCall((candidate) => candidate.method === 'PATCH' && candidate.path === `/webhooks/${IDS.app}/${sent.token}/messages/@original`, 10_000);
      expect((call.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
      return (call.body as { content?: string }).content ?? '';
    }
    const replyTo = (channelId: string, messageId: string) =>
      world.discord.waitForCall(
        (call) =>
          call.method === 'POST' &&
          call.path === `/channels/${channelId}/messages` &&
          (call.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === messageId,
        15_000,
      );

    it('/autosummary on inside a post is the forum\'s: a link that opens another post gets a summary reply in that post', async () => {
      const first = world.discord.forumPost({ channelId: CH.forum, name: 'Reading room', content: 'Share the stories you read here.', appliedTags: [TAG.other] });
      expect(await autosummary('on', first.threadId)).toBe(`Link replies are **on** in <#${CH.forum}> and all its posts: pasted news links get a summary.`);
      expect(await bot.services.channels.isEnabled(GUILD, CH.forum)).toBe(true);

      // A new post, opened with a link: the reply goes in that post, to its starter message.
      const story = world.pages.url('/story');
      const second = world.discord.forumPost({ channelId: CH.forum, name: 'Flood barriers', content: `Worth a read: ${story}`, appliedTags: [TAG.other] });
      expect(second.message).not.toBeNull();
      const call = await replyTo(second.threadId, second.threadId);
      expect(call.status).toBe(200);
      const body = call.body as { embeds?: APIEmbed[]; allowed_mentions?: unknown };
      expect(body.embeds?.[0]?.url).toBe(story);
      expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(await autosummary('status', second.threadId)).toBe(`Link replies are **on** in <#${CH.forum}> and all its posts.`);

      // A message later in the first post is answered too.
      const later = world.discord.messageCreate({ guildId: GUILD, channelId: first.threadId, content: `And this: ${world.pages.url('/other-story')}` });
      expect((await replyTo(first.threadId, String(later?.id))).status).toBe(200);
    });

    it('a forum where it is off stays quiet', async () => {
      const quiet = world.discord.forumPost({ channelId: CH.open, name: 'Elsewhere', content: `Look: ${world.pages.url('/story')}` });
      // The same link in the forum where replies are on is answered, so the bot did get to the quiet one.
      const control = world.discord.forumPost({ channelId: CH.forum, name: 'Control', content: `Look: ${world.pages.url('/story')}`, appliedTags: [TAG.other] });
      await replyTo(control.threadId, control.threadId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(world.discord.messages.filter((message) => message.channel_id === quiet.threadId)).toEqual([]);
      expect(await autosummary('status', quiet.threadId)).toBe(`Link replies are **off** in <#${CH.open}> and all its posts.`);
    });
  });

  describe('/settings', () => {
    /** A command typed in `channelId` by a manager; resolves with its final answer. */
    async function typed(channelId: string, name: string, options: Array<{ name: string; type: number; value: string | boolean }>) {
      const sent = world.discord.slashCommand({ guildId: GUILD, channelId, memberRoles: [], memberPermissions: MANAGE_GUILD, name, options });
      const call = await world.discord.waitForCall((candidate) => candidate.method === 'PATCH' && candidate.path === `/webhooks/${IDS.app}/${sent.token}/messages/@original`, 15_000);
      return call.body as { content?: string; embeds?: APIEmbed[] };
    }

    it('set inside a post, are the forum\'s: every post of the forum uses them, a post of another forum does not', async () => {
      const first = world.discord.forumPost({ channelId: CH.forum, name: 'Settings here', content: 'Defaults for the forum.', appliedTags: [TAG.other] });
      const answer = await typed(first.threadId, 'settings', [{ name: 'length', type: 3, value: 'detailed' }, { name: 'quotes', type: 5, value: false }]);
      expect(answer.content ?? JSON.stringify(answer.embeds)).toContain(`<#${CH.forum}>`);
      expect(await bot.services.channelDefaults.get(GUILD, CH.forum)).toEqual({ length: 'detailed', quotes: false });

      const text = `${EXAMPLE_TEXT}\n\nFiled for the forum settings test.`.slice(0, 5900);
      const second = world.discord.forumPost({ channelId: CH.forum, name: 'Another post', content: 'Talk.', appliedTags: [TAG.other] });
      const inForum = (await typed(second.threadId, 'summarize', [{ name: 'text', type: 3, value: text }])).embeds?.[0];
      expect(inForum?.description).toMatch(/^• /);
      expect((inForum?.fields ?? []).some((field) => field.name === 'Key quotes')).toBe(false);
      const elsewhere = world.discord.forumPost({ channelId: CH.open, name: 'Elsewhere too', content: 'Talk.' });
      const outside = (await typed(elsewhere.threadId, 'summarize', [{ name: 'text', type: 3, value: text }])).embeds?.[0];
      expect((outside?.fields ?? []).some((field) => field.name === 'Key quotes')).toBe(true);
      expect(inForum?.description?.split('\n').length).toBeGreaterThan(outside?.description?.split('\n').length ?? 0);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Crashes: the pattern of digest-crash.e2e.test.ts, in a forum.

/** 07:30 Berlin on 24 Nov 2026 is 06:30Z; each process looks two minutes later. */
const SLOT_DUE = Date.parse('2026-11-24T06:30:00Z');
const AFTER_SLOT = new Date(SLOT_DUE + 2 * 60_000).toISOString();

/** A forum with the Herald's twelve stories (ten make the digest: the header, then two messages) scheduled at 07:30 Berlin. */
async function setUpForum(): Promise<{ world: TestWorld; feeds: FeedServer; env: Record<string, string> }> {
  const world = await startTestWorld();
  const feeds = await startFeedServer();
  const url = serveHerald(feeds, SLOT_DUE);
  const env = testBotEnv(world);
  const clock = testClock(new Date(SLOT_DUE - HOUR));
  const bot = await startTestBot(world, {}, { now: clock.now });
  world.discord.guildCreate(forumGuild(world.discord.botUserId));
  const who = { guildId: GUILD, channelId: CH.desk, memberRoles: [], memberPermissions: MANAGE_GUILD };
  expect((await digestCommand(world.discord, 'add', { feed: url, channel: CH.forum }, who)).content).toMatch(/^Added/);
  expect((await digestCommand(world.discord, 'schedule', { time: '07:30', timezone: 'Europe/Berlin', channel: CH.forum }, who)).content).toMatch(/^The digest posts/);
  await bot.bot.digests.tick();
  await bot.stop();
  return { world, feeds, env };
}

/** Where a process is killed: the post opened and not recorded; recorded with no story sent; the first story message sent and not recorded. */
const STEPS = ['part-sent', 'part-posted', 'part-sent#2'];

describe.concurrent('a bot killed mid-run in a forum', () => {
  it.each(STEPS)('killed at %s: the next process finishes the digest in the same post, every part once', async (step) => {
    const { world, feeds, env } = await setUpForum();
    try {
      const killed = await runDigestWorker({ ...env, NEWSBRIEF_TEST_NOW: AFTER_SLOT, NEWSBRIEF_KILL_AT: step });
      expect(killed.signal, `${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL');
      // The post was opened before the kill in every case.
      expect(postsOpenedIn(world, CH.forum)).toBe(1);

      const resumed = await runDigestWorker({ ...env, NEWSBRIEF_TEST_NOW: AFTER_SLOT });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain('ticked');

      // Still one post, the header its starter message, the ten stories in it once each.
      expect(postsOpenedIn(world, CH.forum)).toBe(1);
      const starters = world.discord.messages.filter((message) => message.id === message.channel_id);
      expect(starters).toHaveLength(1);
      const post = starters[0]!;
      expect(embedsOf(post).map((embed) => embed.title)).toEqual(['Daily digest — Tue 24 Nov']);
      const inPost = messagesInPost(world, post.id);
      const nonces = inPost.map((message) => String(message.nonce));
      expect(new Set(nonces).size, 'no part posted twice').toBe(nonces.length);
      expect(inPost.flatMap(embedsOf).map((embed) => embed.title).sort()).toEqual(Array.from({ length: 10 }, (_, index) => headline(index)).sort());
      expect(world.discord.messages.filter((message) => message.channel_id !== post.id)).toEqual([]);
      expect(world.discord.deduplicatedPosts).toBe(step === 'part-sent#2' ? 1 : 0);

      // A third process within the catch-up window posts nothing more.
      const again = await runDigestWorker({ ...env, NEWSBRIEF_TEST_NOW: new Date(SLOT_DUE + 10 * 60_000).toISOString() });
      expect(again.code, again.stderr).toBe(0);
      expect(postsOpenedIn(world, CH.forum)).toBe(1);
      expect(world.discord.messages).toHaveLength(1 + inPost.length);
    } finally {
      await feeds.close();
      await world.close();
    }
  }, 90_000);
});

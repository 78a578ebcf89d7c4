import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { discordDigestRenderer } from '../../src/discord/render/digest-renderer.js';
import { digestCommand, testClock, type DigestAnswer } from '../../test-support/digest-commands.js';
import { DEFAULT_PERMISSIONS, type Call, type FakeMessage } from '../../test-support/fake-discord.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * /digest ping end to end: the real bot on the fake Discord, which records every request body and
 * decides who a message pings as Discord does (allowed_mentions, and a role pings only when it is
 * mentionable or the bot has Mention Everyone).
 * - the header mentions the chosen role, and its allowed_mentions let through that role id and
 *   nothing else; stories that say `@everyone`, `@here` or mention another role ping no one;
 * - no role clears it; the list shows it;
 * - refusals: `@everyone`, a role the bot may not mention (and the same role accepted where the
 *   bot has Mention Everyone), a channel without feeds;
 * - a header read back from its run record (a resumed run) pings the same role and no other.
 */

const EPHEMERAL = 64;
const HOUR = 60 * 60_000;
const ROLES = { news: '450000000000000001', quiet: '450000000000000002', other: '450000000000000003' } as const;

let world: TestWorld;
let feeds: FeedServer;
let bot: TestBot;
const clock = testClock('2026-11-24T05:00:00Z');

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  feeds = await startFeedServer();
  // Ten stories and a header make eleven embeds: two messages, so the header's is not the only one.
  bot = await startTestBot(world, { DIGEST_MAX_STORIES: '10' }, { now: clock.now });
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

interface Newsroom {
  guildId: string;
  news: string;
}

let newsrooms = 0;
/**
 * A guild of its own for one test, with #news and three roles: News and Other are mentionable,
 * Quiet is not. `botMentionsEveryone` gives the bot Mention Everyone there.
 */
function newsroom(options: { botMentionsEveryone?: boolean } = {}): Newsroom {
  newsrooms += 1;
  const n = String(newsrooms).padStart(3, '0');
  const room = { guildId: `270000000000000${n}`, news: `37000000000000${n}1` };
  world.discord.guildCreate({
    id: room.guildId,
    name: `Ping ${n}`,
    channels: [{ id: room.news, name: 'news' }],
    roles: [
      { id: ROLES.news, name: 'News', permissions: 0n, mentionable: true },
      { id: ROLES.quiet, name: 'Quiet', permissions: 0n },
      { id: ROLES.other, name: 'Other', permissions: 0n, mentionable: true },
    ],
    ...(options.botMentionsEveryone ? { botPermissions: DEFAULT_PERMISSIONS | PermissionFlagsBits.MentionEveryone } : {}),
  });
  return room;
}

function digest(room: Newsroom, subcommand: string, options: Record<string, string | boolean> = {}): Promise<DigestAnswer> {
  return digestCommand(world.discord, subcommand, options, { guildId: room.guildId, channelId: room.news, memberRoles: [], memberPermissions: PermissionFlagsBits.ManageGuild });
}

async function listed(room: Newsroom): Promise<string> {
  return (await digest(room, 'list')).embeds[0]?.description ?? '';
}

const TOPICS = ['ferry timetable', 'lighthouse repairs', 'market hall', 'school budget', 'harbour wall', 'library hours', 'bus depot', 'river bridge', 'town square', 'fishing quotas'];

/** `count` stories whose titles and pages try to ping: `@everyone`, `@here`, the Other role, a user. */
function serveLoudStories(path: string, count: number, label: string): string {
  const now = clock.now().getTime();
  const items = Array.from({ length: count }, (_, index) => {
    // Distinct words, or the title rule would take them for one story.
    const topic = TOPICS[index % TOPICS.length] ?? 'news';
    const title = `@everyone <@&${ROLES.other}> @here ${label} ${topic} report number ${index + 1} <@123456789012345678>`;
    const link = `${path.replace(/\.xml$/, '')}/story-${index + 1}`;
    feeds.serveArticle(link, title);
    return { title, link, guid: link, date: new Date(now - (index + 1) * HOUR) };
  });
  feeds.serveFeed(path, { title: `@everyone ${label} Times`, items });
  return feeds.url(path);
}

/** What the bot posted under a channel: in it, and in threads started on its messages. */
function postsUnder(channelId: string): FakeMessage[] {
  const threads = new Set(world.discord.messages.filter((message) => message.channel_id === channelId).map((message) => message.id));
  return world.discord.messages.filter((message) => message.channel_id === channelId || threads.has(message.channel_id));
}

/** The POST /channels/{id}/messages calls for a channel and its threads, from the `from`th call on. */
function postCallsUnder(channelId: string, from = 0): Call[] {
  const targets = new Set([channelId, ...postsUnder(channelId).map((message) => message.id)]);
  return world.discord.calls.slice(from).filter((call) => {
    const match = /^\/channels\/(\d+)\/messages$/.exec(call.path);
    return call.method === 'POST' && match !== null && targets.has(match[1] ?? '');
  });
}

type PostBody = { content?: string; embeds?: APIEmbed[]; allowed_mentions?: unknown };

describe('/digest ping', () => {
  it('mentions the chosen role in the header, and pings that role only, whatever the stories say', async () => {
    const room = newsroom();
    const url = serveLoudStories('/loud/feed.xml', 10, 'Loud');
    await digest(room, 'add', { feed: url });

    const set = await digest(room, 'ping', { role: ROLES.news });
    expect(set.deferFlags).toBe(EPHEMERAL);
    expect(set.content).toBe(`Each digest here now mentions <@&${ROLES.news}> in its header, and pings no one else. \`/digest ping\` with no role stops it.`);
    expect(await listed(room)).toContain(`**Ping**\n<@&${ROLES.news}> is mentioned in each digest's header.`);

    const from = world.discord.calls.length;
    expect((await digest(room, 'now')).content).toBe(`Posted 10 stories in <#${room.news}>.`);
    const [header, ...rest] = postCallsUnder(room.news, from).map((call) => call.body as PostBody);
    expect(rest.length).toBeGreaterThan(0);
    // On the wire: the header's text is the mention alone, and it allows exactly that role.
    expect(header?.content).toBe(`<@&${ROLES.news}>`);
    expect(header?.allowed_mentions).toEqual({ parse: [], roles: [ROLES.news] });
    // The stories' loud text is in embeds, in parts that allow no mention at all.
    expect(JSON.stringify(rest)).toMatch(/@.?everyone/);
    for (const body of rest) {
      expect(body.content).toBeUndefined();
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }

    // Who Discord pinged: the News role, by the header, and no one else anywhere.
    const [headerMessage, ...storyMessages] = postsUnder(room.news);
    expect(headerMessage?.mention_roles).toEqual([ROLES.news]);
    expect(headerMessage?.mention_everyone).toBe(false);
    expect(headerMessage?.mentions).toEqual([]);
    for (const message of storyMessages) {
      expect(message.mention_roles).toEqual([]);
      expect(message.mention_everyone).toBe(false);
      expect(message.mentions).toEqual([]);
    }
  });

  it('with no role, clears it: the next header mentions no one', async () => {
    clock.set('2026-11-24T06:00:00Z');
    const room = newsroom();
    const url = serveLoudStories('/cleared/feed.xml', 2, 'Cleared');
    await digest(room, 'add', { feed: url });
    await digest(room, 'ping', { role: ROLES.news });

    expect((await digest(room, 'ping')).content).toBe('Digests here mention no role now.');
    expect(await listed(room)).not.toContain('**Ping**');

    const from = world.discord.calls.length;
    expect((await digest(room, 'now')).content).toBe(`Posted 2 stories in <#${room.news}>.`);
    const bodies = postCallsUnder(room.news, from).map((call) => call.body as PostBody);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body.content).toBeUndefined();
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    for (const message of postsUnder(room.news)) expect(message.mention_roles).toEqual([]);
  });

  it('refuses @everyone, and a role the bot may not mention, saying why', async () => {
    const room = newsroom();
    expect((await digest(room, 'ping', { role: ROLES.news })).content).toMatch(/no feeds yet/);
    await digest(room, 'add', { feed: serveLoudStories('/refused/feed.xml', 1, 'Refused') });

    const everyone = await digest(room, 'ping', { role: room.guildId });
    expect(everyone.deferFlags).toBe(EPHEMERAL);
    expect(everyone.content).toBe("@everyone cannot be the digest's ping: it would ping the whole server with every digest. Choose a role people take for the news.");

    const quiet = await digest(room, 'ping', { role: ROLES.quiet });
    expect(quiet.content).toMatch(/^I may not ping \*\*Quiet\*\*: the role is not mentionable, and I lack the \*Mention @everyone, @here and All Roles\* permission in this channel/);

    expect(await listed(room)).not.toContain('**Ping**');
  });

  it('takes a role that is not mentionable where the bot has Mention Everyone, and Discord pings it', async () => {
    clock.set('2026-11-24T07:00:00Z');
    const room = newsroom({ botMentionsEveryone: true });
    await digest(room, 'add', { feed: serveLoudStories('/allowed/feed.xml', 1, 'Allowed') });
    expect((await digest(room, 'ping', { role: ROLES.quiet })).content).toContain(`mentions <@&${ROLES.quiet}> in its header`);

    // Still refused: @everyone, whatever the bot may do.
    expect((await digest(room, 'ping', { role: room.guildId })).content).toMatch(/^@everyone cannot be the digest's ping/);

    expect((await digest(room, 'now')).content).toBe(`Posted 1 story in <#${room.news}>.`);
    const [header] = postsUnder(room.news);
    expect(header?.content).toBe(`<@&${ROLES.quiet}>`);
    // Even with Mention Everyone, the story's @everyone and other role do not ping.
    expect(header?.mention_roles).toEqual([ROLES.quiet]);
    expect(header?.mention_everyone).toBe(false);
  });
});

describe('a header read back from its run record', () => {
  it('pings the same role and no other; any other text in a stored part is dropped', () => {
    const header = discordDigestRenderer.partSchema.parse({ embeds: [{ title: 'Daily digest' }], nonce: 'n0', content: `<@&${ROLES.news}>`, allowedMentions: { parse: ['everyone'] } });
    expect(header.content).toBe(`<@&${ROLES.news}>`);
    expect(header.allowedMentions).toEqual({ parse: [], roles: [ROLES.news] });

    const tampered = discordDigestRenderer.partSchema.parse({ embeds: [], nonce: 'n1', content: `@everyone <@&${ROLES.other}>` });
    expect(tampered.content).toBeUndefined();
    expect(tampered.allowedMentions).toEqual({ parse: [] });
  });
});

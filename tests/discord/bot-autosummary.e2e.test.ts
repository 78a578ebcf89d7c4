import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GatewayIntentBits, PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { DEFAULT_PERMISSIONS, type Call, type FakeGuildSpec } from '../../test-support/fake-discord.js';
import { IDS, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * Link replies end to end: the real bot, started with and without LINK_REPLIES, on the fake
 * Discord. /autosummary (who may use it, the bot's own permissions, on/off/status), replies to
 * pasted links and everything they must stay quiet about, forgetting deleted channels and guilds,
 * and the 4014 close when Discord refuses the Message Content intent.
 */

const EPHEMERAL = 64;
const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
let world: TestWorld;

/** A second guild the bot joins after login, one channel per test so that channel cooldowns never meet. */
const DESK: FakeGuildSpec = {
  id: '200000000000000002',
  name: 'Desk',
  channels: [
    { id: '310000000000000001', name: 'control' },
    { id: '310000000000000002', name: 'quiet' },
    { id: '310000000000000003', name: 'failing' },
    { id: '310000000000000004', name: 'toggle' },
    { id: '310000000000000005', name: 'doomed' },
    { id: '310000000000000006', name: 'survivor' },
  ],
};
const [CONTROL, QUIET, FAILING, TOGGLE, DOOMED, SURVIVOR] = DESK.channels?.map((channel) => channel.id) ?? [];
/** A guild the bot is removed from (and one that only has an outage). */
const LEAVING: FakeGuildSpec = { id: '200000000000000003', name: 'Leaving', channels: [{ id: '320000000000000001', name: 'desk' }] };
const OUTAGE: FakeGuildSpec = { id: '200000000000000004', name: 'Outage', channels: [{ id: '330000000000000001', name: 'desk' }] };

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(async () => {
  await world?.close();
});
afterEach(() => {
  expect(world.discord.unknownRoutes).toEqual([]);
});

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
const isOriginal = (call: Call, token: string) => call.path === `/webhooks/${IDS.app}/${token}/messages/@original`;
const postsIn = (channelId: string | undefined) => world.discord.messages.filter((message) => message.channel_id === channelId);

/** /autosummary <subcommand>, run by someone who may (Manage Server) unless told otherwise; resolves with its answer. */
async function autosummary(
  subcommand: 'on' | 'off' | 'status',
  where: { guildId?: string; channelId?: string; memberRoles?: string[]; memberPermissions?: bigint; appPermissions?: bigint } = {},
): Promise<string> {
  const manager = where.guildId && where.guildId !== IDS.guild ? { memberPermissions: MANAGE_GUILD } : { memberRoles: [IDS.managers] };
  const sent = world.discord.slashCommand({ ...manager, ...where, name: 'autosummary', options: [{ name: subcommand, type: 1 }] });
  const call = await world.discord.waitForCall((candidate) => candidate.method === 'PATCH' && isOriginal(candidate, sent.token), 10_000);
  expect(call.status).toBe(200);
  // Always private: deferred ephemerally, never a public message.
  expect(world.discord.callbacksFor(sent.id)).toEqual([expect.objectContaining({ type: 5, data: { flags: EPHEMERAL } })]);
  const body = call.body as { content?: string; allowed_mentions?: unknown };
  expect(body.allowed_mentions).toEqual({ parse: [] });
  return body.content ?? '';
}

/** A person posts in a channel; resolves with the MESSAGE_CREATE's id. */
function post(channelId: string | undefined, content: string, extra: { author?: { id: string; username: string; bot?: boolean }; webhookId?: string } = {}): string {
  const guildId = channelId?.startsWith('31') ? DESK.id : channelId?.startsWith('32') ? LEAVING.id : channelId?.startsWith('33') ? OUTAGE.id : IDS.guild;
  const sent = world.discord.messageCreate({ guildId, channelId, content, ...extra });
  expect(sent, 'the bot should receive MESSAGE_CREATE').not.toBeNull();
  return String(sent?.id);
}

/** The bot's reply to a message: POST /channels/{id}/messages referencing it. */
async function replyTo(channelId: string | undefined, messageId: string): Promise<Call> {
  return world.discord.waitForCall(
    (call) =>
      call.method === 'POST' &&
      call.path === `/channels/${channelId}/messages` &&
      (call.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === messageId,
    10_000,
  );
}

describe('a bot without LINK_REPLIES', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(world);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('asks Discord for no message intents, privileged or not', () => {
    const intents = world.discord.identify?.intents ?? -1;
    expect(intents & GatewayIntentBits.Guilds).toBe(GatewayIntentBits.Guilds);
    expect(intents & GatewayIntentBits.GuildMessages).toBe(0);
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
  });

  it('refuses /autosummary, saying link replies are switched off, and stores nothing', async () => {
    expect(await autosummary('on', { channelId: IDS.news })).toMatch(/switched off/);
    expect(await bot.services.channels.isEnabled(IDS.guild, IDS.news)).toBe(false);
  });

  it('is not even sent the messages people post', () => {
    expect(world.discord.messageCreate({ channelId: IDS.news, content: `look ${world.pages.url('/story')}` })).toBeNull();
  });
});

describe('a bot with LINK_REPLIES', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(world, { LINK_REPLIES: 'true' });
    world.discord.guildCreate(DESK);
    world.discord.guildCreate(LEAVING);
    world.discord.guildCreate(OUTAGE);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('asks for GuildMessages and the privileged MessageContent intent', () => {
    expect(world.discord.identifies).toHaveLength(2);
    const intents = world.discord.identify?.intents ?? 0;
    expect(intents & GatewayIntentBits.Guilds).toBe(GatewayIntentBits.Guilds);
    expect(intents & (1 << 9)).toBe(1 << 9);
    expect(intents & (1 << 15)).toBe(1 << 15);
  });

  describe('/autosummary', () => {
    it('refuses a member without Manage Server, by name', async () => {
      expect(await autosummary('on', { channelId: IDS.news, memberRoles: [] })).toMatch(/need the Manage Server permission/);
      expect(await autosummary('status', { channelId: IDS.news })).toMatch(/\*\*off\*\*/);
    });

    it.each([
      ['Embed Links', PermissionFlagsBits.EmbedLinks],
      ['Add Reactions', PermissionFlagsBits.AddReactions],
      ['Send Messages', PermissionFlagsBits.SendMessages],
    ])('names %s when the bot lacks it in the channel, and stays off', async (name, flag) => {
      const answer = await autosummary('on', { channelId: IDS.news, appPermissions: DEFAULT_PERMISSIONS & ~flag });
      expect(answer).toContain(name);
      expect(answer).toMatch(/needs .* in this channel/);
      expect(await autosummary('status', { channelId: IDS.news })).toMatch(/\*\*off\*\*/);
    });

    it('a member with the Managers role switches it on; status says so; off switches it off', async () => {
      expect(await autosummary('on', { guildId: DESK.id, channelId: TOGGLE })).toMatch(/\*\*on\*\*/);
      expect(await autosummary('status', { guildId: DESK.id, channelId: TOGGLE })).toMatch(/\*\*on\*\*/);
      expect(await autosummary('status', { guildId: DESK.id, channelId: QUIET })).toMatch(/\*\*off\*\*/);
      expect(await autosummary('off', { guildId: DESK.id, channelId: TOGGLE })).toMatch(/\*\*off\*\*/);
      expect(await autosummary('status', { guildId: DESK.id, channelId: TOGGLE })).toMatch(/\*\*off\*\*/);
      // The Managers role of the newsroom guild, not a permission passed in.
      expect(await autosummary('on', { channelId: IDS.news })).toMatch(/Link replies are \*\*on\*\* in this channel/);
      expect(await autosummary('status', { channelId: IDS.news })).toMatch(/\*\*on\*\*/);
    });
  });

  describe('link replies', () => {
    beforeAll(async () => {
      for (const channelId of [CONTROL, QUIET, FAILING, DOOMED, SURVIVOR]) {
        expect(await autosummary('on', { guildId: DESK.id, channelId })).toMatch(/\*\*on\*\*/);
      }
    });

    it('replies to a pasted news link with one summary embed that pings nobody', async () => {
      const messageId = post(IDS.news, `Council news: ${world.pages.url('/story')}`);
      const call = await replyTo(IDS.news, messageId);
      expect(call.status).toBe(200);
      const body = call.body as { embeds?: APIEmbed[]; allowed_mentions?: unknown; content?: string; message_reference?: Record<string, unknown> };
      expect(body.message_reference).toMatchObject({ message_id: messageId });
      expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(body.content ?? '').toBe('');
      expect(body.embeds).toHaveLength(1);
      expect(body.embeds?.[0]?.url).toBe(world.pages.url('/story'));
      expect(body.embeds?.[0]?.description).toMatch(/^• .*Riverton/);
      const [reply, ...others] = postsIn(IDS.news);
      expect(others).toEqual([]);
      expect(reply?.mentions).toEqual([]);
      expect(reply?.mention_everyone).toBe(false);
    });

    it('stays silent during the channel cooldown: no reply, no reaction, nothing', async () => {
      const before = postsIn(IDS.news).length;
      const cooled = post(IDS.news, `And another: ${world.pages.url('/other-story')}`);
      // The same kind of link elsewhere is answered, so the bot did get to the quiet one.
      const control = post(CONTROL, `Elsewhere: ${world.pages.url('/other-story')}`);
      await replyTo(CONTROL, control);
      await settle();
      expect(postsIn(IDS.news)).toHaveLength(before);
      expect(world.discord.reactions.filter((reaction) => reaction.messageId === cooled)).toEqual([]);
    });

    it('ignores other channels, bots, webhooks, <…> links and media links', async () => {
      const story = world.pages.url('/story');
      const ignored = [
        post(IDS.other, `Not switched on here: ${story}`),
        post(QUIET, `From a bot: ${story}`, { author: { id: '900000000000000050', username: 'feedbot', bot: true } }),
        post(QUIET, `From a webhook: ${story}`, { author: { id: '900000000000000051', username: 'hook' }, webhookId: '900000000000000051' }),
        post(QUIET, `No preview please: <${story}>`),
        post(QUIET, 'A photo https://cdn.example.com/flood/photo.jpg and a clip https://www.youtube.com/watch?v=abc123'),
      ];
      // Last, a person's plain link in the same channel: had any of the above been answered, the
      // cooldown would leave this one unanswered.
      const control = post(QUIET, `Read this: ${story}`);
      const call = await replyTo(QUIET, control);
      expect(call.status).toBe(200);
      await settle();
      expect(postsIn(QUIET)).toHaveLength(1);
      expect(postsIn(IDS.other)).toEqual([]);
      expect(world.discord.reactions.filter((reaction) => ignored.includes(reaction.messageId))).toEqual([]);
    });

    it('a link that fails gets no message, only one ⚠️ reaction', async () => {
      const messageId = post(FAILING, `Two bad ones: ${world.pages.url('/report.pdf')} ${world.pages.url('/missing')}`);
      const reaction = await world.discord.waitForCall((call) => call.method === 'PUT' && call.path.startsWith(`/channels/${FAILING}/messages/${messageId}/reactions/`), 10_000);
      expect(reaction.status).toBe(204);
      await settle();
      expect(world.discord.reactions.filter((entry) => entry.messageId === messageId)).toEqual([{ channelId: FAILING, messageId, emoji: '⚠️' }]);
      expect(postsIn(FAILING)).toEqual([]);
    });

    it('forgets a channel when it is deleted, and only that channel', async () => {
      expect(await bot.services.channels.isEnabled(DESK.id, DOOMED ?? '')).toBe(true);
      world.discord.channelDelete(DOOMED ?? '');
      await vi.waitFor(async () => expect(await bot.services.channels.isEnabled(DESK.id, DOOMED ?? '')).toBe(false), { timeout: 5000 });
      expect(await autosummary('status', { guildId: DESK.id, channelId: SURVIVOR })).toMatch(/\*\*on\*\*/);
    });

    it('an outage (GUILD_DELETE unavailable) forgets nothing', async () => {
      const channelId = OUTAGE.channels?.[0]?.id;
      expect(await autosummary('on', { guildId: OUTAGE.id, channelId })).toMatch(/\*\*on\*\*/);
      world.discord.guildDelete(OUTAGE.id, { unavailable: true });
      world.discord.guildCreate(OUTAGE);
      expect(await autosummary('status', { guildId: OUTAGE.id, channelId })).toMatch(/\*\*on\*\*/);
    });

    it('forgets a guild it was removed from: after a re-invite the channel is off and quiet', async () => {
      const channelId = LEAVING.channels?.[0]?.id;
      expect(await autosummary('on', { guildId: LEAVING.id, channelId })).toMatch(/\*\*on\*\*/);
      world.discord.guildDelete(LEAVING.id);
      await vi.waitFor(async () => expect(await bot.services.channels.isEnabled(LEAVING.id, channelId ?? '')).toBe(false), { timeout: 5000 });
      world.discord.guildCreate(LEAVING);
      expect(await autosummary('status', { guildId: LEAVING.id, channelId })).toMatch(/\*\*off\*\*/);
      const quiet = post(channelId, `Back again: ${world.pages.url('/story')}`);
      await settle(800);
      expect(postsIn(channelId)).toEqual([]);
      expect(world.discord.reactions.filter((reaction) => reaction.messageId === quiet)).toEqual([]);
    });
  });

  describe('when Discord refuses the Message Content intent', () => {
    it('closing with 4014 ends the bot with a message that says what to switch on', async () => {
      expect(bot.fatal).toEqual([]);
      world.discord.disconnectGateway(4014);
      await vi.waitFor(() => expect(bot.fatal).toHaveLength(1), { timeout: 5000 });
      expect(bot.fatal[0]).toContain('4014');
      expect(bot.fatal[0]).toContain('Message Content');
      expect(bot.fatal[0]).toMatch(/LINK_REPLIES=false/);
      // It gives up rather than reconnecting over and over.
      const identifies = world.discord.identifies.length;
      await settle(1500);
      expect(world.discord.identifies).toHaveLength(identifies);
    });
  });
});

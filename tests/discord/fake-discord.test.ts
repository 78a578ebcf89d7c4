import {
  ActionRowBuilder,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../test-support/fake-discord.js';

// The fake is proven with the real discord.js client: everything below goes over loopback HTTP and
// a real WebSocket, exactly as the bot's own end-to-end tests will.

const APP_ID = '100000000000000001';
const GUILD_ID = '200000000000000001';
const NEWS = '300000000000000001';
const QUIET = '300000000000000002';
const NO_THREADS = '300000000000000003';
const MANAGER_ROLE = '400000000000000001';

let discord: FakeDiscord;
let client: Client;
let readyMs = 0;

const rejections: unknown[] = [];
const recordRejection = (reason: unknown) => rejections.push(reason);

async function login(intents: GatewayIntentBits[]): Promise<Client> {
  const next = new Client({ intents, rest: { api: discord.apiUrl }, allowedMentions: { parse: [], repliedUser: false } });
  const ready = new Promise<void>((resolve) => next.once(Events.ClientReady, () => resolve()));
  await next.login('fake-token');
  await ready;
  return next;
}

/** The next interaction the client emits; fails fast (an invalid payload only shows as a rejection). */
function nextInteraction(target: Client = client): Promise<Interaction> {
  return new Promise((resolve, reject) => {
    const listener = (interaction: Interaction) => {
      clearTimeout(timer);
      resolve(interaction);
    };
    const timer = setTimeout(() => {
      target.off(Events.InteractionCreate, listener);
      reject(new Error(`no InteractionCreate within 2 s; unhandled rejections: ${rejections.map(String).join('; ') || 'none'}`));
    }, 2000);
    target.once(Events.InteractionCreate, listener);
  });
}

beforeAll(async () => {
  process.on('unhandledRejection', recordRejection);
  discord = await startFakeDiscord({
    applicationId: APP_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Newsroom',
        roles: [{ id: MANAGER_ROLE, name: 'Managers', permissions: PermissionFlagsBits.ManageGuild }],
        channels: [
          { id: NEWS, name: 'news' },
          { id: QUIET, name: 'quiet', permissionOverwrites: [{ id: GUILD_ID, type: 'role', deny: PermissionFlagsBits.SendMessages }] },
          { id: NO_THREADS, name: 'no-threads' },
        ],
      },
    ],
  });
  const started = performance.now();
  client = await login([GatewayIntentBits.Guilds]);
  readyMs = performance.now() - started;
});

// Drained each time, so one leak fails one test, not every test after it.
afterEach(() => {
  expect(rejections.splice(0)).toEqual([]);
  expect(discord.unknownRoutes.splice(0).map((call) => `${call.method} ${call.path}`)).toEqual([]);
});

afterAll(async () => {
  await client?.destroy();
  await discord?.close();
  process.off('unhandledRejection', recordRejection);
});

describe('login', () => {
  it('becomes ready fast with the guild and its channels cached', () => {
    expect(readyMs).toBeLessThan(2000);
    expect(discord.identify).toMatchObject({ token: 'fake-token', intents: GatewayIntentBits.Guilds, shard: [0, 1] });
    const guild = client.guilds.cache.get(GUILD_ID);
    expect(guild?.name).toBe('Newsroom');
    expect(guild?.channels.cache.get(NEWS)?.type).toBe(ChannelType.GuildText);
    expect(guild?.members.me?.id).toBe(APP_ID);
    expect(client.application?.id).toBe(APP_ID);
  });

  it('computes the bot permissions from roles and overwrites', () => {
    const guild = client.guilds.cache.get(GUILD_ID);
    const me = guild?.members.me;
    if (!guild || !me) throw new Error('not cached');
    expect(guild.channels.cache.get(NEWS)?.permissionsFor(me)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(guild.channels.cache.get(QUIET)?.permissionsFor(me)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
  });
});

describe('commands', () => {
  it('records global registration through client.application.commands.set', async () => {
    const commands = await client.application?.commands.set([
      { name: 'summarize', description: 'Summarize an article', options: [{ name: 'url', description: 'Link', type: 3 }] },
      { name: 'Summarize', type: 3 },
    ]);
    expect(commands?.size).toBe(2);
    const put = await discord.waitForCall((call) => call.method === 'PUT' && call.path === `/applications/${APP_ID}/commands`);
    expect(put.body).toHaveLength(2);
    expect(discord.registeredCommands.global.map((command) => [command.name, command.type])).toEqual([
      ['summarize', 1],
      ['Summarize', 3],
    ]);
    expect(discord.registeredCommands.global.every((command) => /^\d+$/.test(command.id))).toBe(true);
  });

  it('records guild registration through REST and rejects what Discord rejects', async () => {
    await client.rest.put(Routes.applicationGuildCommands(APP_ID, GUILD_ID), { body: [{ name: 'digest', description: 'Digests' }] });
    expect(discord.registeredCommands.guild(GUILD_ID).map((command) => command.name)).toEqual(['digest']);

    const invalid = client.rest.put(Routes.applicationGuildCommands(APP_ID, GUILD_ID), {
      body: [{ name: 'bad', description: 'x', options: [{ name: 'a', description: 'a', type: 3 }, { name: 'b', description: 'b', type: 3, required: true }] }],
    });
    await expect(invalid).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(discord.registeredCommands.guild(GUILD_ID).map((command) => command.name)).toEqual(['digest']);
  });
});

describe('slash commands', () => {
  it('delivers the interaction and records defer, edit, follow-up and delete', async () => {
    const received = nextInteraction();
    const sent = discord.slashCommand({ name: 'summarize', options: [{ name: 'url', type: 3, value: 'https://example.com/a' }] });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error(`unexpected ${interaction.type}`);
    expect(interaction.id).toBe(sent.id);
    expect(interaction.options.getString('url')).toBe('https://example.com/a');
    expect(interaction.inCachedGuild()).toBe(true);
    expect(interaction.channelId).toBe(NEWS);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    expect(interaction.appPermissions.has(PermissionFlagsBits.EmbedLinks)).toBe(true);
    expect(interaction.commandId).toBe(discord.registeredCommands.global[0]?.id);

    await interaction.deferReply();
    await interaction.editReply({ content: 'Headline <@123>', allowedMentions: { parse: [] } });
    expect((await interaction.fetchReply()).content).toBe('Headline <@123>');
    await interaction.followUp({ content: 'only you', flags: MessageFlags.Ephemeral });

    const [callback] = discord.callbacksFor(sent.id);
    expect(callback).toMatchObject({ type: 5, data: { flags: 0 } });
    expect(callback?.latencyMs).toBeLessThan(1000);
    const callbackCall = discord.calls.find((call) => call.path === `/interactions/${sent.id}/${sent.token}/callback`);
    expect(callbackCall).toMatchObject({ method: 'POST', authorization: null, query: { with_response: 'false' }, status: 204 });
    const edit = discord.calls.find((call) => call.method === 'PATCH' && call.path === `/webhooks/${APP_ID}/${sent.token}/messages/@original`);
    expect(edit?.body).toMatchObject({ content: 'Headline <@123>', allowed_mentions: { parse: [] } });
    const followUp = discord.calls.find((call) => call.method === 'POST' && call.path === `/webhooks/${APP_ID}/${sent.token}`);
    expect(followUp).toMatchObject({ query: { wait: 'true' }, body: { content: 'only you', flags: 64 } });

    const responses = discord.responsesFor(sent.id);
    expect(responses.original).toMatchObject({ content: 'Headline <@123>', mentions: [], flags: 0 });
    expect(responses.followUps.map((message) => message.flags)).toEqual([64]);

    await interaction.deleteReply();
    expect(discord.calls.at(-1)).toMatchObject({ method: 'DELETE', path: `/webhooks/${APP_ID}/${sent.token}/messages/@original`, status: 204 });
    expect(discord.responsesFor(sent.id).original).toBeNull();
  });

  it('answers a second acknowledgement with 40060, as Discord does', async () => {
    const received = nextInteraction();
    discord.slashCommand({ name: 'summarize' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('unexpected');
    await interaction.reply({ content: 'once' });
    const again = client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'twice' } }, auth: false });
    await expect(again).rejects.toMatchObject({ status: 400, code: 40060 });
  });

  it('serves an attachment option and computes Manage Server from roles', async () => {
    const received = nextInteraction();
    discord.slashCommand({
      name: 'summarize',
      memberRoles: [MANAGER_ROLE],
      options: [{ name: 'file', type: 11, value: { filename: 'article.txt', data: 'Once upon a time.' } }],
    });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('unexpected');
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    const file = interaction.options.getAttachment('file', true);
    expect(file.name).toBe('article.txt');
    expect(await (await fetch(file.url)).text()).toBe('Once upon a time.');
    await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
  });

  it('shows a modal and receives its submission', async () => {
    let received = nextInteraction();
    const sent = discord.slashCommand({ name: 'summarize' });
    const command = await received;
    if (!command.isChatInputCommand()) throw new Error('unexpected');
    const input = new TextInputBuilder().setCustomId('text').setLabel('Article text').setStyle(TextInputStyle.Paragraph);
    const row = new ActionRowBuilder<TextInputBuilder>().addComponents(input);
    await command.showModal(new ModalBuilder().setCustomId('summarize-modal').setTitle('Summarize').addComponents(row));
    expect(discord.callbacksFor(sent.id)).toMatchObject([{ type: 9, data: { custom_id: 'summarize-modal', title: 'Summarize' } }]);

    for (const layout of ['actionRow', 'label'] as const) {
      received = nextInteraction();
      const submitted = discord.modalSubmit({ customId: 'summarize-modal', fields: { text: `Pasted ${layout}` }, layout });
      const modal = await received;
      if (!modal.isModalSubmit()) throw new Error('unexpected');
      expect(modal.fields.getTextInputValue('text')).toBe(`Pasted ${layout}`);
      await modal.reply({ content: 'Summary' });
      expect(discord.callbacksFor(submitted.id)).toMatchObject([{ type: 4, data: { content: 'Summary' } }]);
    }
  });

  it('answers autocomplete with respond (type 8)', async () => {
    const received = nextInteraction();
    const sent = discord.autocomplete({ name: 'summarize', options: [{ name: 'language', type: 3, value: 'fr', focused: true }] });
    const interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('unexpected');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'language', value: 'fr' });
    await interaction.respond([{ name: 'French', value: 'fr' }]);
    expect(discord.callbacksFor(sent.id)).toMatchObject([{ type: 8, data: { choices: [{ name: 'French', value: 'fr' }] } }]);
  });

  it('works in DMs: no guild, user instead of member', async () => {
    const received = nextInteraction();
    const sent = discord.slashCommand({ name: 'summarize', guildId: null });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('unexpected');
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.user.id).toBe('900000000000000001');
    await interaction.reply({ content: 'in a DM' });
    expect(discord.responsesFor(sent.id).original?.content).toBe('in a DM');
  });

  it('rejects a callback after the deadline with 10062 Unknown interaction', async () => {
    const late = await startFakeDiscord({ callbackDeadlineMs: 50, guilds: [{ id: GUILD_ID, name: 'G', channels: [{ id: NEWS, name: 'news' }] }] });
    const lateClient = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: late.apiUrl } });
    try {
      const ready = new Promise((resolve) => lateClient.once(Events.ClientReady, resolve));
      await lateClient.login('fake-token');
      await ready;
      const received = nextInteraction(lateClient);
      late.slashCommand({ name: 'summarize' });
      const interaction = await received;
      if (!interaction.isChatInputCommand()) throw new Error('unexpected');
      await new Promise((resolve) => setTimeout(resolve, 80));
      await expect(interaction.deferReply()).rejects.toMatchObject({ status: 404, code: 10062 });
    } finally {
      await lateClient.destroy();
      await late.close();
    }
  });
});

describe('message context menu and buttons', () => {
  it('delivers the target message of "Summarize"', async () => {
    const received = nextInteraction();
    const sent = discord.messageContextMenu({ message: { content: 'Read https://example.com/story', author: { id: '900000000000000009', username: 'poster' } } });
    const interaction = await received;
    if (!interaction.isMessageContextMenuCommand()) throw new Error('unexpected');
    expect(interaction.commandName).toBe('Summarize');
    expect(interaction.targetMessage.content).toBe('Read https://example.com/story');
    expect(interaction.targetMessage.author.id).toBe('900000000000000009');
    const response = await interaction.deferReply({ withResponse: true });
    expect(response.resource?.message?.id).toBe(discord.responsesFor(sent.id).original?.id);
    expect(discord.calls.at(-1)?.query).toEqual({ with_response: 'true' });
    await interaction.editReply('summary');
    expect(discord.responsesFor(sent.id).original).toMatchObject({ content: 'summary', type: 23 });
  });

  it('acknowledges buttons with deferUpdate (6) and update (7)', async () => {
    const channel = client.channels.cache.get(NEWS);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const posted = await channel.send({
      content: 'Summary',
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'more:abc', label: 'More detail' }] }],
    });

    let received = nextInteraction();
    const first = discord.buttonClick({ customId: 'more:abc' });
    const click = await received;
    if (!click.isButton()) throw new Error('unexpected');
    expect(click.message.id).toBe(posted.id);
    await click.deferUpdate();
    await click.editReply({ content: 'Summary (loading detail)' });
    expect(discord.callbacksFor(first.id)).toMatchObject([{ type: 6 }]);
    expect(discord.message(posted.id)?.content).toBe('Summary (loading detail)');

    received = nextInteraction();
    const second = discord.buttonClick({ customId: 'more:abc', message: discord.messages.at(-1) });
    const again = await received;
    if (!again.isButton()) throw new Error('unexpected');
    await again.update({ content: 'Summary (expanded)', components: [] });
    expect(discord.callbacksFor(second.id)).toMatchObject([{ type: 7, data: { content: 'Summary (expanded)', components: [] } }]);
    expect(discord.message(posted.id)).toMatchObject({ content: 'Summary (expanded)', components: [] });
  });
});

describe('channel messages', () => {
  it('de-duplicates a post whose nonce repeats with enforce_nonce', async () => {
    const channel = client.channels.cache.get(NEWS);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const before = discord.messages.length;
    const first = await channel.send({ content: 'digest', nonce: 'abc', enforceNonce: true });
    const second = await channel.send({ content: 'digest', nonce: 'abc', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(first.nonce).toBe('abc');
    expect(discord.messages.length - before).toBe(1);
    expect(discord.deduplicatedPosts).toBe(1);
  });

  it('sends files as multipart and serves them back', async () => {
    const channel = client.channels.cache.get(NEWS);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const message = await channel.send({ content: 'attached', files: [{ attachment: Buffer.from('{"a":1}'), name: 'summary.json' }] });
    const call = discord.calls.findLast((candidate) => candidate.method === 'POST' && candidate.path === `/channels/${NEWS}/messages`);
    expect(call?.body).toMatchObject({ content: 'attached' });
    expect(call?.files.map((file) => [file.field, file.name, file.data.toString()])).toEqual([['files[0]', 'summary.json', '{"a":1}']]);
    const attachment = message.attachments.first();
    expect(attachment?.name).toBe('summary.json');
    expect(await (await fetch(attachment?.url ?? '')).text()).toBe('{"a":1}');
  });

  it('enforces the bot permissions and Discord limits', async () => {
    const quiet = client.channels.cache.get(QUIET);
    if (!quiet?.isSendable()) throw new Error('not sendable');
    await expect(quiet.send('hello')).rejects.toMatchObject({ status: 403, code: 50013 });
    const news = client.channels.cache.get(NEWS);
    if (!news?.isSendable()) throw new Error('not sendable');
    const tooLong = news.send({ embeds: [{ title: 't'.repeat(257) }] });
    await expect(tooLong).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(tooLong).rejects.toMatchObject({ code: 50035, rawError: { errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } } });
  });

  it('records reactions with the emoji decoded', async () => {
    const channel = client.channels.cache.get(NEWS);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const message = await channel.send('react to me');
    await message.react('📰');
    expect(discord.calls.at(-1)).toMatchObject({ method: 'PUT', path: `/channels/${NEWS}/messages/${message.id}/reactions/📰/@me`, status: 204 });
    expect(discord.reactions).toContainEqual({ channelId: NEWS, messageId: message.id, emoji: '📰' });
  });

  it('creates threads, and fails them where switched off', async () => {
    const news = client.channels.cache.get(NEWS);
    const blocked = client.channels.cache.get(NO_THREADS);
    if (news?.type !== ChannelType.GuildText || blocked?.type !== ChannelType.GuildText) throw new Error('not text channels');
    const thread = await news.threads.create({ name: 'Digest' });
    await thread.send('in the thread');
    expect(discord.messages.at(-1)).toMatchObject({ channel_id: thread.id, content: 'in the thread' });

    const starter = await news.send('start a thread here');
    const fromMessage = await starter.startThread({ name: 'Discussion' });
    expect(fromMessage.id).toBe(starter.id);

    discord.failThreadCreation(NO_THREADS);
    await expect(blocked.threads.create({ name: 'Digest' })).rejects.toMatchObject({ status: 403, code: 50013 });
    discord.failThreadCreation(NO_THREADS, false);
    await expect(blocked.threads.create({ name: 'Digest' })).resolves.toBeDefined();
  });

  it('injects failures and records unknown routes', async () => {
    discord.failNext({ method: 'POST', path: `/channels/${NEWS}/messages` }, { status: 403, code: 50001, message: 'Missing Access' });
    const channel = client.channels.cache.get(NEWS);
    if (!channel?.isSendable()) throw new Error('not sendable');
    await expect(channel.send('blocked')).rejects.toMatchObject({ status: 403, code: 50001 });
    await expect(channel.send('allowed')).resolves.toBeDefined();
    expect(() => discord.failNext({ path: '/users/@me' }, { status: 401 })).toThrow(/401/);

    await expect(client.rest.get('/nothing/here' as `/${string}`)).rejects.toMatchObject({ status: 404, code: 0 });
    expect(discord.unknownRoutes.splice(0).map((call) => call.path)).toEqual(['/nothing/here']);
  });
});

describe('gateway events', () => {
  it('delivers MESSAGE_CREATE by intent, with content only under Message Content', async () => {
    expect(discord.messageCreate({ channelId: NEWS, content: 'nobody listens' })).toBeNull();

    const reader = await login([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]);
    try {
      expect(discord.identify?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent);
      const received = new Promise<import('discord.js').Message>((resolve) => reader.once(Events.MessageCreate, resolve));
      const sent = discord.messageCreate({ channelId: NEWS, content: 'https://example.com/news', author: { id: '900000000000000010', username: 'reader' } });
      const message = await received;
      expect(message.id).toBe(sent?.id);
      expect(message.content).toBe('https://example.com/news');
      expect(message.author.bot).toBe(false);
      expect(message.guildId).toBe(GUILD_ID);

      const echoed = new Promise<import('discord.js').Message>((resolve) => reader.once(Events.MessageCreate, resolve));
      const channel = client.channels.cache.get(NEWS);
      if (!channel?.isSendable()) throw new Error('not sendable');
      await channel.send('the bot speaks');
      expect((await echoed).author.id).toBe(APP_ID);
    } finally {
      await reader.destroy();
    }

    const blind = await login([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    try {
      const received = new Promise<import('discord.js').Message>((resolve) => blind.once(Events.MessageCreate, resolve));
      discord.messageCreate({ channelId: NEWS, content: 'https://example.com/hidden' });
      expect((await received).content).toBe('');
    } finally {
      await blind.destroy();
    }
  });

  it('acknowledges heartbeats, so the client never reconnects', async () => {
    const fast = await startFakeDiscord({ heartbeatIntervalMs: 40 });
    const beating = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fast.apiUrl } });
    try {
      const ready = new Promise((resolve) => beating.once(Events.ClientReady, resolve));
      await beating.login('fake-token');
      await ready;
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(fast.gatewayReceived.filter((payload) => payload.op === 1).length).toBeGreaterThanOrEqual(3);
      expect(fast.identifies).toHaveLength(1);
      expect(fast.gatewayReceived.some((payload) => payload.op === 6)).toBe(false);
      expect(beating.ws.ping).toBeGreaterThanOrEqual(0);
    } finally {
      await beating.destroy();
      await fast.close();
    }
  });

  it('resumes after a dropped gateway connection', async () => {
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    discord.disconnectGateway(4000);
    await resumed;
    expect(discord.gatewayReceived.some((payload) => payload.op === 6)).toBe(true);
    const received = nextInteraction();
    const sent = discord.slashCommand({ name: 'summarize' });
    expect((await received).id).toBe(sent.id);
  });

  it('dispatches CHANNEL_DELETE and GUILD_CREATE/GUILD_DELETE', async () => {
    const deleted = new Promise((resolve) => client.once(Events.ChannelDelete, resolve));
    discord.channelDelete(NO_THREADS);
    await deleted;
    expect(client.channels.cache.has(NO_THREADS)).toBe(false);

    const joined = new Promise((resolve) => client.once(Events.GuildCreate, resolve));
    discord.guildCreate({ id: '200000000000000002', name: 'Second', channels: [{ id: '300000000000000009', name: 'general' }] });
    await joined;
    expect(client.guilds.cache.get('200000000000000002')?.channels.cache.size).toBe(1);

    const left = new Promise((resolve) => client.once(Events.GuildDelete, resolve));
    discord.guildDelete('200000000000000002');
    await left;
    expect(client.guilds.cache.has('200000000000000002')).toBe(false);
  });
});

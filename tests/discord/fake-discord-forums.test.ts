import { ChannelType, Client, DiscordAPIError, Events, ForumChannel, GatewayIntentBits, Routes, ThreadChannel, type Message } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../test-support/fake-discord.js';

/**
 * The fake's forum channels, proven with the real discord.js client: posts opened with a starter
 * message, refused as Discord refuses them, and seen over the gateway like Discord's.
 */

const GUILD = '200000000000000001';
const FORUM = '300000000000000001';
const TAGLESS = '300000000000000002';
const TAG = { staff: '500000000000000001', daily: '500000000000000002' } as const;

let discord: FakeDiscord;
let client: Client;

beforeAll(async () => {
  discord = await startFakeDiscord({
    guilds: [
      {
        id: GUILD,
        name: 'Forums',
        channels: [
          { id: '300000000000000009', name: 'general' },
          { id: FORUM, name: 'briefings', type: 15, flags: 1 << 4, availableTags: [{ id: TAG.staff, name: 'Staff', moderated: true }, { id: TAG.daily, name: 'Daily' }] },
          { id: TAGLESS, name: 'open', type: 15 },
        ],
      },
    ],
  });
  client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent], rest: { api: discord.apiUrl } });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login('fake-token');
  await ready;
});
afterAll(async () => {
  await client?.destroy();
  await discord?.close();
});

const apiError = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
};

describe('forum channels', () => {
  it('arrive as forum channels with their tags and flags', () => {
    const forum = client.channels.cache.get(FORUM);
    expect(forum).toBeInstanceOf(ForumChannel);
    const { availableTags, flags } = forum as ForumChannel;
    expect(availableTags.map((tag) => [tag.id, tag.moderated])).toEqual([[TAG.staff, true], [TAG.daily, false]]);
    expect(flags.bitfield).toBe(1 << 4);
  });

  it('open a post whose starter message shares its id, seen as THREAD_CREATE then MESSAGE_CREATE', async () => {
    const created = new Promise<ThreadChannel>((resolve) => client.once(Events.ThreadCreate, resolve));
    const post = (await client.rest.post(Routes.threads(FORUM), {
      body: { name: 'Daily digest — Tue 24 Nov', applied_tags: [TAG.daily], message: { embeds: [{ title: 'Header' }], allowed_mentions: { parse: [] } } },
    })) as { id: string; parent_id: string; applied_tags: string[]; message: { id: string; channel_id: string } };
    expect(post.parent_id).toBe(FORUM);
    expect(post.applied_tags).toEqual([TAG.daily]);
    expect(post.message.id).toBe(post.id);
    expect(post.message.channel_id).toBe(post.id);
    const thread = await created;
    expect(thread.id).toBe(post.id);
    expect(thread.parent?.type).toBe(ChannelType.GuildForum);
    expect(discord.message(post.id)?.embeds).toEqual([{ type: 'rich', title: 'Header' }]);

    // Messages go in the post; the post is listed among the guild's active threads.
    await client.rest.post(Routes.channelMessages(post.id), { body: { content: 'in the post' } });
    const active = (await client.rest.get(Routes.guildActiveThreads(GUILD))) as { threads: Array<{ id: string }> };
    expect(active.threads.map((entry) => entry.id)).toContain(post.id);
  });

  it('refuse what Discord refuses: a message to the forum, a post without its required tag, a moderated tag, no message', async () => {
    expect((await apiError(client.rest.post(Routes.channelMessages(FORUM), { body: { content: 'hello' } }))).code).toBe(50008);
    expect((await apiError(client.rest.post(Routes.threads(FORUM), { body: { name: 'x', message: { content: 'hi' } } }))).code).toBe(40067);
    expect((await apiError(client.rest.post(Routes.threads(FORUM), { body: { name: 'x', applied_tags: [TAG.staff], message: { content: 'hi' } } }))).code).toBe(50013);
    expect((await apiError(client.rest.post(Routes.threads(TAGLESS), { body: { name: 'x' } }))).code).toBe(50035);
  });

  it('let a user open a post: the client gets its starter message in the post', async () => {
    const received = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
    const { threadId } = discord.forumPost({ channelId: TAGLESS, name: 'Question', content: 'Has anyone read this?' });
    const message = await received;
    expect(message.id).toBe(threadId);
    expect(message.channelId).toBe(threadId);
    expect(message.content).toBe('Has anyone read this?');
    expect(message.channel.isThread() && message.channel.parentId).toBe(TAGLESS);
    // A forum that requires a tag refuses a user's post without one too.
    expect(() => discord.forumPost({ channelId: FORUM, name: 'No tag', content: 'hi' })).toThrow(/40067/);
  });
});

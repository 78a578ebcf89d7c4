import {
  ChannelFlags,
  ChannelType,
  PermissionFlagsBits,
  Routes,
  type APIChannel,
  type APIEmbed,
  type APIMessage,
  type Client,
  type RESTGetAPIGuildThreadsResult,
} from 'discord.js';
import type { ForumPosts } from '../digest/post-run.js';
import { digestPostTag, type ForumTagRules } from './forum-channels.js';
import { digestMessageBody, type DigestMessage } from './render/digest-messages.js';
import { NO_MENTIONS } from './render/neutralise-mentions.js';

/** Discord keeps a thread's name to 100 characters. */
const POST_NAME_MAX = 100;
/** A day without messages archives the post, as for a digest's thread; a resumed run still finds it active. */
const POST_ARCHIVE_MINUTES = 1440;
/** The name of the post a feed notice opens in a forum, which takes no plain messages. */
const NOTICE_POST_NAME = 'Feed notice';

export interface DiscordForumPosts extends ForumPosts<DigestMessage> {
  /** A feed notice in a forum: a post of its own, named NOTICE_POST_NAME, pings off. False when the channel is no forum. */
  postNotice(channelId: string, content: string): Promise<boolean>;
}

interface ChannelFacts extends ForumTagRules {
  forum: boolean;
  guildId: string | null;
  /** Whether the bot may apply moderated tags (Manage Threads); null when the channel came from REST, without the guild's roles. */
  mayModerate: boolean | null;
}

/**
 * Digest posts in forum channels through discord.js's REST client. The channel's type and tags come
 * from the gateway's cache (kept current by CHANNEL_UPDATE), or one GET when it is not cached.
 */
export function createForumPosts(client: Client): DiscordForumPosts {
  async function factsOf(channelId: string): Promise<ChannelFacts> {
    const cached = client.channels.cache.get(channelId);
    if (cached) {
      if (cached.type !== ChannelType.GuildForum) return { forum: false, guildId: null, requiresTag: false, tags: [], mayModerate: null };
      const permissions = client.user ? cached.permissionsFor(client.user) : null;
      return {
        forum: true,
        guildId: cached.guildId,
        requiresTag: cached.flags.has(ChannelFlags.RequireTag),
        tags: cached.availableTags.map((tag) => ({ id: tag.id, moderated: tag.moderated })),
        mayModerate: permissions ? permissions.has(PermissionFlagsBits.ManageThreads) : null,
      };
    }
    const channel = (await client.rest.get(Routes.channel(channelId))) as APIChannel;
    if (channel.type !== ChannelType.GuildForum) return { forum: false, guildId: null, requiresTag: false, tags: [], mayModerate: null };
    return {
      forum: true,
      guildId: channel.guild_id ?? null,
      requiresTag: ((channel.flags ?? 0) & ChannelFlags.RequireTag) !== 0,
      tags: channel.available_tags.map((tag) => ({ id: tag.id, moderated: tag.moderated })),
      mayModerate: null,
    };
  }

  /**
   * The post an earlier attempt of this run opened: the bot's, in this forum, with this name and
   * this header as its starter message (another digest the same day shares the name, not the header).
   */
  async function findOpened(facts: ChannelFacts, forumId: string, name: string, message: DigestMessage): Promise<string | null> {
    if (!facts.guildId) return null;
    const { threads } = (await client.rest.get(Routes.guildActiveThreads(facts.guildId))) as RESTGetAPIGuildThreadsResult;
    const candidates = threads
      .filter((thread) => 'parent_id' in thread && thread.parent_id === forumId && 'owner_id' in thread && thread.owner_id === client.user?.id && thread.name === name)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    for (const thread of candidates) {
      // A starter message that cannot be read (deleted, or no Read Message History) is not taken for ours.
      const starter = (await client.rest.get(Routes.channelMessage(thread.id, thread.id)).catch(() => null)) as APIMessage | null;
      if (starter && sameHeader(starter.embeds, message.embeds)) return thread.id;
    }
    return null;
  }

  /** Opens a post (with the forum's required tag) and returns its id. */
  async function open(forumId: string, facts: ChannelFacts, name: string, message: object): Promise<string> {
    const tag = digestPostTag(facts, facts.mayModerate);
    if (tag.required && tag.tagId === null) throw new Error(`forum ${forumId} requires a tag on each post and has none the bot may apply`);
    const post = (await client.rest.post(Routes.threads(forumId), {
      body: { name: name.slice(0, POST_NAME_MAX), auto_archive_duration: POST_ARCHIVE_MINUTES, message, ...(tag.required ? { applied_tags: [tag.tagId] } : {}) },
    })) as { id: string };
    return post.id;
  }

  return {
    async isForum(channelId) {
      return (await factsOf(channelId)).forum;
    },
    async openPost(forumId, name, message, retry) {
      const facts = await factsOf(forumId);
      const opened = retry ? await findOpened(facts, forumId, name.slice(0, POST_NAME_MAX), message) : null;
      return opened ?? (await open(forumId, facts, name, digestMessageBody(message)));
    },
    async postNotice(channelId, content) {
      const facts = await factsOf(channelId);
      if (!facts.forum) return false;
      await open(channelId, facts, NOTICE_POST_NAME, { content, allowed_mentions: NO_MENTIONS });
      return true;
    },
  };
}

/** Same titles and descriptions, in order: what tells one digest's header from another's. */
function sameHeader(posted: readonly APIEmbed[], sent: readonly APIEmbed[]): boolean {
  const key = (embeds: readonly APIEmbed[]) => JSON.stringify(embeds.map((embed) => [embed.title ?? '', embed.description ?? '']));
  return key(posted) === key(sent);
}

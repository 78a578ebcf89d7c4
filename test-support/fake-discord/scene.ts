import { storeFile } from './messages.js';
import {
  type FakeAttachment,
  type FakeChannel,
  type FakeMessage,
  type FakeUser,
  type Json,
  type PermissionInput,
  attachmentPayload,
  dmChannelPayload,
  messagePayload,
  snowflake,
  userPayload,
} from './payloads.js';
import { type DiscordState, DEFAULT_USER } from './state.js';

/**
 * Where an event happens, who does it, and on which message: resolves a test's short
 * description (ids, specs) into the stored guild, channel, user and message payloads.
 */

/** Where an interaction or message happens and who does it. */
export interface InteractionContext {
  /** Default: the first guild. `null`: the bot's DMs (context 1, `user` instead of `member`). */
  guildId?: string | null;
  /** Default: the guild's first text channel; in DMs, the user's DM channel. */
  channelId?: string;
  /** Default: `DEFAULT_USER` (tester). */
  user?: FakeUser;
  /** The member's role ids; they count in the computed permissions. */
  memberRoles?: string[];
  /** `member.permissions`. Default: computed from @everyone, `memberRoles` and the channel's overwrites. */
  memberPermissions?: PermissionInput;
  /** `app_permissions`. Default: the bot's computed permissions in the channel (DMs: Discord's DM set). */
  appPermissions?: PermissionInput;
  /** The user's locale; default `en-US`. */
  locale?: string;
}

/** A file on a message or in an attachment option. With `data`, the fake serves it at `url`. */
export interface AttachmentSpec {
  id?: string;
  filename: string;
  contentType?: string;
  data?: string | Buffer;
  /** Where it lives when the fake does not serve it (e.g. a page server). */
  url?: string;
  size?: number;
}

export interface MessageSpec {
  id?: string;
  content?: string;
  /** Default: another user than the invoker (`author`, 900000000000000003). */
  author?: FakeUser;
  embeds?: Json[];
  components?: Json[];
  attachments?: AttachmentSpec[];
  flags?: number;
  webhookId?: string;
}

const OTHER_USER: FakeUser = { id: '900000000000000003', username: 'author', globalName: 'Author' };

export function createScene(state: DiscordState) {
  /** The guild (undefined in DMs), channel and user an event happens with; throws on unknown ids. */
  function place(context: InteractionContext) {
    const user = context.user ?? DEFAULT_USER;
    const userJson = userPayload(user);
    const known = context.channelId === undefined ? undefined : state.channels.get(context.channelId);
    const guildId =
      context.guildId !== undefined ? context.guildId : known ? (known.guild_id ?? null) : ([...state.guilds.keys()][0] ?? null);
    if (guildId === null) {
      const channelId = context.channelId ?? dmChannelFor(user.id, userJson);
      if (!state.channels.has(channelId)) state.channels.set(channelId, dmChannelPayload(channelId, userJson));
      const channel = state.channels.get(channelId);
      if (!channel || channel.guild_id) throw new Error(`fake-discord: channel ${channelId} is in a guild, not a DM`);
      return { user, userJson, guild: undefined, channel };
    }
    const guild = state.guilds.get(guildId);
    if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
    const channelId = context.channelId ?? guild.channelIds.find((id) => state.channels.get(id)?.type === 0);
    const channel = channelId === undefined ? undefined : state.channels.get(channelId);
    if (!channel || channel.guild_id !== guildId) throw new Error(`fake-discord: unknown channel ${String(channelId)} in guild ${guildId}`);
    return { user, userJson, guild, channel };
  }

  function dmChannelFor(userId: string, userJson: Json): string {
    const existing = state.dmChannels.get(userId);
    if (existing) return existing;
    const id = snowflake();
    state.dmChannels.set(userId, id);
    state.channels.set(id, dmChannelPayload(id, userJson));
    return id;
  }

  function resolveAttachment(channelId: string, spec: AttachmentSpec, ephemeral: boolean): FakeAttachment {
    const contentType = spec.contentType ?? 'text/plain; charset=utf-8';
    const id = spec.id ?? snowflake();
    if (spec.data !== undefined) {
      const data = typeof spec.data === 'string' ? Buffer.from(spec.data) : spec.data;
      return { ...storeFile(state, channelId, spec.filename, data, contentType, id), ...(ephemeral ? { ephemeral: true } : {}) };
    }
    if (!spec.url) throw new Error(`fake-discord: attachment ${spec.filename} needs data or a url`);
    return attachmentPayload({ id, filename: spec.filename, size: spec.size ?? 0, contentType, url: spec.url, ephemeral });
  }

  function buildMessage(channel: FakeChannel, spec: MessageSpec): FakeMessage {
    const message = messagePayload({
      channel_id: channel.id,
      author: userPayload(spec.author ?? OTHER_USER),
      content: spec.content ?? '',
      embeds: spec.embeds ?? [],
      components: spec.components ?? [],
      attachments: (spec.attachments ?? []).map((attachment) => resolveAttachment(channel.id, attachment, false)),
      flags: spec.flags ?? 0,
      ...(spec.id ? { id: spec.id } : {}),
      ...(spec.webhookId ? { webhook_id: spec.webhookId } : {}),
    });
    state.messages.set(message.id, message);
    return message;
  }

  /** The stored message a test passed (from `discord.messages`…), or a new one from a spec. */
  function messageFor(channel: FakeChannel, message: MessageSpec | FakeMessage | undefined): FakeMessage {
    if (message && 'channel_id' in message) return state.messages.get(message.id) ?? message;
    if (message) return buildMessage(channel, message);
    const byBot = (candidate: FakeMessage) => candidate.channel_id === channel.id && (candidate.author as { id: string }).id === state.botUser.id;
    const newest = [...state.messages.values()].reverse().find(byBot);
    return newest ?? buildMessage(channel, { author: { id: state.botUser.id, username: String(state.botUser.username), bot: true }, content: 'a message from the bot' });
  }

  return { place, resolveAttachment, buildMessage, messageFor };
}

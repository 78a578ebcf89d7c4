import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import type { GatewaySession } from './gateway.js';
import type { RecordedFile } from './http.js';
import { type FakeAttachment, type FakeMessage, type Json, attachmentPayload, messagePayload, snowflake } from './payloads.js';
import { type DiscordState, permissionsIn } from './state.js';

/** Creating and editing messages from request bodies the way Discord does. */

type Body = Record<string, unknown>;

/** Uploaded `files[n]` become attachments served by the fake; `body.attachments[n]` may rename them. */
export function attachmentsFromFiles(state: DiscordState, channelId: string, body: Body, files: RecordedFile[]): FakeAttachment[] {
  const described = Array.isArray(body.attachments) ? (body.attachments as Body[]) : [];
  return files.map((file, position) => {
    const index = /\[(\d+)\]/.exec(file.field)?.[1] ?? String(position);
    const meta = described.find((attachment) => String(attachment.id) === index);
    const filename = typeof meta?.filename === 'string' ? meta.filename : file.name;
    return storeFile(state, channelId, filename, file.data, file.contentType);
  });
}

export function storeFile(state: DiscordState, channelId: string, filename: string, data: Buffer, contentType: string, id = snowflake()): FakeAttachment {
  const key = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
  state.files.set(key, { data, contentType });
  return attachmentPayload({ id, filename, size: data.length, contentType, url: `${state.origin}${key}` });
}

/**
 * Who a message pings, as Discord decides from the content and `allowed_mentions`: without
 * `allowed_mentions`, everything in the content pings.
 */
export function mentionsOf(content: string, allowed: Body | undefined, repliedUser: Json | null): Pick<FakeMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
  const parse = Array.isArray(allowed?.parse) ? (allowed.parse as string[]) : allowed ? [] : ['users', 'roles', 'everyone'];
  const allowedUsers = Array.isArray(allowed?.users) ? (allowed.users as string[]) : [];
  const allowedRoles = Array.isArray(allowed?.roles) ? (allowed.roles as string[]) : [];
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? '');
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? '');
  const users = [...new Set(userIds)]
    .filter((id) => parse.includes('users') || allowedUsers.includes(id))
    .map((id) => ({ id, username: `user-${id}`, global_name: null, discriminator: '0', avatar: null }));
  if (repliedUser && allowed?.replied_user !== false && !users.some((user) => user.id === repliedUser.id)) users.push(repliedUser as (typeof users)[number]);
  return {
    mentions: users,
    mention_roles: [...new Set(roleIds)].filter((id) => parse.includes('roles') || allowedRoles.includes(id)),
    mention_everyone: parse.includes('everyone') && /@(everyone|here)/.test(content),
  };
}

export function normalizeEmbeds(embeds: unknown): Json[] {
  return Array.isArray(embeds) ? (embeds as Json[]).map((embed) => ({ type: 'rich', ...embed })) : [];
}

export function isEmptyMessage(body: Body, files: RecordedFile[]): boolean {
  const hasText = typeof body.content === 'string' && body.content.trim() !== '';
  const hasList = (key: string) => Array.isArray(body[key]) && (body[key] as unknown[]).length > 0;
  return !hasText && !hasList('embeds') && !hasList('components') && !hasList('sticker_ids') && files.length === 0 && !body.poll;
}

/** A new message from a create body; `extra` wins (author, type, flags, webhook ids…). */
export function createMessage(state: DiscordState, channelId: string, body: Body, files: RecordedFile[], extra: Partial<FakeMessage> & { author: Json }): FakeMessage {
  const reference = body.message_reference as Body | undefined;
  const referenced = typeof reference?.message_id === 'string' ? state.messages.get(reference.message_id) : undefined;
  const content = typeof body.content === 'string' ? body.content : '';
  const message = messagePayload({
    channel_id: channelId,
    content,
    tts: body.tts === true,
    embeds: normalizeEmbeds(body.embeds),
    components: Array.isArray(body.components) ? (body.components as Json[]) : [],
    attachments: attachmentsFromFiles(state, channelId, body, files),
    flags: typeof body.flags === 'number' ? body.flags : 0,
    ...mentionsOf(content, body.allowed_mentions as Body | undefined, referenced?.author ?? null),
    ...(body.nonce === undefined ? {} : { nonce: body.nonce as string | number }),
    ...(reference
      ? {
          type: 19,
          message_reference: { type: 0, channel_id: channelId, message_id: reference.message_id, ...(reference.guild_id ? { guild_id: reference.guild_id } : {}) },
          referenced_message: referenced ?? null,
        }
      : {}),
    ...extra,
  });
  if (message.author.id === state.botUser.id) message.mention_roles = pingableRoles(state, channelId, message.mention_roles as string[]);
  state.messages.set(message.id, message);
  return message;
}

/**
 * Of the roles a bot's message is allowed to ping, those Discord does ping: a role marked
 * mentionable, or any role when the bot has Mention Everyone in the channel. The rest show as a
 * mention and notify no one.
 */
function pingableRoles(state: DiscordState, channelId: string, roleIds: string[]): string[] {
  const channel = state.channels.get(channelId);
  const guild = channel?.guild_id ? state.guilds.get(channel.guild_id) : undefined;
  if (!guild || roleIds.length === 0) return roleIds;
  const mayMentionAll = ((permissionsIn(state, channelId, state.botUser.id) ?? 0n) & PermissionFlagsBits.MentionEveryone) !== 0n;
  return roleIds.filter((id) => mayMentionAll || guild.roles.some((role) => role.id === id && role.mentionable === true));
}

/** An edit: the fields present replace the old ones; new files are added to the kept attachments. */
export function editMessage(state: DiscordState, message: FakeMessage, body: Body, files: RecordedFile[]): FakeMessage {
  if (typeof body.content === 'string' || body.content === null) message.content = body.content ?? '';
  if ('embeds' in body) message.embeds = normalizeEmbeds(body.embeds);
  if ('components' in body) message.components = Array.isArray(body.components) ? (body.components as Json[]) : [];
  if (typeof body.flags === 'number') message.flags = (message.flags & 64) | (body.flags & ~64);
  if (Array.isArray(body.attachments)) {
    const kept = new Set((body.attachments as Body[]).map((attachment) => String(attachment.id)));
    message.attachments = message.attachments.filter((attachment) => kept.has(attachment.id));
  }
  message.attachments.push(...attachmentsFromFiles(state, message.channel_id, body, files));
  message.flags &= ~128; // an edit ends the "thinking…" state of a deferred reply
  if ('content' in body || 'allowed_mentions' in body) Object.assign(message, mentionsOf(message.content, body.allowed_mentions as Body | undefined, null));
  message.edited_timestamp = new Date().toISOString();
  return message;
}

const GUILD_MESSAGES = GatewayIntentBits.GuildMessages;
const DIRECT_MESSAGES = GatewayIntentBits.DirectMessages;
const MESSAGE_CONTENT = GatewayIntentBits.MessageContent;

/**
 * The MESSAGE_CREATE a session would get, or null: guild messages need GuildMessages, DMs need
 * DirectMessages. Without MessageContent, content, embeds, attachments and components arrive
 * empty unless the message is the bot's own, a DM, or mentions the bot.
 */
export function messageCreateFor(state: DiscordState, message: FakeMessage, session: GatewaySession): Json | null {
  const channel = state.channels.get(message.channel_id);
  const guildId = channel?.guild_id;
  const intents = session.identify.intents;
  if (!(intents & (guildId ? GUILD_MESSAGES : DIRECT_MESSAGES))) return null;
  const author = message.author as { id: string };
  const mentionsBot = (message.mentions as Array<{ id: string }>).some((user) => user.id === state.botUser.id);
  const sees = Boolean(intents & MESSAGE_CONTENT) || !guildId || author.id === state.botUser.id || mentionsBot;
  const guild = guildId ? state.guilds.get(guildId) : undefined;
  const member = guild?.members.get(author.id);
  return {
    ...message,
    ...(guildId ? { guild_id: guildId } : {}),
    ...(member && !message.webhook_id ? { member: { ...member, user: undefined } } : {}),
    ...(sees ? {} : { content: '', embeds: [], attachments: [], components: [] }),
  };
}

import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * Builders for the JSON objects the fake Discord sends: users, roles, members, channels, guilds,
 * messages and attachments, in the shapes discord.js 14.28's constructors read. Ids are real
 * snowflakes (discord.js derives timestamps from them); tests may pass any numeric string instead.
 */

/** Every payload is plain JSON; the named fields are the ones tests read. */
export type Json = Record<string, unknown>;

/** A permission bitfield: a bigint (`PermissionFlagsBits.X | …`) or its decimal string. */
export type PermissionInput = bigint | string;

export interface FakeUser {
  id: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

export interface FakeAttachment extends Json {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

export interface FakeMessage extends Json {
  id: string;
  channel_id: string;
  author: Json;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: FakeAttachment[];
  flags: number;
  type: number;
  timestamp: string;
  edited_timestamp: string | null;
  nonce?: string | number;
}

export interface FakeChannel extends Json {
  id: string;
  type: number;
  name?: string;
  guild_id?: string;
  parent_id?: string | null;
  permission_overwrites?: ApiOverwrite[];
}

export interface ApiOverwrite {
  id: string;
  /** 0 role, 1 member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface ApiRole extends Json {
  id: string;
  name: string;
  permissions: string;
  position: number;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, increasing snowflake for `at` (default now). */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export const ALL_PERMISSIONS = PermissionsBitField.All;

/** Roughly Discord's default @everyone: read, write, embed, attach, react, threads, commands. */
export const DEFAULT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands;

/** What Discord reports as `app_permissions` in a DM with the bot. */
export const DM_APP_PERMISSIONS =
  PermissionFlagsBits.AttachFiles | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.MentionEveryone | PermissionFlagsBits.UseExternalEmojis;

export function toBits(value: PermissionInput): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

export function userPayload(user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName ?? null,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function rolePayload(role: { id: string; name: string; permissions: PermissionInput; position?: number; managed?: boolean; mentionable?: boolean }): ApiRole {
  return {
    id: role.id,
    name: role.name,
    permissions: toBits(role.permissions).toString(),
    position: role.position ?? 1,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    managed: role.managed ?? false,
    mentionable: role.mentionable ?? false,
    flags: 0,
  };
}

export function memberPayload(user: Json, roles: string[], joinedAt: string, permissions?: bigint): Json {
  return {
    user,
    roles,
    nick: null,
    avatar: null,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
  };
}

export function overwritePayload(overwrite: { id: string; type: 'role' | 'member' | 0 | 1; allow?: PermissionInput; deny?: PermissionInput }): ApiOverwrite {
  return {
    id: overwrite.id,
    type: overwrite.type === 'member' || overwrite.type === 1 ? 1 : 0,
    allow: toBits(overwrite.allow ?? 0n).toString(),
    deny: toBits(overwrite.deny ?? 0n).toString(),
  };
}

export function guildChannelPayload(
  guildId: string,
  spec: { id: string; name: string; type?: number; parentId?: string | null; permissionOverwrites?: ApiOverwrite[]; flags?: number; availableTags?: ForumTagSpec[] },
  position: number,
): FakeChannel {
  const forum = spec.type === 15 || spec.type === 16;
  return {
    id: spec.id,
    type: spec.type ?? 0,
    guild_id: guildId,
    name: spec.name,
    position,
    permission_overwrites: spec.permissionOverwrites ?? [],
    parent_id: spec.parentId ?? null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: spec.flags ?? 0,
    ...(forum ? forumFields(spec) : {}),
  };
}

export interface ForumTagSpec {
  id: string;
  name: string;
  moderated?: boolean;
}

/** The fields a forum (15) or media (16) channel adds: its tags, and defaults a client reads. */
function forumFields(spec: { availableTags?: ForumTagSpec[] }): Json {
  return {
    available_tags: (spec.availableTags ?? []).map((tag) => ({ id: tag.id, name: tag.name, moderated: tag.moderated ?? false, emoji_id: null, emoji_name: null })),
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: 0,
    default_thread_rate_limit_per_user: 0,
  };
}

export function dmChannelPayload(id: string, recipient: Json): FakeChannel {
  return { id, type: 1, last_message_id: null, flags: 0, recipients: [recipient] };
}

export function threadPayload(options: {
  id: string;
  guildId: string;
  parentId: string;
  name: string;
  ownerId: string;
  type?: number;
  autoArchiveDuration?: number;
}): FakeChannel {
  const now = new Date().toISOString();
  return {
    id: options.id,
    type: options.type ?? 11,
    guild_id: options.guildId,
    parent_id: options.parentId,
    name: options.name,
    owner_id: options.ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: options.autoArchiveDuration ?? 1440,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
    },
    member: { id: options.id, user_id: options.ownerId, join_timestamp: now, flags: 0 },
  };
}

/** A message in the API's shape; `spec` fields win over the defaults. */
export function messagePayload(spec: Partial<FakeMessage> & { channel_id: string; author: Json }): FakeMessage {
  const id = spec.id ?? snowflake();
  return {
    id,
    type: 0,
    content: '',
    timestamp: timestampOf(id),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    ...spec,
  };
}

export function attachmentPayload(options: { id: string; filename: string; size: number; contentType: string; url: string; ephemeral?: boolean }): FakeAttachment {
  return {
    id: options.id,
    filename: options.filename,
    size: options.size,
    url: options.url,
    proxy_url: options.url,
    content_type: options.contentType,
    ...(options.ephemeral ? { ephemeral: true } : {}),
  };
}

/** The ISO time a snowflake encodes, or now for ids that are not snowflakes. */
export function timestampOf(id: string): string {
  try {
    const ms = Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
    if (ms > Date.UTC(2015, 0, 1) && ms < Date.now() + 86_400_000) return new Date(ms).toISOString();
  } catch {
    // not a number: fall through
  }
  return new Date().toISOString();
}

/**
 * Discord's permission algorithm: @everyone and the member's roles, Administrator or ownership
 * grants everything, then the channel's overwrites (@everyone, roles, member) in that order.
 */
export function computePermissions(options: {
  guildId: string;
  ownerId: string;
  roles: ApiRole[];
  memberId: string;
  memberRoleIds: string[];
  overwrites: ApiOverwrite[];
}): bigint {
  if (options.memberId === options.ownerId) return ALL_PERMISSIONS;
  let bits = 0n;
  for (const role of options.roles) {
    if (role.id === options.guildId || options.memberRoleIds.includes(role.id)) bits |= BigInt(role.permissions);
  }
  if (bits & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
  const apply = (allow: bigint, deny: bigint) => {
    bits = (bits & ~deny) | allow;
  };
  const everyone = options.overwrites.find((overwrite) => overwrite.id === options.guildId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of options.overwrites) {
    if (overwrite.type === 0 && overwrite.id !== options.guildId && options.memberRoleIds.includes(overwrite.id)) {
      roleAllow |= BigInt(overwrite.allow);
      roleDeny |= BigInt(overwrite.deny);
    }
  }
  apply(roleAllow, roleDeny);
  const member = options.overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === options.memberId);
  if (member) apply(BigInt(member.allow), BigInt(member.deny));
  return bits;
}

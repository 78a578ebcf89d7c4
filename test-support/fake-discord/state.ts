import {
  type ApiOverwrite,
  type ApiRole,
  type FakeChannel,
  type FakeMessage,
  type FakeUser,
  type Json,
  type PermissionInput,
  DEFAULT_PERMISSIONS,
  computePermissions,
  guildChannelPayload,
  memberPayload,
  overwritePayload,
  rolePayload,
  snowflake,
  userPayload,
} from './payloads.js';

/** What the fake Discord knows: guilds, channels, messages, interactions, commands. */

export interface FakeChannelSpec {
  id: string;
  name: string;
  /** 0 text (default), 2 voice, 4 category, 5 announcement, 13 stage, 15 forum, 16 media. */
  type?: number;
  parentId?: string;
  /** Channel flags; for a forum, 16 (REQUIRE_TAG) makes every post need a tag. */
  flags?: number;
  /** A forum's or media channel's tags. */
  availableTags?: Array<{ id: string; name: string; moderated?: boolean }>;
  /** `id` is a role id (the guild id for @everyone) or, with `type: 'member'`, a user id. */
  permissionOverwrites?: Array<{ id: string; type: 'role' | 'member'; allow?: PermissionInput; deny?: PermissionInput }>;
}

export interface FakeRoleSpec {
  id: string;
  name: string;
  permissions: PermissionInput;
  position?: number;
  /** "Allow anyone to @mention this role"; default false, as Discord's. */
  mentionable?: boolean;
}

export interface FakeGuildSpec {
  id: string;
  name: string;
  channels?: FakeChannelSpec[];
  roles?: FakeRoleSpec[];
  /** Defaults to a user that is neither the bot nor the default interaction user. */
  ownerId?: string;
  /** The @everyone role's permissions; default `DEFAULT_PERMISSIONS`. */
  everyonePermissions?: PermissionInput;
  /** The bot's own (managed) role; default `DEFAULT_PERMISSIONS`. */
  botPermissions?: PermissionInput;
  preferredLocale?: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  joinedAt: string;
  roles: ApiRole[];
  botRoleId: string;
  /** Guild channels (not threads), in GUILD_CREATE order. */
  channelIds: string[];
  /** Members by user id; the bot always, interaction users once they appear. */
  members: Map<string, Json>;
}

export interface RecordedCallback {
  type: number;
  data: Json | undefined;
  /** `performance.now()` when it arrived. */
  at: number;
  /** Milliseconds between the dispatch and this callback. */
  latencyMs: number;
}

export interface InteractionRecord {
  payload: Json & { id: string; token: string; type: number };
  dispatchedAt: number;
  channelId: string;
  callbacks: RecordedCallback[];
  /** The message `@original` names: the reply, or the component's message after type 6/7. */
  originalId: string | null;
  followUpIds: string[];
}

export interface RegisteredCommand extends Json {
  id: string;
  name: string;
  type: number;
  description: string;
  guild_id?: string;
}

export interface StoredFile {
  data: Buffer;
  contentType: string;
}

export interface DiscordState {
  origin: string;
  applicationId: string;
  botUser: Json & { id: string };
  guilds: Map<string, GuildState>;
  channels: Map<string, FakeChannel>;
  /** The DM channel with each user, by user id. */
  dmChannels: Map<string, string>;
  /** Every live message by id: the bot's, users' (dispatched) and interaction responses. */
  messages: Map<string, FakeMessage>;
  /** Messages the bot created with POST /channels/{id}/messages (and its forum posts' starter messages), in order; deleted ones stay. */
  posted: FakeMessage[];
  interactions: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  globalCommands: RegisteredCommand[];
  guildCommands: Map<string, RegisteredCommand[]>;
  reactions: Array<{ channelId: string; messageId: string; emoji: string }>;
  /** Served at `origin + key`, e.g. `/attachments/{channel}/{id}/{filename}`. */
  files: Map<string, StoredFile>;
  nonces: Map<string, { messageId: string; at: number }>;
  deduplicatedPosts: number;
  threadFailures: Set<string>;
  callbackDeadlineMs: number;
  nonceWindowMs: number;
  /** GET /gateway/bot: the recommended shard count and the identify concurrency. */
  recommendedShards: number;
  maxConcurrency: number;
}

export const DEFAULT_USER: FakeUser = { id: '900000000000000001', username: 'tester', globalName: 'Tester' };
const DEFAULT_OWNER_ID = '900000000000000002';

export function addGuild(state: DiscordState, spec: FakeGuildSpec): GuildState {
  const botRoleId = snowflake();
  const joinedAt = new Date().toISOString();
  const roles = [
    rolePayload({ id: spec.id, name: '@everyone', permissions: spec.everyonePermissions ?? DEFAULT_PERMISSIONS, position: 0 }),
    rolePayload({ id: botRoleId, name: String(state.botUser.username), permissions: spec.botPermissions ?? DEFAULT_PERMISSIONS, position: 1, managed: true }),
    ...(spec.roles ?? []).map((role, index) => rolePayload({ ...role, position: role.position ?? index + 2 })),
  ];
  const guild: GuildState = {
    id: spec.id,
    name: spec.name,
    ownerId: spec.ownerId ?? DEFAULT_OWNER_ID,
    preferredLocale: spec.preferredLocale ?? 'en-US',
    joinedAt,
    roles,
    botRoleId,
    channelIds: [],
    members: new Map([[state.botUser.id, memberPayload(state.botUser, [botRoleId], joinedAt)]]),
  };
  state.guilds.set(guild.id, guild);
  (spec.channels ?? []).forEach((channel, position) => {
    const permissionOverwrites = (channel.permissionOverwrites ?? []).map(overwritePayload);
    state.channels.set(channel.id, guildChannelPayload(guild.id, { ...channel, permissionOverwrites }, position));
    guild.channelIds.push(channel.id);
  });
  return guild;
}

/** The GUILD_CREATE `d` for a guild the bot is in. */
export function guildCreatePayload(state: DiscordState, guild: GuildState): Json {
  const channels = guild.channelIds.flatMap((id) => state.channels.get(id) ?? []).map(({ guild_id: _guildId, ...channel }) => channel);
  return {
    ...guildPayload(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    members: [...guild.members.values()],
    channels,
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function guildPayload(guild: GuildState): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/**
 * A user's permissions in a channel, with Discord's algorithm. Threads use their parent's
 * overwrites. `null` for channels outside any guild (DMs).
 */
export function permissionsIn(state: DiscordState, channelId: string, userId: string, roleIds?: string[]): bigint | null {
  const channel = state.channels.get(channelId);
  const guild = channel?.guild_id ? state.guilds.get(channel.guild_id) : undefined;
  if (!channel || !guild) return null;
  const parent = isThread(channel) && channel.parent_id ? state.channels.get(channel.parent_id) : channel;
  const memberRoles = roleIds ?? ((guild.members.get(userId)?.roles as string[] | undefined) ?? []);
  const overwrites: ApiOverwrite[] = parent?.permission_overwrites ?? [];
  return computePermissions({ guildId: guild.id, ownerId: guild.ownerId, roles: guild.roles, memberId: userId, memberRoleIds: memberRoles, overwrites });
}

export function isThread(channel: FakeChannel): boolean {
  return channel.type === 10 || channel.type === 11 || channel.type === 12;
}

export function botAuthor(state: DiscordState): Json {
  return userPayload({ id: state.botUser.id, username: String(state.botUser.username), bot: true });
}

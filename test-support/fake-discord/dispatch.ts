import { isForumLike, openForumPost } from './forums.js';
import type { Gateway } from './gateway.js';
import { mentionsOf, messageCreateFor } from './messages.js';
import {
  type FakeAttachment,
  type FakeChannel,
  type FakeMessage,
  type FakeUser,
  type Json,
  DM_APP_PERMISSIONS,
  memberPayload,
  snowflake,
  toBits,
  userPayload,
} from './payloads.js';
import { type AttachmentSpec, type InteractionContext, type MessageSpec, createScene } from './scene.js';
import { type DiscordState, type FakeGuildSpec, type GuildState, DEFAULT_USER, addGuild, guildCreatePayload, permissionsIn } from './state.js';

/**
 * Events the fake sends to the connected client: interactions (slash, message menu,
 * autocomplete, modal submit, button) and MESSAGE_CREATE, CHANNEL_DELETE, GUILD_CREATE,
 * GUILD_DELETE. Each returns the `d` it sent, so tests know the interaction's id and token.
 */

export interface SlashOption {
  name: string;
  /** 1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, 6 user, 7 channel, 8 role, 10 number, 11 attachment. */
  type: number;
  /** For type 11: the attachment's id, or an `AttachmentSpec` the fake puts in `resolved.attachments`. */
  value?: string | number | boolean | AttachmentSpec;
  options?: SlashOption[];
  focused?: boolean;
}

export type SentInteraction = Json & { id: string; token: string; type: number; application_id: string; data: Json };

export interface SlashCommandOptions extends InteractionContext {
  name: string;
  /** Raw options as Discord sends them: `{ name, type, value }`, subcommands `{ name, type: 1, options }`. */
  options?: SlashOption[];
  /** Extra entries for `resolved.attachments` (an option of type 11 can also carry its spec as `value`). */
  attachments?: AttachmentSpec[];
}
export interface AutocompleteOptions extends InteractionContext {
  name: string;
  /** One of them (possibly nested in a subcommand) has `focused: true`. */
  options: SlashOption[];
}
export interface MessageContextMenuOptions extends InteractionContext {
  /** Default `Summarize`. */
  name?: string;
  /** A spec, or a message the fake already knows (e.g. from `discord.messages`). */
  message: MessageSpec | FakeMessage;
}
export interface ButtonClickOptions extends InteractionContext {
  customId: string;
  /** Default: the newest message by the bot in the channel. Its channel wins over `channelId`. */
  message?: MessageSpec | FakeMessage;
}
export interface ModalSubmitOptions extends InteractionContext {
  customId: string;
  /** Text input values by custom_id. */
  fields: Record<string, string>;
  /** `actionRow` (default): `{ type: 1, components: [input] }`; `label`: `{ type: 18, component: input }`. */
  layout?: 'actionRow' | 'label';
  /** The message when the modal was opened from one of its buttons. */
  message?: MessageSpec | FakeMessage;
}
export type MessageCreateOptions = Omit<InteractionContext, 'memberPermissions' | 'appPermissions' | 'locale'> & MessageSpec;
export interface ForumPostOptions {
  /** The forum (type 15) or media channel (16). */
  channelId: string;
  /** The post's title. */
  name: string;
  /** The starter message's text. */
  content: string;
  /** Default `DEFAULT_USER`. */
  author?: FakeUser;
  appliedTags?: string[];
}

export function createDispatcher(state: DiscordState, gateway: Gateway) {
  const requireClient = () => {
    if (gateway.liveSessions().length === 0) throw new Error('fake-discord: no client is connected; wait for ClientReady before dispatching');
  };
  /** With shards, the event would vanish unless the one that serves its guild (null: DMs, shard 0) is connected. */
  const requireShardFor = (guildId: string | null) => {
    if (!gateway.serves(guildId)) throw new Error(`fake-discord: no client is connected for the shard of ${guildId ? `guild ${guildId}` : 'DMs'}; wait for its ClientReady`);
  };

  const { place, resolveAttachment, buildMessage, messageFor } = createScene(state);

  function interaction(type: number, context: InteractionContext, data: Json, extra: Json = {}): SentInteraction {
    requireClient();
    const { user, userJson, guild, channel } = place(context);
    requireShardFor(guild?.id ?? null);
    const id = snowflake();
    const botBits = guild ? (permissionsIn(state, channel.id, state.botUser.id) ?? 0n) : DM_APP_PERMISSIONS;
    const appBits = context.appPermissions === undefined ? botBits : toBits(context.appPermissions);
    const member = guild ? inGuild(guild, channel, user, userJson, context) : null;
    const where = member?.fields ?? { user: userJson, context: 1, authorizing_integration_owners: { 0: '0' } };
    const payload: SentInteraction = {
      id,
      application_id: state.applicationId,
      type,
      token: `fake-interaction-token-${id}`,
      version: 1,
      data,
      channel: { ...channel, ...(member ? { permissions: member.permissions } : {}) },
      channel_id: channel.id,
      app_permissions: appBits.toString(),
      locale: context.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 10_485_760,
      ...where,
      ...extra,
    };
    const record = { payload, dispatchedAt: performance.now(), channelId: channel.id, callbacks: [], originalId: null, followUpIds: [] };
    state.interactions.set(id, record);
    state.interactionsByToken.set(payload.token, record);
    gateway.dispatch('INTERACTION_CREATE', () => payload);
    return payload;
  }

  function inGuild(guild: GuildState, channel: FakeChannel, user: FakeUser, userJson: Json, context: InteractionContext) {
    const roles = context.memberRoles ?? [];
    const permissions = context.memberPermissions === undefined ? (permissionsIn(state, channel.id, user.id, roles) ?? 0n) : toBits(context.memberPermissions);
    const member = memberPayload(userJson, roles, new Date().toISOString(), permissions);
    guild.members.set(user.id, memberPayload(userJson, roles, String(member.joined_at)));
    const fields: Json = {
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      guild_locale: guild.preferredLocale,
      member,
      context: 0,
      authorizing_integration_owners: { 0: guild.id },
    };
    return { fields, permissions: permissions.toString() };
  }

  function commandId(name: string, type: number, guildId: string | null | undefined): string {
    const guildCommands = guildId ? (state.guildCommands.get(guildId) ?? []) : [];
    const match = [...guildCommands, ...state.globalCommands].find((command) => command.name === name && command.type === type);
    return match?.id ?? snowflake();
  }

  interface Resolved {
    attachments: Record<string, FakeAttachment>;
    channels: Record<string, FakeChannel>;
    roles: Record<string, Json>;
  }

  function resolveOptions(options: SlashOption[], resolved: Resolved, channelId: string): Json[] {
    return options.map((option) => {
      const { value, options: nested, ...rest } = option;
      const resolvedValue = option.type === 11 && typeof value === 'object' ? resolveAttachment(channelId, value, true) : undefined;
      if (resolvedValue) resolved.attachments[resolvedValue.id] = resolvedValue;
      // Discord sends a channel option's channel in `resolved.channels`, as it does attachments.
      const channel = option.type === 7 && typeof value === 'string' ? state.channels.get(value) : undefined;
      if (channel) resolved.channels[channel.id] = channel;
      // …and a role option's role in `resolved.roles` (from the channel's guild).
      const guildId = state.channels.get(channelId)?.guild_id;
      const role = option.type === 8 && typeof value === 'string' && guildId ? state.guilds.get(guildId)?.roles.find((candidate) => candidate.id === value) : undefined;
      if (role) resolved.roles[role.id] = role;
      return {
        ...rest,
        ...(value === undefined ? {} : { value: resolvedValue ? resolvedValue.id : value }),
        ...(nested ? { options: resolveOptions(nested, resolved, channelId) } : {}),
      };
    });
  }

  /** A known message's channel wins over `channelId`. */
  function onMessage<T extends InteractionContext & { message?: MessageSpec | FakeMessage }>(options: T): T {
    return options.message && 'channel_id' in options.message ? { ...options, channelId: options.message.channel_id } : options;
  }

  function chatInput(options: SlashCommandOptions): Json {
    const { channel, guild } = place(options);
    const resolved: Resolved = { attachments: {}, channels: {}, roles: {} };
    for (const spec of options.attachments ?? []) {
      const attachment = resolveAttachment(channel.id, spec, true);
      resolved.attachments[attachment.id] = attachment;
    }
    const resolvedOptions = resolveOptions(options.options ?? [], resolved, channel.id);
    const present = Object.fromEntries(Object.entries(resolved).filter(([, entries]) => Object.keys(entries).length > 0));
    return {
      id: commandId(options.name, 1, guild?.id),
      name: options.name,
      type: 1,
      ...(resolvedOptions.length > 0 ? { options: resolvedOptions } : {}),
      ...(Object.keys(present).length > 0 ? { resolved: present } : {}),
    };
  }

  return {
    /** A chat-input command (type 2, data.type 1); the data id is the registered command's when there is one. */
    slashCommand: (options: SlashCommandOptions) => interaction(2, options, chatInput(options)),

    /** An autocomplete request (type 4); answer with `respond()` (callback type 8). */
    autocomplete: (options: AutocompleteOptions) => interaction(4, options, chatInput(options)),

    /** A message context menu command (type 2, data.type 3) with the message in `resolved.messages`. */
    messageContextMenu: (options: MessageContextMenuOptions) => {
      const placed = onMessage(options);
      const { channel, guild } = place(placed);
      const target = messageFor(channel, options.message);
      const name = options.name ?? 'Summarize';
      const data = { id: commandId(name, 3, guild?.id), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } };
      return interaction(2, placed, data);
    },

    /** A button press (type 3, component_type 2) on a message; `@original` then names that message. */
    buttonClick: (options: ButtonClickOptions) => {
      const placed = onMessage(options);
      const message = messageFor(place(placed).channel, options.message);
      return interaction(3, placed, { custom_id: options.customId, component_type: 2 }, { message });
    },

    /** A modal submission (type 5) with one text input per field. */
    modalSubmit: (options: ModalSubmitOptions) => {
      const fields = Object.entries(options.fields).map(([customId, value], index) => ({ type: 4, id: index + 2, custom_id: customId, value }));
      const components =
        options.layout === 'label'
          ? fields.map((field) => ({ type: 18, id: field.id + 100, component: field }))
          : fields.map((field) => ({ type: 1, id: field.id + 100, components: [field] }));
      const placed = onMessage(options);
      const extra = options.message ? { message: messageFor(place(placed).channel, options.message) } : {};
      return interaction(5, placed, { custom_id: options.customId, components }, extra);
    },

    /**
     * A user (default `DEFAULT_USER`) posts in a channel. Returns the MESSAGE_CREATE as the newest
     * client got it (content blanked without Message Content), or null when its intents mean
     * Discord would not send it at all. Everything mentioned in the content counts as pinged.
     */
    messageCreate: (options: MessageCreateOptions): Json | null => {
      requireClient();
      const { channel } = place({ ...options, user: options.author ?? options.user ?? DEFAULT_USER });
      requireShardFor(channel.guild_id ?? null);
      const message = buildMessage(channel, { ...options, author: options.author ?? options.user ?? DEFAULT_USER });
      const guild = channel.guild_id ? state.guilds.get(channel.guild_id) : undefined;
      const author = message.author as { id: string };
      if (guild && !options.webhookId && !guild.members.has(author.id)) {
        guild.members.set(author.id, memberPayload(message.author, options.memberRoles ?? [], new Date().toISOString()));
      }
      Object.assign(message, mentionsOf(message.content, undefined, null));
      return gateway.dispatch('MESSAGE_CREATE', (session) => messageCreateFor(state, message, session));
    },

    /**
     * A user opens a post in a forum: THREAD_CREATE, then the starter message's MESSAGE_CREATE (as
     * the newest client got it). Throws with Discord's error when the forum refuses the post.
     */
    forumPost: (options: ForumPostOptions): { threadId: string; message: Json | null } => {
      requireClient();
      const forum = state.channels.get(options.channelId);
      if (!forum || !isForumLike(forum)) throw new Error(`fake-discord: ${options.channelId} is not a forum or media channel`);
      requireShardFor(forum.guild_id ?? null);
      const user = options.author ?? DEFAULT_USER;
      const guild = state.guilds.get(String(forum.guild_id));
      if (guild && !guild.members.has(user.id)) guild.members.set(user.id, memberPayload(userPayload(user), [], new Date().toISOString()));
      const body = { name: options.name, message: { content: options.content }, ...(options.appliedTags ? { applied_tags: options.appliedTags } : {}) };
      const opened = openForumPost(state, gateway, forum, body, [], { author: userPayload(user), mayModerate: false, byBot: false });
      if ('status' in opened) throw new Error(`fake-discord: the forum refused the post: ${JSON.stringify(opened.body)}`);
      const newest = gateway.liveSessions().at(-1);
      return { threadId: opened.thread.id, message: newest ? messageCreateFor(state, opened.starter, newest) : null };
    },

    /** The channel is deleted: CHANNEL_DELETE, and REST calls to it get 404 10003. */
    channelDelete: (channelId: string): Json => {
      requireClient();
      const channel = state.channels.get(channelId);
      if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
      requireShardFor(channel.guild_id ?? null);
      state.channels.delete(channelId);
      const guild = channel.guild_id ? state.guilds.get(channel.guild_id) : undefined;
      if (guild) guild.channelIds = guild.channelIds.filter((id) => id !== channelId);
      gateway.dispatch('CHANNEL_DELETE', () => channel);
      return channel;
    },

    /** The bot joins a guild after login. */
    guildCreate: (spec: FakeGuildSpec): Json => {
      requireClient();
      requireShardFor(spec.id);
      const payload = guildCreatePayload(state, addGuild(state, spec));
      gateway.dispatch('GUILD_CREATE', () => payload);
      return payload;
    },

    /** The bot left or was removed (`unavailable: true`: an outage, the guild stays known). */
    guildDelete: (guildId: string, options: { unavailable?: boolean } = {}): Json => {
      requireClient();
      const guild = state.guilds.get(guildId);
      if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
      requireShardFor(guildId);
      if (!options.unavailable) {
        state.guilds.delete(guildId);
        for (const id of guild.channelIds) state.channels.delete(id);
      }
      const payload = { id: guildId, ...(options.unavailable ? { unavailable: true } : {}) };
      gateway.dispatch('GUILD_DELETE', () => payload);
      return payload;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

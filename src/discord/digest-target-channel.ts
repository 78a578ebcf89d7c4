import { ChannelFlags, ChannelType, PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction, type PermissionsBitField } from 'discord.js';
import { UserFacingError } from '../errors.js';
import { missingDigestPermissions } from './channel-permissions.js';
import { DIGEST_CHANNEL_TYPES, digestDestination, digestPostTag, forumOf } from './forum-channels.js';

/**
 * The channel whose digest a /digest subcommand works on when it names none: where it was typed,
 * or, inside a forum post, the forum (a forum itself has no place to type a command).
 */
export function digestHomeChannel(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string {
  return forumOf(interaction.channel) ?? interaction.channelId;
}

/**
 * The channel a /digest subcommand sets up (its `channel` option, else `digestHomeChannel`), after
 * checking that digests can go there and that the bot can post them, so a digest never fails
 * silently at 7 a.m.: text and announcement channels (messages, the rest in a thread) and forums (a
 * post per digest, with the forum's required tag). Voice, stage and media channels are refused.
 */
export function digestTargetChannel(interaction: ChatInputCommandInteraction): string {
  const chosen = interaction.options.getChannel('channel', false);
  const target = chosen ? { id: chosen.id, type: chosen.type } : here(interaction);
  const destination = digestDestination(target.type);
  if (destination.kind === 'refused') {
    throw new UserFacingError('unsupported_channel', `<#${target.id}> is ${destination.what}. ${DIGEST_CHANNEL_TYPES}`);
  }
  const permissions = target.id !== interaction.channelId ? botPermissionsIn(interaction, target.id) : interaction.appPermissions;
  const missing = permissions ? missingDigestPermissions(permissions, destination.kind) : [];
  if (missing.length > 0) {
    throw new UserFacingError('missing_permissions', `newsbrief needs ${missing.join(', ')} in <#${target.id}> before it can post digests there.`);
  }
  if (destination.kind === 'forum') requireUsableTag(interaction, target.id, permissions);
  return target.id;
}

/** Where the command was typed, a forum post standing for its forum (and a media post for its media channel, to be refused). */
function here(interaction: ChatInputCommandInteraction): { id: string; type: ChannelType } {
  const channel = interaction.channel;
  const parent = channel?.isThread() ? channel.parent : null;
  if (parent && (parent.type === ChannelType.GuildForum || parent.type === ChannelType.GuildMedia)) return { id: parent.id, type: parent.type };
  // Not cached: a guild text channel, as before forums were known; Discord refuses a post it cannot take.
  return { id: interaction.channelId, type: channel?.type ?? ChannelType.GuildText };
}

/** A forum that requires a tag on each post must have one the bot may apply, or every digest would be refused. */
function requireUsableTag(interaction: ChatInputCommandInteraction, forumId: string, permissions: Readonly<PermissionsBitField> | null): void {
  const forum = interaction.guild?.channels.cache.get(forumId);
  if (forum?.type !== ChannelType.GuildForum) return;
  const tags = forum.availableTags.map((tag) => ({ id: tag.id, moderated: tag.moderated }));
  const mayModerate = permissions ? permissions.has(PermissionFlagsBits.ManageThreads) : null;
  const tag = digestPostTag({ requiresTag: forum.flags.has(ChannelFlags.RequireTag), tags }, mayModerate);
  if (!tag.required || tag.tagId !== null) return;
  const why =
    tags.length === 0
      ? 'it has no tags'
      : 'its tags are for moderators only, and newsbrief lacks Manage Threads there';
  throw new UserFacingError(
    'forum_tag_required',
    `<#${forumId}> requires a tag on every post, but ${why}. Add a tag to the forum, or turn off "Require people to select tags when posting", then add the feed again.`,
  );
}

/** From the gateway's guild cache; null when the guild is not cached, and then Discord itself refuses a post we cannot make. */
function botPermissionsIn(interaction: ChatInputCommandInteraction, channelId: string): Readonly<PermissionsBitField> | null {
  const target = interaction.guild?.channels.cache.get(channelId);
  const me = interaction.client.user;
  return target && 'permissionsFor' in target ? target.permissionsFor(me) : null;
}

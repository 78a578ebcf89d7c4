import type { ChatInputCommandInteraction, PermissionsBitField } from 'discord.js';
import { UserFacingError } from '../errors.js';
import { missingDigestPermissions } from './channel-permissions.js';

/**
 * The channel a /digest subcommand sets up (its `channel` option, else where it was typed), after
 * checking that the bot can post embeds there, so a digest never fails silently at 7 a.m.
 */
export function digestTargetChannel(interaction: ChatInputCommandInteraction): string {
  const chosen = interaction.options.getChannel('channel', false);
  const channelId = chosen?.id ?? interaction.channelId;
  const permissions = chosen && chosen.id !== interaction.channelId ? botPermissionsIn(interaction, chosen.id) : interaction.appPermissions;
  const missing = permissions ? missingDigestPermissions(permissions) : [];
  if (missing.length > 0) {
    throw new UserFacingError('missing_permissions', `newsbrief needs ${missing.join(', ')} in <#${channelId}> before it can post digests there.`);
  }
  return channelId;
}

/** From the gateway's guild cache; null when the guild is not cached, and then Discord itself refuses a post we cannot make. */
function botPermissionsIn(interaction: ChatInputCommandInteraction, channelId: string): Readonly<PermissionsBitField> | null {
  const target = interaction.guild?.channels.cache.get(channelId);
  const me = interaction.client.user;
  return target && 'permissionsFor' in target ? target.permissionsFor(me) : null;
}

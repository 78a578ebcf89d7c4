import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { UserFacingError } from '../errors.js';

/**
 * The check every server-setting command makes first: used in a server channel, by someone with
 * Manage Server. `default_member_permissions` hides such a command, but server admins can override
 * that, so it is checked again here. `command` names the command in the refusal ("/digest"), `what`
 * what it changes ("digests").
 */
export function requireServerManager(
  interaction: ChatInputCommandInteraction,
  command: string,
  what: string,
): asserts interaction is ChatInputCommandInteraction<'cached' | 'raw'> {
  if (!interaction.guildId || !interaction.inGuild()) throw new UserFacingError('guild_only', `${command} works in server channels only.`);
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserFacingError('forbidden', `You need the Manage Server permission to change ${what}.`);
  }
}

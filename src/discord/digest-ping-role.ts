import { PermissionFlagsBits, type APIRole, type PermissionsBitField, type Role } from 'discord.js';
import { UserFacingError } from '../errors.js';
import { clean } from './render/embed-text.js';

/**
 * Refuses a role the digest's header must not mention: `@everyone` (its id is the guild's), which
 * would ping the whole server every day, and a role Discord would not let the bot ping (not
 * mentionable, and no Mention Everyone permission in the channel), which would look like a ping and
 * silently reach no one. `appPermissions`: the bot's permissions in the digest's channel.
 */
export function requirePingableRole(role: Role | APIRole, guildId: string, appPermissions: Readonly<PermissionsBitField>): void {
  if (role.id === guildId) {
    throw new UserFacingError(
      'bad_ping_role',
      '@everyone cannot be the digest\'s ping: it would ping the whole server with every digest. Choose a role people take for the news.',
    );
  }
  if (!role.mentionable && !appPermissions.has(PermissionFlagsBits.MentionEveryone)) {
    throw new UserFacingError(
      'role_not_mentionable',
      `I may not ping **${clean(role.name)}**: the role is not mentionable, and I lack the *Mention @everyone, @here and All Roles* ` +
        'permission in this channel, so Discord would show the mention and notify no one. Turn on "Allow anyone to @mention this role" ' +
        'in the role\'s settings, or give me that permission here, then run this again.',
    );
  }
}

import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

/** What link replies need in a channel, with the names Discord's settings show. */
const NEEDED = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.AddReactions, 'Add Reactions'],
] as const;

/** What posting a digest needs; threads are used when allowed and are not required. */
const NEEDED_FOR_DIGESTS = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

export function missingChannelPermissions(permissions: Readonly<PermissionsBitField>): string[] {
  return NEEDED.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
}

export function missingDigestPermissions(permissions: Readonly<PermissionsBitField>): string[] {
  return NEEDED_FOR_DIGESTS.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
}

/** The permissions the invite URL asks for: link replies, digests in threads, reading history for replies. */
export const INVITE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory;

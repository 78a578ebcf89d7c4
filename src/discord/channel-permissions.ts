import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

/** What link replies need in a channel, with the names Discord's settings show. */
const NEEDED = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.AddReactions, 'Add Reactions'],
] as const;

/** What link replies need inside a thread (a forum post): Discord asks for Send Messages in Threads there. */
const NEEDED_IN_THREADS = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.AddReactions, 'Add Reactions'],
] as const;

/**
 * What posting digests in a forum needs, with the names a forum's settings show: a post per
 * digest, the stories as messages in it, and reading its starter message back, which is how a run
 * resumed after a crash finds the post it opened instead of opening a second.
 */
const NEEDED_FOR_FORUM_DIGESTS = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Create Posts'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Posts'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
] as const;

/** What posting a digest needs; threads are used when allowed and are not required. */
const NEEDED_FOR_DIGESTS = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

/** `where`: a thread (a forum post) needs Send Messages in Threads instead of Send Messages. */
export function missingChannelPermissions(permissions: Readonly<PermissionsBitField>, where: 'channel' | 'thread' = 'channel'): string[] {
  return (where === 'thread' ? NEEDED_IN_THREADS : NEEDED).filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
}

/** `where`: a forum needs what opening posts and writing in them takes. */
export function missingDigestPermissions(permissions: Readonly<PermissionsBitField>, where: 'channel' | 'forum' = 'channel'): string[] {
  return (where === 'forum' ? NEEDED_FOR_FORUM_DIGESTS : NEEDED_FOR_DIGESTS).filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
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

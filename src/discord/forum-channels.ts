import { ChannelType, type Channel } from 'discord.js';

/*
 * Forum channels (type 15) take no messages, only posts: threads opened with a starter message.
 * Settings made inside a post (/autosummary, /digest) belong to its forum, so that they hold for
 * every post, the ones opened later included.
 */

/** The forum `channel` is a post of; null for anything else. */
export function forumOf(channel: Channel | null | undefined): string | null {
  return channel?.isThread() && channel.parent?.type === ChannelType.GuildForum ? channel.parentId : null;
}

/** Where a digest can go: a channel (its messages, and a thread on the first), a forum (a post per digest), or a refusal naming what it is. */
export type DigestDestination = { kind: 'channel' } | { kind: 'forum' } | { kind: 'refused'; what: string };

export const DIGEST_CHANNEL_TYPES = 'Digests can be posted in text, announcement and forum channels.';

const REFUSED: Partial<Record<ChannelType, string>> = {
  [ChannelType.GuildVoice]: 'a voice channel',
  [ChannelType.GuildStageVoice]: 'a stage channel',
  [ChannelType.GuildMedia]: 'a media channel',
  [ChannelType.GuildCategory]: 'a category',
  [ChannelType.GuildDirectory]: 'a directory',
};

export function digestDestination(type: ChannelType): DigestDestination {
  switch (type) {
    case ChannelType.GuildText:
    case ChannelType.GuildAnnouncement:
    // Run inside a text channel's thread, a digest posts in that thread, as it always has.
    case ChannelType.PublicThread:
    case ChannelType.PrivateThread:
    case ChannelType.AnnouncementThread:
      return { kind: 'channel' };
    case ChannelType.GuildForum:
      return { kind: 'forum' };
    default:
      return { kind: 'refused', what: REFUSED[type] ?? 'a kind of channel digests cannot use' };
  }
}

/** A forum's tags as choosing one for a post needs them. */
export interface ForumTagRules {
  /** The forum's REQUIRE_TAG flag: every post must carry a tag. */
  requiresTag: boolean;
  tags: ReadonlyArray<{ id: string; moderated: boolean }>;
}

/**
 * The tag a digest post carries: none unless the forum requires one; then the first tag the bot
 * may apply (a moderated tag needs Manage Threads; `mayModerate` null: unknown, so a tag anyone
 * may use first, and a moderated one is left to Discord to accept). `tagId` null: none can be chosen.
 */
export function digestPostTag(forum: ForumTagRules, mayModerate: boolean | null): { required: false } | { required: true; tagId: string | null } {
  if (!forum.requiresTag) return { required: false };
  const open = forum.tags.find((tag) => !tag.moderated);
  const any = mayModerate === false ? undefined : forum.tags[0];
  return { required: true, tagId: (mayModerate === true ? any : open ?? any)?.id ?? null };
}

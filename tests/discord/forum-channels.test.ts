import { ChannelType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { digestDestination, digestPostTag } from '../../src/discord/forum-channels.js';
import { splitStories } from '../../src/discord/render/digest-messages.js';
import { EMBED_TOTAL_MAX, EMBEDS_PER_MESSAGE_MAX } from '../../src/discord/render/discord-limits.js';

/** The pure parts of forum support: where a digest may go, the tag a post carries, and how a post's stories are split after its header. */

describe('digestDestination', () => {
  it.each([
    [ChannelType.GuildText, 'channel'],
    [ChannelType.GuildAnnouncement, 'channel'],
    [ChannelType.PublicThread, 'channel'],
    [ChannelType.GuildForum, 'forum'],
  ] as const)('type %i is a %s', (type, kind) => {
    expect(digestDestination(type)).toEqual({ kind });
  });

  it.each([
    [ChannelType.GuildVoice, 'a voice channel'],
    [ChannelType.GuildStageVoice, 'a stage channel'],
    [ChannelType.GuildMedia, 'a media channel'],
    [ChannelType.GuildCategory, 'a category'],
  ] as const)('refuses type %i, naming it %s', (type, what) => {
    expect(digestDestination(type)).toEqual({ kind: 'refused', what });
  });
});

describe('digestPostTag', () => {
  const tags = [
    { id: 'staff', moderated: true },
    { id: 'daily', moderated: false },
    { id: 'other', moderated: false },
  ];

  it('applies no tag when the forum requires none, whatever it has', () => {
    expect(digestPostTag({ requiresTag: false, tags }, false)).toEqual({ required: false });
  });

  it('takes the first tag the bot may apply: a moderated one only with Manage Threads', () => {
    expect(digestPostTag({ requiresTag: true, tags }, false)).toEqual({ required: true, tagId: 'daily' });
    expect(digestPostTag({ requiresTag: true, tags }, true)).toEqual({ required: true, tagId: 'staff' });
    // Unknown permissions: a tag anyone may use first.
    expect(digestPostTag({ requiresTag: true, tags }, null)).toEqual({ required: true, tagId: 'daily' });
  });

  it('has none to choose from a forum without tags, or with moderators\' tags only and no Manage Threads', () => {
    expect(digestPostTag({ requiresTag: true, tags: [] }, true)).toEqual({ required: true, tagId: null });
    expect(digestPostTag({ requiresTag: true, tags: [{ id: 'staff', moderated: true }] }, false)).toEqual({ required: true, tagId: null });
    expect(digestPostTag({ requiresTag: true, tags: [{ id: 'staff', moderated: true }] }, null)).toEqual({ required: true, tagId: 'staff' });
  });
});

describe('splitStories without a header (the stories after a forum post\'s starter message)', () => {
  it.each([
    ['one story', [300]],
    ['ten small stories', Array.from({ length: 10 }, () => 300)],
    ['eleven small stories', Array.from({ length: 11 }, () => 300)],
    ['ten large stories', Array.from({ length: 10 }, () => 1700)],
    ['twenty-five mixed stories', Array.from({ length: 25 }, (_, index) => 200 + ((index * 389) % 1500))],
  ])('%s: every message holds stories, within Discord\'s limits, in order and all of them', (_name, sizes) => {
    const counts = splitStories(null, sizes);
    expect(counts.every((count) => count >= 1)).toBe(true);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(sizes.length);
    let next = 0;
    for (const count of counts) {
      const group = sizes.slice(next, next + count);
      expect(group.length).toBeLessThanOrEqual(EMBEDS_PER_MESSAGE_MAX);
      expect(group.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
      next += count;
    }
  });

  it('uses all ten embeds of a message, where a header would take one', () => {
    expect(splitStories(null, Array.from({ length: 10 }, () => 300))).toEqual([10]);
    expect(splitStories(100, Array.from({ length: 10 }, () => 300))).not.toEqual([10]);
  });
});

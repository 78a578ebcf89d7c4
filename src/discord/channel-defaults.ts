import type { Channel } from 'discord.js';
import type Keyv from 'keyv';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';
import { createKeyedSerialQueue } from '../serial-queue.js';
import type { SummaryLength, SummaryOptions } from '../summarize/index.js';

export const SUMMARY_LENGTHS = ['brief', 'standard', 'detailed'] as const satisfies readonly SummaryLength[];

/**
 * A channel's summary defaults (/settings). Each is optional: one left unset keeps the default of
 * whatever summarises (standard for /summarize, brief for link replies and digests, the article's
 * own language, quotes on).
 */
export interface ChannelDefaults {
  language?: string;
  length?: SummaryLength;
  quotes?: boolean;
}

const channelDefaultsSchema = z.object({
  language: z.string().min(1).optional(),
  length: z.enum(SUMMARY_LENGTHS).optional(),
  quotes: z.boolean().optional(),
});
/** One entry per guild, channels inside it, so that leaving a guild forgets all of its channels at once. */
const guildDefaultsSchema = z.record(z.string(), channelDefaultsSchema);

/**
 * The channel whose /settings apply here: a thread (a forum post too) shares its channel's, so that
 * the defaults set once on a forum, or from inside any of its posts, hold in every post, and a
 * digest posted to the forum reads the same ones.
 */
export function defaultsChannelId(channel: Channel | null | undefined, channelId: string): string;
export function defaultsChannelId(channel: Channel | null | undefined, channelId: string | null): string | null;
export function defaultsChannelId(channel: Channel | null | undefined, channelId: string | null): string | null {
  return channel?.isThread() && channel.parentId ? channel.parentId : channelId;
}

export interface ChannelDefaultsStore {
  /** The channel's defaults; none in DMs (no guild) or where nothing was set. */
  get(guildId: string | null, channelId: string | null): Promise<ChannelDefaults>;
  /** Sets the given defaults (after clearing every one with `reset`) and returns what the channel has now. */
  update(guildId: string, channelId: string, change: ChannelDefaults, options?: { reset?: boolean }): Promise<ChannelDefaults>;
  forgetChannel(guildId: string, channelId: string): Promise<void>;
  forgetGuild(guildId: string): Promise<void>;
}

/** Durable in the state store (STORE_URL), beside the /autosummary channels. */
export function createChannelDefaults(store: Keyv): ChannelDefaultsStore {
  const guilds = createTypedCache<Record<string, ChannelDefaults>>(store, guildDefaultsSchema, {});
  const key = (guildId: string) => `channel-defaults:${guildId}`;
  const read = async (guildId: string) => (await guilds.get(key(guildId))) ?? {};
  // Two /settings in one guild at once would otherwise read the same entry, and one change would be lost.
  // A guild is served by one process (its shard), so serialising here is enough.
  const writes = createKeyedSerialQueue();

  return {
    async get(guildId, channelId) {
      if (!guildId || !channelId) return {};
      return (await read(guildId))[channelId] ?? {};
    },
    update(guildId, channelId, change, options = {}) {
      return writes.run(guildId, async () => {
        const all = await read(guildId);
        const next = withoutUnset({ ...(options.reset ? {} : all[channelId]), ...withoutUnset(change) });
        const { [channelId]: _previous, ...others } = all;
        await guilds.set(key(guildId), Object.keys(next).length > 0 ? { ...others, [channelId]: next } : others);
        return next;
      });
    },
    forgetChannel(guildId, channelId) {
      return writes.run(guildId, async () => {
        const all = await read(guildId);
        if (!(channelId in all)) return;
        const { [channelId]: _forgotten, ...others } = all;
        await guilds.set(key(guildId), others);
      });
    },
    forgetGuild(guildId) {
      return writes.run(guildId, async () => {
        await store.delete(key(guildId));
      });
    },
  };
}

/**
 * The options a summary uses: what the person gave on the command, else the channel's default,
 * else the surface's own. Null in `given` means "not given".
 */
export function withChannelDefaults(
  own: SummaryOptions,
  channel: ChannelDefaults,
  given: { length?: SummaryLength | null; language?: string | null; quotes?: boolean | null } = {},
): SummaryOptions {
  return {
    length: given.length ?? channel.length ?? own.length,
    language: given.language ?? channel.language ?? own.language,
    quotes: given.quotes ?? channel.quotes ?? own.quotes,
  };
}

/** Only the defaults that are set, so that a spread never overwrites one with "not given". */
function withoutUnset({ language, length, quotes }: ChannelDefaults): ChannelDefaults {
  return {
    ...(language === undefined ? {} : { language }),
    ...(length === undefined ? {} : { length }),
    ...(quotes === undefined ? {} : { quotes }),
  };
}

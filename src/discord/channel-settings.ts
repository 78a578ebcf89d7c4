import type Keyv from 'keyv';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';

const channelsSchema = z.array(z.string());

/** Which channels of a guild reply to pasted links (/autosummary). Durable; removed with the channel or guild. */
export interface ChannelSettings {
  isEnabled(guildId: string, channelId: string): Promise<boolean>;
  enable(guildId: string, channelId: string): Promise<void>;
  disable(guildId: string, channelId: string): Promise<void>;
  forgetGuild(guildId: string): Promise<void>;
}

export function createChannelSettings(store: Keyv): ChannelSettings {
  const guilds = createTypedCache<string[]>(store, channelsSchema, {});
  const key = (guildId: string) => `autosummary:${guildId}`;
  const channels = async (guildId: string) => (await guilds.get(key(guildId))) ?? [];
  return {
    async isEnabled(guildId, channelId) {
      return (await channels(guildId)).includes(channelId);
    },
    async enable(guildId, channelId) {
      const current = await channels(guildId);
      if (!current.includes(channelId)) await guilds.set(key(guildId), [...current, channelId]);
    },
    async disable(guildId, channelId) {
      const current = await channels(guildId);
      if (current.includes(channelId)) await guilds.set(key(guildId), current.filter((id) => id !== channelId));
    },
    async forgetGuild(guildId) {
      await store.delete(key(guildId));
    },
  };
}

import { ShardClientUtil, type Client } from 'discord.js';
import type { SchedulerScope } from '../digest/digest-scheduler.js';

/**
 * The guilds a logged-in client serves, by Discord's own rule (`(guild_id >> 22) % shard_count`),
 * for the digest scheduler: undefined when the client is the only shard, which serves every guild.
 * From the rule rather than the guild cache, so a guild in an outage keeps its owner.
 */
export function shardScope(client: Client): SchedulerScope | undefined {
  const ids = client.options.shards;
  const count = client.options.shardCount ?? 1;
  if (!Array.isArray(ids) || count <= 1) return undefined;
  const own = new Set(ids);
  return {
    name: `shard-${ids.join('+')}`,
    owns: (guildId) => /^\d+$/.test(guildId) && own.has(ShardClientUtil.shardIdForGuildId(guildId, count)),
  };
}

import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../config.js';
import { NO_MENTIONS } from './render/neutralise-mentions.js';

/**
 * The discord.js client with the least it needs. `Guilds` always; the privileged Message Content
 * intent (and guild messages) only when LINK_REPLIES asks for replies to pasted links.
 * Nothing the bot posts may ping anyone, so the client-wide default mentions nobody.
 */
export function createDiscordClient(config: Pick<Config, 'LINK_REPLIES' | 'DISCORD_API_URL'>): Client {
  const intents = [GatewayIntentBits.Guilds];
  if (config.LINK_REPLIES) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    partials: [Partials.Channel],
    allowedMentions: { ...NO_MENTIONS, repliedUser: false },
    ...singleProcessShard(),
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
}

/**
 * discord.js's Client takes its shard from SHARDS and SHARD_COUNT in the environment, which is how
 * a ShardingManager (SHARDING_MANAGER set, the variable the Client itself checks) tells each shard
 * process which one it is. Anywhere else SHARDS is ours (CONTRACTS §1, for `start:sharded`), and
 * the Client would JSON.parse it ("auto" throws, "2" would identify as shard 2 of 1): a single
 * process says outright that it is shard 0 of 1.
 */
function singleProcessShard(): { shards?: number[]; shardCount?: number } {
  return process.env.SHARDING_MANAGER ? {} : { shards: [0], shardCount: 1 };
}

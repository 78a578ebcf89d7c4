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
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
}

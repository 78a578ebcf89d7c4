import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import { ConfigError } from '../errors.js';
import type { Services } from '../services.js';
import type { DigestScheduler } from '../digest/digest-scheduler.js';
import { createDiscordClient } from './create-client.js';
import { createDigestChannel } from './digest-channel.js';
import { createInteractionBoundary, type InteractionBoundary } from './interaction-boundary.js';
import { createLinkWatcher } from './link-watcher.js';
import { COMMANDS_DIR, loadCommands } from './load-commands.js';
import { createUserLimits } from './user-limits.js';

/** Shutdown waits this long for interactions in flight, inside the 10 s a host allows. */
const DRAIN_MS = 7_000;

export const MESSAGE_CONTENT_REFUSED =
  'Discord refused the Message Content intent (close code 4014). LINK_REPLIES=true needs it: enable "Message Content Intent" ' +
  'under Bot → Privileged Gateway Intents in the Discord developer portal, or set LINK_REPLIES=false.';

export interface RunningBot {
  client: Client;
  boundary: InteractionBoundary;
  /** The digest clock; ticking by itself unless started with `digestScheduler: 'manual'`. */
  digests: DigestScheduler;
  /** Answers what is in flight, then disconnects. The caller closes the services. */
  stop(): Promise<void>;
}

export interface StartBotOptions {
  commandsDir?: URL;
  /** Called when Discord ends the session for good (for example a refused intent). Default: log and exit 1. */
  onFatal?: (message: string) => void;
  /** 'manual': the scheduler only ticks when `digests.tick()` is called (tests move a fake clock). */
  digestScheduler?: 'auto' | 'manual';
}

export async function startBot(services: Services, options: StartBotOptions = {}): Promise<RunningBot> {
  const { config, log } = services;
  const token = requireBotSettings(config);
  const commands = await loadCommands(options.commandsDir ?? COMMANDS_DIR);
  const client = createDiscordClient(config);
  const userLimits = createUserLimits(config.USER_RATE_PER_MIN);
  const boundary = createInteractionBoundary({ commands, services, userLimits, log });
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (!stopping) void boundary.handle(interaction);
  });
  if (config.LINK_REPLIES) {
    const watch = createLinkWatcher({ services, userLimits, log });
    client.on(Events.MessageCreate, (message) => {
      if (!stopping) void watch(message).catch((error: unknown) => log.error({ err: error, messageId: message.id }, 'link watcher failed'));
    });
  }
  client.on(Events.ChannelDelete, (channel) => {
    if (!('guildId' in channel) || !channel.guildId) return;
    void Promise.all([services.channels.disable(channel.guildId, channel.id), services.digests.forgetChannel(channel.id)])
      .catch((error: unknown) => log.warn({ err: error }, 'could not forget a deleted channel'));
  });
  client.on(Events.GuildDelete, (guild) => {
    void Promise.all([services.channels.forgetGuild(guild.id), services.digests.forgetGuild(guild.id)])
      .catch((error: unknown) => log.warn({ err: error }, 'could not forget a guild'));
  });
  client.on(Events.ShardDisconnect, (event) => {
    if (event.code !== GatewayCloseCodes.DisallowedIntents) return;
    (options.onFatal ?? exitWith(log))(MESSAGE_CONTENT_REFUSED);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, commands: commands.size, linkReplies: config.LINK_REPLIES }, 'bot ready');
  // Started once logged in: its first tick is the catch-up, and it posts through this client.
  const digests = services.digests.createScheduler(createDigestChannel(client));
  if (options.digestScheduler !== 'manual') digests.start();

  return {
    client,
    boundary,
    digests,
    async stop() {
      stopping = true;
      // A digest cut short here resumes from its run record on the next start.
      const drained = Promise.allSettled([...boundary.inFlight, digests.stop()]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
      await userLimits.stop();
      await client.destroy();
      log.info(boundary.counts, 'bot stopped');
    },
  };
}

function requireBotSettings(config: Services['config']): string {
  const missing = (['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const).filter((name) => !config[name]);
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required to run the bot (the CLI does not need it)`));
  return config.DISCORD_TOKEN as string;
}

function exitWith(log: Services['log']) {
  return (message: string) => {
    log.fatal(message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  };
}

import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import { ConfigError } from '../errors.js';
import type { HealthServer } from '../http/health-server.js';
import type { Services } from '../services.js';
import type { DigestScheduler } from '../digest/digest-scheduler.js';
import { createDiscordClient } from './create-client.js';
import { startBotHealth } from './bot-health.js';
import { createDigestChannel } from './digest-channel.js';
import { createInteractionBoundary, type InteractionBoundary } from './interaction-boundary.js';
import { createLinkWatcher } from './link-watcher.js';
import { shardScope } from './shard-scope.js';
import { COMMANDS_DIR, loadCommands } from './load-commands.js';
import { createUserLimits } from './user-limits.js';

/** Shutdown waits this long for interactions in flight, then up to NOTICE_MS to tell the rest to retry: inside the 10 s a host allows. */
const DRAIN_MS = 6_000;
const NOTICE_MS = 1_500;

/** What a deferred interaction still unfinished at shutdown is edited to say. */
export const RESTARTING_NOTICE = 'newsbrief is restarting, so this was not finished. Please try again in a minute.';

export const MESSAGE_CONTENT_REFUSED =
  'Discord refused the Message Content intent (close code 4014). LINK_REPLIES=true needs it: enable "Message Content Intent" ' +
  'under Bot → Privileged Gateway Intents in the Discord developer portal, or set LINK_REPLIES=false.';

/** Worded as a configuration issue: the token is the one thing the operator can fix, and it is never printed. */
export const TOKEN_REFUSED =
  'DISCORD_TOKEN: Discord refused this token (gateway close code 4004, authentication failed). It is mistyped or was reset: ' +
  'copy a new one under Bot → Reset Token in the Discord developer portal.';

export interface RunningBot {
  client: Client;
  boundary: InteractionBoundary;
  /** The digest clock; ticking by itself unless started with `digestScheduler: 'manual'`. */
  digests: DigestScheduler;
  /** `/healthz` and `/metrics`, when HTTP_PORT is set; `port` is the bound one. */
  health: HealthServer | null;
  /** Answers what is in flight, then disconnects. The caller closes the services. */
  stop(): Promise<void>;
}

export interface StartBotOptions {
  commandsDir?: URL;
  /** Called when Discord ends the session for good (for example a refused intent). Default: log and exit 1. */
  onFatal?: (message: string) => void;
  /** 'manual': the scheduler only ticks when `digests.tick()` is called (tests move a fake clock). */
  digestScheduler?: 'auto' | 'manual';
  /** Where HTTP_PORT listens: 0.0.0.0 by default (containers); tests pass 127.0.0.1. */
  healthHost?: string;
}

export async function startBot(services: Services, options: StartBotOptions = {}): Promise<RunningBot> {
  const { config, log } = services;
  const token = requireBotSettings(config);
  const commands = await loadCommands(options.commandsDir ?? COMMANDS_DIR);
  const client = createDiscordClient(config);
  const userLimits = createUserLimits({ perMinute: config.USER_RATE_PER_MIN, channelCooldownMs: config.CHANNEL_LINK_COOLDOWN_S * 1000, redis: services.redis });
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
    void Promise.all([services.channels.disable(channel.guildId, channel.id), services.channelDefaults.forgetChannel(channel.guildId, channel.id), services.digests.forgetChannel(channel.id)])
      .catch((error: unknown) => log.warn({ err: error }, 'could not forget a deleted channel'));
  });
  client.on(Events.GuildDelete, (guild) => {
    void Promise.all([services.channels.forgetGuild(guild.id), services.channelDefaults.forgetGuild(guild.id), services.digests.forgetGuild(guild.id)])
      .catch((error: unknown) => log.warn({ err: error }, 'could not forget a guild'));
  });
  // discord.js gives up on these closes for good: a bot left running would be up but deaf.
  let tokenRefused = false;
  client.on(Events.ShardDisconnect, (event) => {
    tokenRefused ||= event.code === GatewayCloseCodes.AuthenticationFailed;
    const message = event.code === GatewayCloseCodes.DisallowedIntents ? MESSAGE_CONTENT_REFUSED : tokenRefused ? TOKEN_REFUSED : null;
    if (message) (options.onFatal ?? exitWith(log))(message);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));

  // Before login, so that /healthz answers 503 "gateway: connecting" until the session is ready.
  const health = config.HTTP_PORT === undefined ? null : await startBotHealth(services, client, { port: config.HTTP_PORT, host: options.healthHost, isStopping: () => stopping });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await health?.close();
    // Login fails with a bare "Authentication failed" (4004 at IDENTIFY) or TokenInvalid (a 401 from REST): name the variable.
    throw tokenRefused || isTokenRefusal(error) ? new ConfigError([TOKEN_REFUSED], { cause: error }) : error;
  }
  const scope = shardScope(client);
  log.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, commands: commands.size, linkReplies: config.LINK_REPLIES, ...(scope ? { shards: client.options.shards, shardCount: client.options.shardCount } : {}) },
    'bot ready',
  );
  // Started once logged in: its first tick is the catch-up, and it posts through this client.
  // With shards, each posts only its own guilds' digests.
  const digests = services.digests.createScheduler(createDigestChannel(client), scope);
  if (options.digestScheduler !== 'manual') digests.start();

  return {
    client,
    boundary,
    digests,
    health,
    async stop() {
      stopping = true;
      // A digest cut short here resumes from its run record on the next start.
      const drained = Promise.allSettled([...boundary.inFlight, digests.stop()]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
      // Work still running would leave its "thinking…" up for ever once the process is gone.
      await Promise.race([boundary.tellUnfinished(RESTARTING_NOTICE), new Promise((resolve) => setTimeout(resolve, NOTICE_MS).unref())]);
      await userLimits.stop();
      await client.destroy();
      // Last: until here, /healthz says "shutting down" to whoever routes traffic.
      await health?.close();
      log.info(boundary.counts, 'bot stopped');
    },
  };
}

function requireBotSettings(config: Services['config']): string {
  const missing = (['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const).filter((name) => !config[name]);
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required to run the bot (the CLI does not need it)`));
  return config.DISCORD_TOKEN as string;
}

function isTokenRefusal(error: unknown): boolean {
  return error instanceof Error && (error.message === 'Authentication failed' || (error as { code?: unknown }).code === 'TokenInvalid');
}

function exitWith(log: Services['log']) {
  return (message: string) => {
    log.fatal(message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  };
}

import { loadConfig } from './config.js';
import { startBot, type RunningBot } from './discord/start-bot.js';
import { createLogger } from './log.js';
import { loadProjectEnv } from './project-env.js';
import { createSecretScrubber } from './secrets/index.js';
import { buildServices, type Services } from './services.js';

/** `npm start`: the bot, with a shutdown that answers what is in flight and exits within 10 s. */
async function runBot(): Promise<void> {
  const envFile = loadProjectEnv();
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.LOG_LEVEL, scrubber: createSecretScrubber(config) });
  if (envFile) log.info({ envFile }, `settings from ${envFile}`);
  let services: Services | undefined;
  let bot: RunningBot | undefined;
  let shuttingDown = false;
  // Installed before start-up, so a SIGTERM while connecting still closes the stores cleanly.
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    void (async () => {
      await bot?.stop();
      await services?.close();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // A shard (forked by the sharding manager, src/shard-manager.ts) outlives no manager: a new one
  // would start a second copy of this shard, and Discord would deliver its events twice.
  process.once('disconnect', () => {
    // discord.js goes on reporting the shard's status to the manager while it stops; over the
    // closed channel each report fails with an 'error' on process, which unheard would crash the shutdown.
    process.on('error', () => undefined);
    shutdown('sharding manager gone');
  });
  services = await buildServices(config, log);
  if (shuttingDown) return;
  bot = await startBot(services);
  if (shuttingDown) await bot.stop();
}

await runBot().catch((error: unknown) => {
  // From the environment: the config itself may be what failed to load.
  const message = createSecretScrubber(process.env).scrub(error instanceof Error ? error.message : String(error));
  process.stderr.write(`newsbrief could not start: ${message}\n`);
  process.exit(1);
});

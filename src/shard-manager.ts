import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from './config.js';
import { startShards, type ShardFleet } from './discord/start-shards.js';
import { ConfigError } from './errors.js';
import { createLogger } from './log.js';
import { loadProjectEnv } from './project-env.js';
import { createSecretScrubber } from './secrets/index.js';

/** Each shard exits within 10 s of SIGTERM (src/main.ts); this allows for that and a little more. */
const STOP_DEADLINE_MS = 12_000;

/**
 * `npm run start:sharded`: discord.js's ShardingManager, one process per shard (SHARDS: a count or
 * `auto`), each running the bot's own entry point. SIGTERM or SIGINT stops every shard the way
 * `npm start` stops, and exits 0 once they have all exited.
 */
async function runManager(): Promise<void> {
  const envFile = loadProjectEnv();
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.LOG_LEVEL, scrubber: createSecretScrubber(config) }).child({ role: 'shard-manager' });
  if (envFile) log.info({ envFile }, `settings from ${envFile}`);
  const token = requireBotSettings(config);
  const { script, execArgv } = shardScript();

  let fleet: ShardFleet | undefined;
  let finishing = false;
  const finish = (code: 0 | 1, reason: string) => {
    if (finishing) return;
    finishing = true;
    log.info({ reason }, 'stopping the shards');
    void (fleet?.stop(STOP_DEADLINE_MS) ?? Promise.resolve(true)).then(
      (inTime) => {
        if (!inTime) log.error({ deadlineMs: STOP_DEADLINE_MS }, 'shards still running at the deadline were killed');
        log.info({ code: inTime ? code : 1 }, 'shard manager stopped');
        process.exit(inTime ? code : 1);
      },
      (error: unknown) => {
        log.error({ err: error }, 'stopping the shards failed');
        process.exit(1);
      },
    );
  };
  // Installed before any shard starts, so a signal while they start still stops every one of them.
  process.once('SIGTERM', () => finish(0, 'SIGTERM'));
  process.once('SIGINT', () => finish(0, 'SIGINT'));

  fleet = startShards({
    script, execArgv, token, log,
    shards: config.SHARDS ?? 'auto',
    apiUrl: config.DISCORD_API_URL,
    httpPort: config.HTTP_PORT,
    onFatal: (message) => {
      log.fatal(message);
      process.stderr.write(`${message}\n`);
      finish(1, 'a shard could not start');
    },
  });
  await fleet.ready.catch((error: unknown) => {
    if (finishing) return;
    const message = createSecretScrubber(config).scrub(error instanceof Error ? error.message : String(error));
    log.fatal({ err: error }, 'the shards could not start');
    process.stderr.write(`newsbrief could not start its shards: ${message}\n`);
    finish(1, 'the shards could not start');
  });
}

/**
 * The bot's entry point beside this file: the bundle `dist/main.js` when this file is itself the
 * built `dist/shard-manager.js` (plain node, the manager's own node flags), else `src/main.ts` through
 * tsx's loader, found from here so that it loads whatever the working directory.
 */
function shardScript(): { script: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const built = here.endsWith('.js');
  const script = join(dirname(here), built ? 'main.js' : 'main.ts');
  if (!existsSync(script)) throw new ConfigError([`the shard script ${script} is missing${built ? ': run npm run build' : ''}`]);
  return { script, execArgv: built ? [...process.execArgv] : ['--import', import.meta.resolve('tsx')] };
}

/** Checked here too: a shard that cannot start would otherwise be started again and again. */
function requireBotSettings(config: Config): string {
  const missing = (['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const).filter((name) => !config[name]);
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required to run the bot`));
  return config.DISCORD_TOKEN as string;
}

await runManager().catch((error: unknown) => {
  // From the environment: the config itself may be what failed to load.
  const message = createSecretScrubber(process.env).scrub(error instanceof Error ? error.message : String(error));
  process.stderr.write(`newsbrief could not start: ${message}\n`);
  process.exit(1);
});

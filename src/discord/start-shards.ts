import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions, Routes, ShardEvents, ShardingManager, type Shard } from 'discord.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';

/** Discord lets each identify bucket (`shard_id % max_concurrency`) start one session per 5 s; a little margin. */
const IDENTIFY_WINDOW_MS = 5_500;
/** How long one shard process may take from fork to a connected gateway session. */
const READY_TIMEOUT_MS = 60_000;
const GATEWAY_BOT_TIMEOUT_MS = 15_000;

export interface StartShardsOptions {
  /** What each shard process runs: the bot's own entry point (src/main.ts through tsx, or dist/main.js). */
  script: string;
  /** Node flags for each shard process (tsx's loader when running the sources). */
  execArgv: string[];
  token: string;
  /** SHARDS: a count, or `auto` for the count Discord recommends. */
  shards: number | 'auto';
  /** DISCORD_API_URL (`http://host:port/api`), where GET /gateway/bot is asked; Discord's when unset. */
  apiUrl: string | undefined;
  /** HTTP_PORT: shard N serves /healthz and /metrics on this port + N, since they cannot all bind one. */
  httpPort: number | undefined;
  log: Logger;
  /** The shards cannot be kept running (one exited before it was ready); the caller stops and exits. */
  onFatal(message: string): void;
}

export interface ShardFleet {
  /** Resolves with the shard count once every shard is ready; rejects when one cannot start. */
  ready: Promise<number>;
  /** The process id of each live shard, by shard id. */
  pids(): Map<number, number>;
  /**
   * No more spawns or respawns; SIGTERM to every shard process, then resolves once they have all
   * exited: true, or false when some were still running after `deadlineMs` and were killed.
   */
  stop(deadlineMs: number): Promise<boolean>;
}

interface GatewayBot {
  shards: number;
  maxConcurrency: number;
}

/**
 * Runs the bot as discord.js shards: a ShardingManager forks one process per shard, each running
 * the same entry point with SHARDS/SHARD_COUNT set by the manager, and respawns a shard that dies
 * after it was ready. Shards start in groups of `max_concurrency` (Discord's identify buckets), a
 * group at least 5.5 s after the previous one was ready, so no bucket identifies twice within 5 s
 * (discord.js's own `spawn()` starts them one at a time whatever the bucket count).
 */
export function startShards(options: StartShardsOptions): ShardFleet {
  const { log } = options;
  let manager: ShardingManager | undefined;
  let stopping = false;

  async function start(): Promise<number> {
    const gateway = await fetchGatewayBot(options, log);
    const count = options.shards === 'auto' ? gateway.shards : options.shards;
    if (options.httpPort !== undefined && options.httpPort + count - 1 > 65_535) {
      throw new ConfigError([`HTTP_PORT: shard N listens on HTTP_PORT + N, and ${count} shards from ${options.httpPort} go past 65535`]);
    }
    if (stopping) return count;
    const ids = Array.from({ length: count }, (_, id) => id);
    manager = new ShardingManager(options.script, {
      token: options.token,
      totalShards: count,
      shardList: ids,
      mode: 'process',
      respawn: true,
      execArgv: options.execArgv,
    });
    manager.on('shardCreate', (shard) => watch(shard));
    log.info({ shards: count, requested: options.shards, maxConcurrency: gateway.maxConcurrency, script: options.script }, 'starting shards');
    const groupSize = Math.max(1, gateway.maxConcurrency);
    for (let first = 0; first < count && !stopping; first += groupSize) {
      const group = ids.slice(first, first + groupSize);
      await Promise.all(group.map((id) => (manager as ShardingManager).createShard(id).spawn(READY_TIMEOUT_MS)));
      if (first + groupSize < count && !stopping) await sleep(IDENTIFY_WINDOW_MS);
    }
    if (!stopping) log.info({ shards: count }, 'all shards ready');
    return count;
  }

  function watch(shard: Shard): void {
    // The environment the shard is forked with (and respawned with), SHARDS and SHARD_COUNT set by discord.js.
    if (options.httpPort !== undefined) (shard.env as NodeJS.ProcessEnv).HTTP_PORT = String(options.httpPort + shard.id);
    const context = { shard: shard.id, ...(options.httpPort === undefined ? {} : { httpPort: options.httpPort + shard.id }) };
    let readySinceSpawn = false;
    // mode: 'process', so the shard's "process or worker" is always a ChildProcess.
    shard.on(ShardEvents.Spawn, (child) => {
      readySinceSpawn = false;
      log.info({ ...context, shardPid: (child as ChildProcess).pid }, 'shard spawned');
    });
    shard.on(ShardEvents.Ready, () => {
      readySinceSpawn = true;
      log.info({ ...context, shardPid: shard.process?.pid }, 'shard ready');
    });
    // A shard closing its session on the way out says so too; only news while running.
    shard.on(ShardEvents.Disconnect, () => {
      if (!stopping) log.warn(context, 'shard disconnected from the gateway');
    });
    shard.on(ShardEvents.Reconnecting, () => {
      if (!stopping) log.info(context, 'shard reconnecting');
    });
    shard.on(ShardEvents.Resume, () => log.info(context, 'shard resumed'));
    shard.on(ShardEvents.Death, (died) => {
      const child = died as ChildProcess;
      const exit = { ...context, shardPid: child.pid, code: child.exitCode, signal: child.signalCode };
      if (stopping) {
        log.info(exit, 'shard exited');
        return;
      }
      if (readySinceSpawn) {
        log.warn(exit, 'shard exited; respawning it');
        return;
      }
      // It will not get further on its own (bad settings, a refused intent or token, an unreachable
      // store), and respawning it in a loop would spend Discord's daily identify allowance.
      log.error(exit, 'shard exited before it was ready');
      options.onFatal(`shard ${shard.id} exited (code ${String(child.exitCode)}, signal ${String(child.signalCode)}) before it was ready; its log says why`);
    });
    // Emitted when a respawn fails; unheard, an 'error' event would end the manager.
    shard.on(ShardEvents.Error, (error: unknown) => {
      if (!stopping) log.error({ ...context, err: error }, 'shard error');
    });
  }

  const shardList = () => [...(manager?.shards.values() ?? [])];

  return {
    ready: start(),
    pids() {
      const pids = new Map<number, number>();
      for (const shard of shardList()) if (shard.process?.pid !== undefined) pids.set(shard.id, shard.process.pid);
      return pids;
    },
    async stop(deadlineMs) {
      stopping = true;
      if (manager) manager.respawn = false;
      // A shard that has just died is respawned by discord.js right after its 'death' listeners
      // run, whatever `respawn` now says; a turn of the event loop later, that process exists too.
      await new Promise((resolve) => setImmediate(resolve));
      const running = shardList().flatMap((shard) => (shard.process && shard.process.exitCode === null && shard.process.signalCode === null ? [shard.process] : []));
      const exits = running.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
      for (const child of running) child.kill('SIGTERM');
      const inTime = await Promise.race([Promise.all(exits).then(() => true), sleep(deadlineMs, false, { ref: false })]);
      if (!inTime) {
        for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await Promise.all(exits);
      }
      return inTime;
    },
  };
}

/** GET /gateway/bot at DISCORD_API_URL (discord.js's own `fetchRecommendedShardCount` only asks discord.com). */
async function fetchGatewayBot(options: StartShardsOptions, log: Logger): Promise<GatewayBot> {
  const url = `${options.apiUrl ?? DefaultRestOptions.api}/v${DefaultRestOptions.version}${Routes.gatewayBot()}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bot ${options.token}` }, signal: AbortSignal.timeout(GATEWAY_BOT_TIMEOUT_MS) });
  } catch (error) {
    return unknownGateway(options, log, `could not reach ${new URL(url).host}`, error);
  }
  if (response.status === 401) throw new ConfigError(['DISCORD_TOKEN: Discord refused the token (401 on GET /gateway/bot)']);
  if (!response.ok) return unknownGateway(options, log, `GET /gateway/bot answered ${response.status}`);
  const body = (await response.json()) as { shards?: unknown; session_start_limit?: { max_concurrency?: unknown } };
  const shards = typeof body.shards === 'number' && body.shards >= 1 ? Math.floor(body.shards) : 1;
  const concurrency = body.session_start_limit?.max_concurrency;
  return { shards, maxConcurrency: typeof concurrency === 'number' && concurrency >= 1 ? Math.floor(concurrency) : 1 };
}

/** With a fixed count the recommendation is only for pacing: start one shard at a time. `auto` cannot go on. */
function unknownGateway(options: StartShardsOptions, log: Logger, reason: string, cause?: unknown): GatewayBot {
  if (options.shards === 'auto') throw new Error(`SHARDS=auto needs Discord's recommended shard count, but ${reason}.`, { cause });
  log.warn({ err: cause }, `${reason}; starting the shards one at a time`);
  return { shards: options.shards, maxConcurrency: 1 };
}

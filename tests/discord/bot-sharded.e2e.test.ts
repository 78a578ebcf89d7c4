import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseSlot } from '../../src/digest/schedule-slot.js';
import { createLogger } from '../../src/log.js';
import { buildServices } from '../../src/services.js';
import { testClock } from '../../test-support/digest-commands.js';
import { type FakeDiscord, shardForGuild, startFakeDiscord } from '../../test-support/fake-discord.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';
import { PROJECT_DIR, isolatedEnv } from '../../test-support/run-cli.js';
import { EXAMPLE_TEXT, IDS } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * The sharded entry point (`npm run start:sharded`, src/shard-manager.ts) as a real process: a
 * discord.js ShardingManager forking one bot process per shard against the fake Discord, whose two
 * guilds sit on different shards, with state and locks on a real redis-server. Each shard
 * identifies as itself; an interaction in either guild is answered once, by that guild's shard;
 * each guild's due digest is posted once, by its own shard; SIGTERM stops every shard and the
 * manager exits 0. `SHARDS=auto` takes the count from the fake's GET /gateway/bot.
 */

failOnUnhandledRejections();

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';
const missingMessage = 'redis-server is not installed (apt-get install -y redis-server)';
if (!available && !requiredInCi) console.warn(`tests/discord/bot-sharded.e2e.test.ts: SKIPPED, ${missingMessage}.`);

const MANAGER = fileURLToPath(new URL('../../src/shard-manager.ts', import.meta.url));
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const MINUTE = 60_000;

/** The first id from `seed` on that Discord serves on `shard` of `count`. */
function guildOnShard(shard: number, count: number, seed: bigint): string {
  let id = seed;
  while (shardForGuild(String(id), count) !== shard) id += 1n << 22n;
  return String(id);
}

const GUILDS = [guildOnShard(0, 2, BigInt(IDS.guild)), guildOnShard(1, 2, BigInt(IDS.guild))] as const;
const CHANNELS = ['300000000000000001', '300000000000000002'] as const;
const STORIES = [
  ['Harbour wall approved after a long council debate', 'Ferry timetable changes for the winter season'],
  ['New library opens in the old mill district', 'Tram line extension wins regional funding'],
] as const;

interface LogLine {
  msg?: string;
  pid?: number;
  role?: string;
  shard?: number;
  shards?: number[];
  channelId?: string;
  outcome?: string;
  code?: number;
}

interface Manager {
  child: ChildProcess;
  lines: LogLine[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe.skipIf(!available && !requiredInCi)('npm run start:sharded', () => {
  let discord: FakeDiscord;
  let redis: RedisServer;
  let feeds: FeedServer;
  const managers: Manager[] = [];

  function startManager(shards: string, env: Record<string, string> = {}): Manager {
    const child = spawn(process.execPath, ['--import', TSX, MANAGER], {
      cwd: PROJECT_DIR,
      env: isolatedEnv({
        SHARDS: shards,
        DISCORD_TOKEN: 'fake-token',
        DISCORD_APP_ID: IDS.app,
        DISCORD_API_URL: discord.apiUrl,
        STORE_URL: redis.url,
        CACHE_URL: 'memory',
        REDIS_URL: redis.url,
        FETCH_ALLOW_HOSTS: '127.0.0.1',
        USER_RATE_PER_MIN: '1000',
        LOG_LEVEL: 'info',
        ...env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: LogLine[] = [];
    let pending = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) {
        try {
          lines.push(JSON.parse(line) as LogLine);
        } catch {
          // Not a log line.
        }
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const manager = { child, lines, stderr: () => stderr, exited };
    managers.push(manager);
    return manager;
  }

  /** The pid of each shard's bot process, by shard id, once every shard's bot has logged "bot ready". */
  async function shardPids(manager: Manager, count: number): Promise<Map<number, number>> {
    const pids = new Map<number, number>();
    await vi.waitFor(
      () => {
        for (const line of manager.lines) if (line.msg === 'bot ready' && line.shards?.length === 1 && line.pid) pids.set(line.shards[0] ?? -1, line.pid);
        expect([...pids.keys()].sort(), manager.stderr()).toEqual(Array.from({ length: count }, (_, id) => id));
      },
      { timeout: 60_000, interval: 100 },
    );
    return pids;
  }

  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true requires redis-server for these tests, but ${missingMessage}.`);
    redis = await startRedisServer();
    feeds = await startFeedServer();
    // Discord recommends 1 shard at first: SHARDS=2 has to win over it.
    discord = await startFakeDiscord({
      applicationId: IDS.app,
      recommendedShards: 1,
      maxConcurrency: 16,
      guilds: GUILDS.map((id, index) => ({ id, name: `Guild ${index}`, channels: [{ id: CHANNELS[index] ?? '', name: 'news' }] })),
    });

    // Each guild's digest is due two minutes ago and has not run: the shards' first look (their
    // catch-up on start) posts it. Written through the real services into the shared Redis.
    const started = Date.now();
    const clock = testClock(new Date(started - 60 * MINUTE));
    const seed = await buildServices(
      loadConfig({ STORE_URL: redis.url, CACHE_URL: 'memory', REDIS_URL: redis.url, FETCH_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' }),
      createLogger({ level: 'silent' }),
      { now: clock.now, hostSpacingMs: 0 },
    );
    const due = new Date(started - 2 * MINUTE);
    const slot = parseSlot(`${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`, 'UTC');
    for (const [index, guildId] of GUILDS.entries()) {
      const titles = STORIES[index] ?? [];
      titles.forEach((title, item) => feeds.serveArticle(`/news/${index}/${item}`, title));
      feeds.serveFeed(`/feed-${index}.xml`, {
        title: `Herald ${index}`,
        items: titles.map((title, item) => ({ title, link: `/news/${index}/${item}`, guid: `g${index}-${item}`, date: new Date(started - (2 + item) * 60 * MINUTE) })),
      });
      await seed.digests.addFeed(guildId, CHANNELS[index] ?? '', feeds.url(`/feed-${index}.xml`));
      await seed.digests.schedule(guildId, CHANNELS[index] ?? '', slot);
    }
    // The bot last looked ten minutes ago, before the slot.
    clock.set(new Date(started - 10 * MINUTE));
    await seed.digests.createScheduler({ send: async () => 'unused', startThread: async (_channel, message) => message, notice: async () => undefined }).tick();
    await seed.close();
  }, 30_000);

  afterAll(async () => {
    for (const manager of managers) if (manager.child.exitCode === null && manager.child.signalCode === null) manager.child.kill('SIGKILL');
    await discord?.close();
    await feeds?.close();
    await redis?.stop();
  });

  it('SHARDS=2: each shard identifies as itself, answers its own guild once and posts its own guild’s digest once; SIGTERM stops them all', async () => {
    const identifiesBefore = discord.identifies.length;
    const manager = startManager('2');
    const pids = await shardPids(manager, 2);
    expect(discord.identifies.slice(identifiesBefore).map((identify) => identify.shard).sort()).toEqual([[0, 2], [1, 2]]);

    // One interaction in each guild, each on its shard's connection only.
    const sent = GUILDS.map((guildId, index) =>
      discord.slashCommand({ name: 'summarize', guildId, channelId: CHANNELS[index], options: [{ name: 'text', type: 3, value: `${EXAMPLE_TEXT}\n\nFiled for guild ${index}.` }] }),
    );
    for (const interaction of sent) {
      await discord.waitForCall((call) => call.method === 'PATCH' && call.path === `/webhooks/${IDS.app}/${interaction.token}/messages/@original`, 30_000);
    }
    for (const interaction of sent) {
      expect(discord.callbacksFor(interaction.id).map((callback) => callback.type)).toEqual([5]);
      const edits = discord.calls.filter((call) => call.method === 'PATCH' && call.path === `/webhooks/${IDS.app}/${interaction.token}/messages/@original`);
      expect(edits.map((call) => call.status)).toEqual([200]);
      expect((edits[0]?.body as { embeds?: APIEmbed[] }).embeds?.[0]?.description).toMatch(/^• .*Riverton/);
    }

    // Each guild's digest: posted once, by the shard that serves that guild.
    await vi.waitFor(() => expect(manager.lines.filter((line) => line.msg === 'digest slot run')).toHaveLength(2), { timeout: 60_000, interval: 100 });
    for (const [index, channelId] of CHANNELS.entries()) {
      const runs = manager.lines.filter((line) => line.msg === 'digest slot run' && line.channelId === channelId);
      expect(runs.map((run) => ({ pid: run.pid, outcome: run.outcome }))).toEqual([{ pid: pids.get(index), outcome: 'posted' }]);
    }
    // Every story of both digests is on Discord exactly once (each digest's stories are its own).
    const postedTitles = discord.messages.flatMap((message) => ((message.embeds ?? []) as APIEmbed[]).map((embed) => embed.title));
    for (const title of STORIES.flat()) expect(postedTitles.filter((posted) => posted === title), title).toHaveLength(1);
    expect(discord.deduplicatedPosts).toBe(0);
    expect(discord.failedCalls.map((call) => `${call.status} ${call.method} ${call.path}`)).toEqual([]);

    manager.child.kill('SIGTERM');
    const exit = await manager.exited;
    expect(exit, manager.stderr()).toEqual({ code: 0, signal: null });
    for (const pid of pids.values()) expect(isAlive(pid), `shard process ${pid}`).toBe(false);
    expect(manager.lines.filter((line) => line.msg === 'shard exited').map((line) => line.shard).sort()).toEqual([0, 1]);
    expect(manager.lines.filter((line) => line.msg === 'bot stopped').map((line) => line.pid).sort()).toEqual([...pids.values()].sort());
  }, 120_000);

  it('SHARDS=auto: starts as many shards as GET /gateway/bot recommends; killed, the manager takes its shards with it', async () => {
    discord.recommendShards(2);
    const identifiesBefore = discord.identifies.length;
    const callsBefore = discord.calls.length;
    const manager = startManager('auto');
    const pids = await shardPids(manager, 2);
    expect(discord.identifies.slice(identifiesBefore).map((identify) => identify.shard).sort()).toEqual([[0, 2], [1, 2]]);
    const asked = discord.calls.slice(callsBefore).filter((call) => call.path === '/gateway/bot');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((call) => call.authorization === 'Bot fake-token')).toBe(true);

    // Left running, a shard would stay connected next to the one a restarted manager starts.
    manager.child.kill('SIGKILL');
    await manager.exited;
    await vi.waitFor(() => expect([...pids.values()].filter(isAlive)).toEqual([]), { timeout: 15_000, interval: 100 });
    // They stopped the orderly way, not by crashing on the closed channel to the manager.
    expect(manager.lines.filter((line) => line.msg === 'bot stopped').map((line) => line.pid).sort()).toEqual([...pids.values()].sort());
    expect(manager.stderr()).not.toMatch(/ERR_IPC_CHANNEL_CLOSED/);
  }, 90_000);

  it('a shard that cannot start ends the manager with exit code 1, not a respawn loop', async () => {
    // Nothing listens there: each shard fails to open its store and exits before it is ready.
    const closedPort = await freePort();
    const manager = startManager('2', { STORE_URL: `redis://127.0.0.1:${closedPort}`, REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    const exit = await manager.exited;
    expect(exit.code, manager.stderr()).toBe(1);
    expect(manager.stderr()).toMatch(/shard \d exited \(code 1, signal null\) before it was ready/);
    expect(manager.lines.filter((line) => line.msg === 'shard spawned').length).toBeLessThanOrEqual(4);
  }, 60_000);
});

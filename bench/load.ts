/**
 * Load benchmark (issue 13): 1,000 /summarize interactions through the fake Discord against a fake
 * LLM at 300 ms a call, to the built bot as operators run it: one process on SQLite, and two
 * processes (the sharding manager's two shards) sharing Redis. Prints throughput, acknowledgement
 * and final-answer latencies, LLM calls saved by the cache, the fake's busiest 60 s against LLM_RPM,
 * and the bot processes' RSS.
 * npm run bench:load -- [--interactions N] [--rate PER_SECOND] [--report FILE]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../scripts/build.mjs';
import { shardForGuild, startFakeDiscord, type FakeDiscord, type SentInteraction } from '../test-support/fake-discord.js';
import { completion, startFakeOpenAi, type FakeOpenAi } from '../test-support/fake-openai.js';
import { redisServerAvailable, startRedisServer } from '../test-support/redis-server.js';
import { scriptedReply } from '../test-support/scripted-model.js';
import { IDS } from '../test-support/start-test-bot.js';
import { runBench } from './lib/bench-args.js';
import { distinctTexts } from './lib/bot-burst.js';
import { startBotProcesses, type BotProcesses } from './lib/bot-process.js';
import { writeJsonFile } from './lib/json-files.js';
import { percentile } from './lib/percentiles.js';
import { printTable } from './lib/print-table.js';

const LLM_LATENCY_MS = 300;
const LLM_RPM = 600;
const WINDOW_MS = 60_000;
/** Each text is asked for twice, the second time a little later: half the answers can come from the cache. */
const REPEATS = 2;
const SETTLE_TIMEOUT_MS = 300_000;

function guildOnShard(shard: number, count: number, seed: bigint): string {
  let id = seed;
  while (shardForGuild(String(id), count) !== shard) id += 1n << 22n;
  return String(id);
}
const GUILDS = [guildOnShard(0, 2, BigInt(IDS.guild)), guildOnShard(1, 2, BigInt(IDS.guild))];
const CHANNELS = ['300000000000000001', '300000000000000002'];

interface Outcome {
  name: string;
  interactions: number;
  wallS: number;
  ackMs: number[];
  finalMs: number[];
  lost: number;
  doubleAnswered: number;
  llmCalls: number;
  worstWindowRequests: number;
  rss: { startMb: number; peakMb: number; endMb: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The most requests the fake saw in any 60 s, over every start time. */
function worstWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] ?? 0) < (sorted[start] ?? 0) + WINDOW_MS) end++;
    worst = Math.max(worst, end - start);
  }
  return worst;
}

async function drive(discord: FakeDiscord, texts: string[], interactions: number, ratePerSecond: number): Promise<SentInteraction[]> {
  const sent: SentInteraction[] = [];
  const started = performance.now();
  for (let index = 0; index < interactions; index++) {
    // Due at index / rate seconds; a burst never runs ahead of the schedule.
    const due = started + (index * 1000) / ratePerSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    const guild = index % GUILDS.length;
    // Text k is first asked at interaction 2k-ish and again half a run later.
    const text = texts[index % texts.length] ?? '';
    sent.push(discord.slashCommand({ name: 'summarize', guildId: GUILDS[guild], channelId: CHANNELS[guild], options: [{ name: 'text', type: 3, value: text }] }));
  }
  return sent;
}

async function run(name: string, command: 'main' | 'shard-manager', env: Record<string, string>, settings: { interactions: number; rate: number }): Promise<Outcome> {
  const discord = await startFakeDiscord({
    applicationId: IDS.app,
    guilds: GUILDS.map((id, index) => ({ id, name: `Guild ${index}`, channels: [{ id: CHANNELS[index] ?? '', name: 'news' }] })),
    recommendedShards: command === 'shard-manager' ? 2 : 1,
  });
  const openai: FakeOpenAi = await startFakeOpenAi();
  openai.respondWith((body) => ({ ...completion(scriptedReply(body)), latencyMs: LLM_LATENCY_MS }));
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-bench-load-'));
  let bots: BotProcesses | undefined;
  try {
    bots = await startBotProcesses(
      [path.join('dist', `${command}.js`)],
      {
        DISCORD_TOKEN: 'fake-token',
        DISCORD_APP_ID: IDS.app,
        DISCORD_API_URL: discord.apiUrl,
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: 'sk-bench',
        STORE_URL: `sqlite://${path.join(dir, 'state.sqlite')}`,
        USER_RATE_PER_MIN: '100000',
        LLM_RPM: String(LLM_RPM),
        LLM_MAX_CONCURRENT: '8',
        LLM_TPM: '100000000',
        GUILD_DAILY_TOKENS: '0',
        LOG_LEVEL: 'info',
        ...env,
      },
      command === 'shard-manager' ? 2 : 1,
    );
    const rssStart = bots.rssMb();
    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, bots?.rssMb() ?? 0)), 500);
    const texts = distinctTexts(name.replace(/\W+/g, '-'), Math.ceil(settings.interactions / REPEATS));
    const started = performance.now();
    const sent = await drive(discord, texts, settings.interactions, settings.rate);
    const settled = (interaction: SentInteraction) => discord.calls.some((call) => call.method === 'PATCH' && call.path.endsWith(`/${interaction.token}/messages/@original`) && call.status < 400);
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    while (performance.now() < deadline && !sent.every(settled)) await sleep(200);
    const wallS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const rssEnd = bots.rssMb();

    const ackMs: number[] = [];
    const finalMs: number[] = [];
    let lost = 0;
    let doubleAnswered = 0;
    for (const interaction of sent) {
      const callbacks = discord.callbacksFor(interaction.id);
      const first = callbacks[0];
      if (first) ackMs.push(first.latencyMs);
      if (callbacks.length > 1) doubleAnswered++;
      const edits = discord.calls.filter((call) => call.method === 'PATCH' && call.path.endsWith(`/${interaction.token}/messages/@original`) && call.status < 400);
      const dispatchedAt = (first?.at ?? 0) - (first?.latencyMs ?? 0);
      if (edits.length === 0 || !first) lost++;
      else finalMs.push((edits.at(-1)?.at ?? 0) - dispatchedAt);
    }
    const chat = openai.requests.filter((request) => request.path.endsWith('/chat/completions'));
    return {
      name,
      interactions: sent.length,
      wallS,
      ackMs,
      finalMs,
      lost,
      doubleAnswered,
      llmCalls: chat.length,
      worstWindowRequests: worstWindow(chat.map((request) => request.receivedAt)),
      rss: { startMb: rssStart, peakMb: rssPeak, endMb: rssEnd },
    };
  } finally {
    await bots?.stop();
    await discord.close();
    await openai.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { interactions: { type: 'string', default: '1000' }, rate: { type: 'string', default: '20' }, report: { type: 'string' } } });
  const settings = { interactions: Number(values.interactions), rate: Number(values.rate) };
  await ensureBuilt();
  const outcomes: Outcome[] = [await run('1 process, SQLite', 'main', {}, settings)];
  if (redisServerAvailable()) {
    const redis = await startRedisServer();
    try {
      outcomes.push(await run('2 shard processes, Redis', 'shard-manager', { SHARDS: '2', REDIS_URL: redis.url, STORE_URL: redis.url, CACHE_URL: redis.url }, settings));
    } finally {
      await redis.stop();
    }
  } else {
    console.log('bench:load: redis-server is not installed; the two-process run is skipped.');
  }
  const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(0)} ms`;
  console.log(`bench:load: ${settings.interactions} /summarize at ${settings.rate}/s (each text twice), fake LLM at ${LLM_LATENCY_MS} ms, LLM_RPM ${LLM_RPM}, LLM_MAX_CONCURRENT 8`);
  printTable(
    ['run', 'throughput', 'ack p50', 'ack p99', 'ack max', 'answer p50', 'answer p99', 'lost', 'double', 'LLM calls (saved)', `busiest 60 s / RPM`, 'RSS start → peak → end'],
    outcomes.map((outcome) => [
      outcome.name,
      `${(outcome.interactions / outcome.wallS).toFixed(1)}/s`,
      ms(outcome.ackMs, 50),
      ms(outcome.ackMs, 99),
      ms(outcome.ackMs, 100),
      ms(outcome.finalMs, 50),
      ms(outcome.finalMs, 99),
      String(outcome.lost),
      String(outcome.doubleAnswered),
      `${outcome.llmCalls} (${outcome.interactions - outcome.llmCalls})`,
      `${outcome.worstWindowRequests} / ${LLM_RPM}`,
      `${outcome.rss.startMb.toFixed(0)} → ${outcome.rss.peakMb.toFixed(0)} → ${outcome.rss.endMb.toFixed(0)} MB`,
    ]),
  );
  if (values.report) await writeJsonFile(path.resolve(values.report), { settings, outcomes });
}

await runBench('bench:load', main);

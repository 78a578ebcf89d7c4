/**
 * Memory benchmark (issue 13): the bot as its own process on the default SQLite stores, against the
 * fake Discord (and the fake LLM for the LLM rows), measured from outside through /proc. Prints
 * start-up to ready, RSS idle after ready, and RSS after 1,000 summaries of distinct texts.
 * npm run bench:memory -- [--summaries N] [--report FILE]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, isBuildStale } from '../scripts/build.mjs';
import { completion } from '../test-support/fake-openai.js';
import { scriptedReply } from '../test-support/scripted-model.js';
import { EXAMPLE_TEXT, startTestWorld, type TestWorld } from '../test-support/start-test-bot.js';
import { runBench } from './lib/bench-args.js';
import { startBotProcess, type BotProcess } from './lib/bot-process.js';
import { writeJsonFile } from './lib/json-files.js';
import { printTable } from './lib/print-table.js';

const IDLE_SETTLE_MS = 5_000;
const IN_FLIGHT = 10;
const WARM_UP = 100;

interface Row {
  name: string;
  readyAfterMs: number;
  idleMb: number;
  /** After the first WARM_UP summaries: every lazily loaded package is in, the caches have begun to fill. */
  warmMb: number | null;
  afterMb: number | null;
  peakMb: number;
  summaries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Distinct texts (each a new cache key), as 1,000 different articles would be. */
const textFor = (index: number) => `${EXAMPLE_TEXT}\n\nThis copy, number ${index}, was filed for the memory benchmark.`.slice(0, 5900);

async function summarizeMany(world: TestWorld, from: number, count: number): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < from + count) {
      const index = next++;
      const sent = world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: textFor(index) }] });
      await world.discord.waitForCall((call) => call.method === 'PATCH' && call.path.endsWith(`/${sent.token}/messages/@original`), 60_000);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

async function measure(name: string, command: string[], world: TestWorld, env: Record<string, string>, summaries: number): Promise<Row> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-bench-memory-'));
  let bot: BotProcess | undefined;
  try {
    bot = await startBotProcess(command, {
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APP_ID: '100000000000000001',
      DISCORD_API_URL: world.discord.apiUrl,
      STORE_URL: `sqlite://${path.join(dir, 'state.sqlite')}`,
      USER_RATE_PER_MIN: '100000',
      LLM_RPM: '100000',
      LLM_TPM: '100000000',
      GUILD_DAILY_TOKENS: '0',
      LOG_LEVEL: 'info',
      ...env,
    });
    await sleep(IDLE_SETTLE_MS);
    const idle = bot.memory();
    let warmMb: number | null = null;
    let afterMb: number | null = null;
    if (summaries > WARM_UP) {
      await summarizeMany(world, 0, WARM_UP);
      await sleep(IDLE_SETTLE_MS);
      warmMb = bot.memory().rssMb;
      await summarizeMany(world, WARM_UP, summaries - WARM_UP);
      await sleep(IDLE_SETTLE_MS);
      afterMb = bot.memory().rssMb;
    }
    return { name, readyAfterMs: bot.readyAfterMs, idleMb: idle.rssMb, warmMb, afterMb, peakMb: bot.memory().peakMb, summaries };
  } finally {
    await bot?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The heap after a full GC at 100 and at 1,000 summaries, in a process of its own with --expose-gc. */
function heapAfterGc(mode: 'llm' | 'extractive'): Promise<Record<string, number>> {
  const loader = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  const script = new URL('./lib/heap-after-gc.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--expose-gc', '--import', loader, script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as Record<string, number>) : reject(new Error(`heap check exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { summaries: { type: 'string', default: '1000' }, report: { type: 'string' } } });
  const summaries = Number(values.summaries);
  if (isBuildStale()) await build();
  const world = await startTestWorld();
  world.openai.respondWith((body) => completion(scriptedReply(body)));
  const built = ['dist/main.js'];
  const tsx = ['--import', 'tsx', 'src/main.ts'];
  const llm = { OPENAI_BASE_URL: world.openai.baseUrl, OPENAI_API_KEY: 'sk-bench' };
  try {
    const rows = [
      await measure('built, no LLM (extractive)', built, world, {}, summaries),
      await measure('built, with an LLM endpoint', built, world, llm, summaries),
      await measure('through tsx (npm run dev), no LLM', tsx, world, {}, 0),
    ];
    console.log(`bench:memory: the bot as its own process on SQLite, RSS from /proc (idle: ${IDLE_SETTLE_MS / 1000} s after ready; after: ${IDLE_SETTLE_MS / 1000} s after the last of ${summaries} summaries, ${IN_FLIGHT} in flight)`);
    const mb = (value: number | null) => (value === null ? '—' : `${value.toFixed(0)} MB`);
    printTable(
      ['bot', 'ready after', 'RSS idle', `after ${WARM_UP}`, `after ${summaries}`, 'growth from idle', `growth from ${WARM_UP}`, 'peak'],
      rows.map((row) => [
        row.name,
        `${(row.readyAfterMs / 1000).toFixed(2)} s`,
        mb(row.idleMb),
        mb(row.warmMb),
        mb(row.afterMb),
        mb(row.afterMb === null ? null : row.afterMb - row.idleMb),
        mb(row.afterMb === null || row.warmMb === null ? null : row.afterMb - row.warmMb),
        mb(row.peakMb),
      ]),
    );
    const heaps = { extractive: await heapAfterGc('extractive'), llm: await heapAfterGc('llm') };
    console.log('\nheap after a full GC, the same services in one process (--expose-gc), 100 → 1,000 summaries:');
    for (const [mode, heap] of Object.entries(heaps)) {
      console.log(`  ${mode}: ${heap['100']?.toFixed(1)} → ${heap['1000']?.toFixed(1)} MB (+${((heap['1000'] ?? 0) - (heap['100'] ?? 0)).toFixed(1)} MB)`);
    }
    if (values.report) await writeJsonFile(path.resolve(values.report), { rows, heaps });
  } finally {
    await world.close();
  }
}

await runBench('bench:memory', main);

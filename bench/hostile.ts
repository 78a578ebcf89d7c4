/**
 * Hostile-input benchmark (issue 12): each hostile case through the real CLI as its own process,
 * with its CPU time and peak RSS against the bound (10 s of CPU, 400 MB); the largest ordinary
 * article within the bound; and 1,000 ordinary articles through one process, for RSS growth.
 * npm run bench:hostile -- [--data DIR] [--report FILE]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchOptions, resolveBenchPaths, runBench } from './lib/bench-args.js';
import { loadSummaryPairs } from './lib/cnndm-pairs.js';
import { HOSTILE_PAGES } from './lib/hostile-pages.js';
import { HOSTILE_TEXTS, MIB } from './lib/hostile-texts.js';
import { isDataMissing, writeJsonFile } from './lib/json-files.js';
import { measureCliRun, type CliMeasure } from './lib/measure-cli-run.js';
import { printTable } from './lib/print-table.js';
import { startPageServer } from '../test-support/page-server.js';

const CPU_BOUND_S = 10;
const RSS_BOUND_MB = 400;

interface Outcome {
  name: string;
  bytes: number;
  measure: CliMeasure;
}

/** What the CLI answered, in a few words: the refusal's message or the summary's headline. */
function answerOf(measure: CliMeasure): string {
  if (measure.killed) return 'KILLED (no answer)';
  try {
    const parsed = JSON.parse(measure.stdout) as { headline?: string; error?: { message?: string } };
    if (parsed.error?.message) return `refused: ${parsed.error.message}`;
    return `summary: ${parsed.headline ?? ''}`;
  } catch {
    const line = (measure.stderr.trim().split('\n').at(-1) ?? '').trim();
    return line ? `error: ${line}` : 'no output';
  }
}

function row({ name, bytes, measure }: Outcome): string[] {
  const within = !measure.killed && measure.cpuSeconds <= CPU_BOUND_S && measure.peakRssMb <= RSS_BOUND_MB;
  return [
    name,
    `${(bytes / MIB).toFixed(2)} MiB`,
    String(measure.exitCode),
    measure.cpuSeconds.toFixed(1),
    measure.peakRssMb.toFixed(0),
    within ? 'yes' : 'NO',
    answerOf(measure).slice(0, 70),
  ];
}

async function runTexts(dir: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [name, build] of Object.entries(HOSTILE_TEXTS)) {
    const text = build();
    const file = path.join(dir, `${name}.txt`);
    writeFileSync(file, text);
    outcomes.push({ name: `text ${name}`, bytes: Buffer.byteLength(text), measure: await measureCliRun(['--json', file]) });
  }
  return outcomes;
}

/** Each page served from loopback, as the bot and the CLI fetch a URL. */
async function runPages(): Promise<Outcome[]> {
  const built = Object.entries(HOSTILE_PAGES).map(([name, build]) => ({ name, page: build() }));
  const server = await startPageServer(
    Object.fromEntries(
      built.map(({ name, page }) => [`/${name}`, (_request, response) => response.writeHead(200, { 'content-type': page.contentType }).end(page.body)]),
    ),
  );
  const outcomes: Outcome[] = [];
  try {
    for (const { name, page } of built) {
      const measure = await measureCliRun(['--json', server.url(`/${name}`)], { FETCH_ALLOW_HOSTS: '127.0.0.1' });
      outcomes.push({ name: `page ${name}`, bytes: typeof page.body === 'string' ? Buffer.byteLength(page.body) : page.body.byteLength, measure });
    }
  } finally {
    await server.close();
  }
  return outcomes;
}

/** Ordinary news of growing size, made of distinct real articles, to find the largest we handle within the bound. */
async function runOrdinary(dataPath: string, dir: string): Promise<Outcome[]> {
  const pairs = await loadSummaryPairs(dataPath);
  const outcomes: Outcome[] = [];
  for (const size of [0.25, 0.5, 1, 2, 3, 4, 4.9]) {
    const parts: string[] = ['Council backs flood barrier'];
    let bytes = 0;
    for (let index = 0; bytes < size * MIB; index++) {
      const paragraph = pairs[index % pairs.length]!.article;
      parts.push(paragraph);
      bytes += Buffer.byteLength(paragraph) + 2;
    }
    const text = parts.join('\n\n');
    const file = path.join(dir, `ordinary-${size}.txt`);
    writeFileSync(file, text);
    outcomes.push({ name: `ordinary ${size} MiB`, bytes: Buffer.byteLength(text), measure: await measureCliRun(['--json', file]) });
  }
  return outcomes;
}

function runLoad(dataPath: string): Promise<{ samples: Array<{ articles: number; rssMb: number }> }> {
  const loader = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  const script = new URL('./lib/load-articles.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--expose-gc', '--import', loader, script, dataPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as { samples: Array<{ articles: number; rssMb: number }> }) : reject(new Error(`load run exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: benchOptions });
  const paths = resolveBenchPaths(values, '../shared/eval/cnndm/pairs.jsonl');
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-bench-hostile-'));
  try {
    const hostile = [...(await runPages()), ...(await runTexts(dir))];
    console.log(`bench:hostile: each case through the CLI as its own process (bound: ${CPU_BOUND_S} s CPU, ${RSS_BOUND_MB} MB peak RSS, start-up included)`);
    const header = ['case', 'size', 'exit', 'CPU s', 'peak MB', 'within', 'answer'];
    printTable(header, hostile.map(row));
    const report: Record<string, unknown> = { hostile: hostile.map(({ name, bytes, measure }) => ({ name, bytes, answer: answerOf(measure), ...measure, stdout: undefined, stderr: undefined })) };
    if (!isDataMissing('bench:hostile (ordinary articles and load)', paths.data)) {
      const ordinary = await runOrdinary(paths.data, dir);
      console.log('\nordinary articles of growing size (distinct CNN/DM articles, one paragraph each):');
      printTable(header, ordinary.map(row));
      const load = await runLoad(paths.data);
      const first = load.samples[0]?.rssMb ?? 0;
      const after100 = load.samples.find((sample) => sample.articles === 100)?.rssMb ?? first;
      const last = load.samples.at(-1)?.rssMb ?? first;
      console.log(`\n1,000 ordinary articles in one process (RSS after a full GC): ${load.samples.map((sample) => `${sample.articles}: ${sample.rssMb.toFixed(0)} MB`).join(', ')}`);
      console.log(`growth from article 100 to 1,000: ${(last - after100).toFixed(1)} MB (summary cache: memory LRU, all 1,000 entries kept)`);
      report.ordinary = ordinary.map(({ name, bytes, measure }) => ({ name, bytes, answer: answerOf(measure), cpuSeconds: measure.cpuSeconds, peakRssMb: measure.peakRssMb }));
      report.load = load;
    }
    if (paths.report) await writeJsonFile(paths.report, report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await runBench('bench:hostile', main);

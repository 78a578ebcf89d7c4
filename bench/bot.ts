/**
 * Bot benchmark: 100 /summarize interactions at once through the real bot (the real composition
 * root, logged into the fake Discord), with the fake LLM at a fixed latency. It reuses the tests'
 * helpers (test-support/start-test-bot.ts and the fakes), so the fakes run in this process too.
 * Two runs: the LLM limits raised out of the way, then at their defaults, to show how the limiter
 * shapes the time to the final edit while deferrals stay fast. Each figure has its goal, if any.
 * npm run bench:bot -- [--report FILE] [--count N]
 */
import { parseArgs } from 'node:util';
import { benchOptions, resolveBenchPaths, runBench } from './lib/bench-args.js';
import type { BurstRun, BurstSettings } from './lib/bot-burst.js';
import { writeJsonFile } from './lib/json-files.js';
import { percentile } from './lib/percentiles.js';
import { figuresForReport, goal, printFigures, type Figure } from './lib/goal-figures.js';

const LATENCY_MS = 500;
const DEFAULT_COUNT = 100;
/** Goal for the deferral's p99; Discord drops an interaction that is not answered within 3 s. */
const DEFER_P99_GOAL_MS = 300;
const DISCORD_CALLBACK_LIMIT_MS = 3000;
/** At the defaults the limiter spaces calls about 1 s apart, so 100 take well over a minute and a half. */
const TIMEOUT_MS = 10 * 60_000;

/** One user sends every interaction, so the per-user limit is raised in both runs: it is not the subject. */
const RUNS: Array<Omit<BurstSettings, 'count' | 'latencyMs' | 'timeoutMs'>> = [
  {
    label: 'limits raised',
    env: { USER_RATE_PER_MIN: '1000', LLM_MAX_CONCURRENT: '100', LLM_RPM: '100000', LLM_TPM: '100000000', GUILD_DAILY_TOKENS: '100000000' },
  },
  { label: 'LLM limits at defaults', env: { USER_RATE_PER_MIN: '1000' } },
];

const RSS_NOTE = 'RSS is the whole process: the bot plus the fake Discord, the fake OpenAI server and the page server, which run in it too.';

const orNull = (value: number) => (Number.isNaN(value) ? null : value);
const none = (value: number) => goal('= 0', value === 0);

function figuresOf(run: BurstRun): Figure[] {
  const deferP99 = orNull(percentile(run.deferMs, 99));
  const deferMax = run.deferMs.length > 0 ? Math.max(...run.deferMs) : null;
  const editMax = run.finalEditMs.length > 0 ? Math.max(...run.finalEditMs) : null;
  const { maxConcurrent, minTimeMs, rpm } = run.limiter;
  return [
    { key: 'deferP50', name: `dispatch → defer p50 (n=${run.deferMs.length})`, value: orNull(percentile(run.deferMs, 50)), unit: 'ms' },
    { key: 'deferP99', name: 'dispatch → defer p99', value: deferP99, unit: 'ms', goal: goal(`< ${DEFER_P99_GOAL_MS} ms`, deferP99 !== null && deferP99 < DEFER_P99_GOAL_MS && run.notDeferred === 0) },
    { key: 'deferMax', name: 'dispatch → defer max', value: deferMax, unit: 'ms', goal: goal(`< ${DISCORD_CALLBACK_LIMIT_MS} ms (Discord)`, deferMax !== null && deferMax < DISCORD_CALLBACK_LIMIT_MS) },
    {
      key: 'loopBusyUntilLastDefer', name: '  event loop busy, first dispatch → last defer',
      value: run.loopBusyUntilLastDefer === null ? null : run.loopBusyUntilLastDefer * 100, unit: '%',
    },
    { key: 'finalEditP50', name: `dispatch → final edit p50 (n=${run.finalEditMs.length})`, value: orNull(percentile(run.finalEditMs, 50)), unit: 'ms' },
    { key: 'finalEditP99', name: 'dispatch → final edit p99', value: orNull(percentile(run.finalEditMs, 99)), unit: 'ms' },
    { key: 'finalEditMax', name: 'dispatch → final edit max', value: editMax, unit: 'ms' },
    {
      key: 'finalEditFloor', name: `  least the limiter allows (${maxConcurrent} at once, ${minTimeMs} ms apart, RPM ${rpm})`,
      value: run.finalEditFloorMs, unit: 'ms',
    },
    {
      key: 'restRateLimited', name: `  discord.js REST waits of its own (${run.restRateLimited.global} for its global 50/s)`,
      value: run.restRateLimited.total, unit: '',
    },
    { key: 'rssIdle', name: 'RSS idle (after login and warm-up)', value: run.rss.idleMb, unit: 'MB' },
    { key: 'rssPeakSampled', name: `RSS peak in the burst (${run.rss.samples} samples, every 50 ms)`, value: run.rss.peakSampledMb, unit: 'MB' },
    { key: 'rssProcessMax', name: 'maxRSS of the process so far', value: run.rss.processMaxMb, unit: 'MB' },
    { key: 'withoutFinalEdit', name: 'interactions without a final edit', value: run.withoutFinalEdit, unit: '', goal: none(run.withoutFinalEdit) },
    { key: 'errorFollowUps', name: 'follow-ups with errors', value: run.errorFollowUps, unit: '', goal: none(run.errorFollowUps) },
    { key: 'failedCalls', name: 'calls the fake Discord answered 4xx/5xx', value: run.failedCalls.length, unit: '', goal: none(run.failedCalls.length) },
    { key: 'llmCalls', name: `LLM calls (max ${run.llmMaxInFlight} in flight)`, value: run.llmCalls, unit: '', goal: goal(`= ${run.interactions}`, run.llmCalls === run.interactions) },
    { key: 'cachedOrFallback', name: `answers cached (${run.cachedAnswers}) or extractive (${run.fallbackAnswers})`, value: run.cachedAnswers + run.fallbackAnswers, unit: '', goal: none(run.cachedAnswers + run.fallbackAnswers) },
    { key: 'wallSeconds', name: 'first dispatch → all settled', value: run.wallMs / 1000, unit: 's' },
  ];
}

/** Failures that a figure alone would hide. */
function problems(run: BurstRun): string[] {
  const lines: string[] = [];
  if (run.timedOut) lines.push(`gave up after ${TIMEOUT_MS / 1000} s with interactions still unanswered`);
  if (run.notDeferred > 0) lines.push(`${run.notDeferred} interactions were not deferred first`);
  const { failed, userErrors, rateLimited } = run.boundary;
  if (failed + userErrors + rateLimited > 0) lines.push(`the bot counted ${failed} failed, ${userErrors} refused, ${rateLimited} rate-limited`);
  const kinds = new Map<string, number>();
  for (const call of run.failedCalls) kinds.set(call, (kinds.get(call) ?? 0) + 1);
  for (const [call, times] of kinds) lines.push(`fake Discord answered ${call} ×${times}`);
  for (const message of run.fatal) lines.push(`fatal: ${message}`);
  return lines;
}

function parseCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_COUNT;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a whole number above 0; got "${value}"`);
  return count;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { report: benchOptions.report, count: { type: 'string' } } });
  const paths = resolveBenchPaths(values, '');
  const count = parseCount(values.count);
  const { runBotBurst } = await import('./lib/bot-burst.js');

  console.log(`bench:bot: ${count} /summarize interactions at once (distinct pasted texts), after one warm-up; fake LLM ${LATENCY_MS} ms a call`);
  console.log(RSS_NOTE);
  const runs: Array<{ run: BurstRun; figures: Figure[] }> = [];
  // The raised-limits run goes first, so that the process's maxRSS is its own.
  for (const settings of RUNS) {
    const run = await runBotBurst({ ...settings, count, latencyMs: LATENCY_MS, timeoutMs: TIMEOUT_MS });
    const figures = figuresOf(run);
    runs.push({ run, figures });
    console.log('');
    console.log(`${run.label}: ${Object.entries(run.env).map(([name, value]) => `${name}=${value}`).join(' ')}`);
    printFigures(figures);
    for (const line of problems(run)) console.log(line);
  }

  if (paths.report) {
    await writeJsonFile(paths.report, {
      benchmark: 'bot',
      interactions: count,
      latencyMs: LATENCY_MS,
      note: RSS_NOTE,
      runs: runs.map(({ run, figures }) => ({
        label: run.label,
        env: run.env,
        limiter: run.limiter,
        figures: figuresForReport(figures),
        problems: problems(run),
      })),
    });
  }
}

await runBench('bench:bot', main);

/**
 * Pipeline benchmark: the real services (buildServices, the openai SDK, the limiter, the cache)
 * against the fake LLM with a fixed latency, over the CNN/DM articles. Each figure has its goal.
 * npm run bench:pipeline -- [--data FILE|DIR] [--report FILE] [--limit N]
 */
import { parseArgs } from 'node:util';
import { benchOptions, resolveBenchPaths, runBench } from './lib/bench-args.js';
import { loadSummaryPairs } from './lib/cnndm-pairs.js';
import { isDataMissing, writeJsonFile } from './lib/json-files.js';
import { percentile } from './lib/percentiles.js';
import type { PipelineFigures, PipelineSettings } from './lib/run-pipeline-scenarios.js';
import { figuresForReport, goal, printFigures, type Figure } from './lib/goal-figures.js';

const SETTINGS: Omit<PipelineSettings, 'limit'> = { latencyMs: 300, concurrentIdentical: 50, rateRequests: 200, rpm: 1200, mangleShare: 0.3 };
/** The overhead goal is for an ~800-word article: the articles of 600 to 1000 words stand for it. */
const BAND = { min: 600, max: 1000 };

const atMost = (value: number | null, limit: number) => value !== null && value <= limit;

function latencyFigures({ latency, nearest800 }: PipelineFigures): Figure[] {
  const overheads = latency.samples.map((sample) => sample.overheadMs);
  const band = latency.samples.filter((sample) => sample.words >= BAND.min && sample.words <= BAND.max).map((sample) => sample.overheadMs);
  const bandP50 = band.length > 0 ? percentile(band, 50) : null;
  const hitP50 = latency.samples.length > 0 ? percentile(latency.samples.map((sample) => sample.cacheHitMs), 50) : null;
  const bandName = `${BAND.min}-${BAND.max} words`;
  return [
    { key: 'overheadP50', name: `1. overhead p50, all (n=${overheads.length})`, value: percentile(overheads, 50), unit: 'ms' },
    { key: 'overheadP95', name: '1. overhead p95, all', value: percentile(overheads, 95), unit: 'ms' },
    { key: 'overheadBandP50', name: `1. overhead p50, ${bandName} (n=${band.length})`, value: bandP50, unit: 'ms', goal: goal('<= 25 ms', atMost(bandP50, 25)) },
    { key: 'overheadBandP95', name: `1. overhead p95, ${bandName}`, value: band.length > 0 ? percentile(band, 95) : null, unit: 'ms' },
    { key: 'overheadNearest800', name: `1. overhead, nearest 800 words (${nearest800?.words ?? 0} w)`, value: nearest800?.overheadMs ?? null, unit: 'ms' },
    {
      key: 'cacheHitP50', name: `2. cache hit p50 (${latency.cacheMisses} not cached)`, value: hitP50, unit: 'ms',
      goal: goal('<= 5 ms, cached', atMost(hitP50, 5) && latency.cacheMisses === 0),
    },
  ];
}

function loadFigures({ dedup, rate }: PipelineFigures): Figure[] {
  const ratio = rate.wallMs / rate.minimumMs;
  return [
    {
      key: 'dedupLlmCalls', name: `3. LLM calls for ${dedup.requests} identical at once`, value: dedup.llmCalls, unit: '',
      goal: goal('= 1', dedup.llmCalls === 1 && dedup.errors === 0),
    },
    {
      key: 'rateLimited429s', name: `4. 429s at the fake (${rate.fakeLimit.limit} per ${rate.fakeLimit.windowMs} ms)`, value: rate.rateLimited, unit: '',
      goal: goal('= 0', rate.rateLimited === 0),
    },
    { key: 'rateFallbacks', name: '4. fallback notes', value: rate.fallbacks, unit: '', goal: goal('= 0', rate.fallbacks === 0 && rate.errors === 0) },
    { key: 'rateWallSeconds', name: `4. wall time, ${rate.requests} requests at LLM_RPM=${rate.rpm}`, value: rate.wallMs / 1000, unit: 's' },
    {
      key: 'rateWallRatio', name: `4. wall / ${rate.minimumMs / 1000} s minimum (limiter gap ${rate.limiterMinTimeMs} ms)`, value: ratio, unit: 'x',
      goal: goal('<= 1.15x', ratio <= 1.15),
    },
  ];
}

function faithfulnessFigures({ nearest800, promptTokensMax, quotes }: PipelineFigures): Figure[] {
  const tokens = nearest800?.promptTokens ?? null;
  return [
    {
      key: 'promptTokensBeyondArticle', name: `5. prompt tokens beyond the article (${nearest800?.words ?? 0} w)`, value: tokens?.total ?? null, unit: '',
      goal: goal('<= 400', atMost(tokens?.total ?? null, 400)),
    },
    { key: 'promptTokensMessages', name: '5.   of which messages', value: tokens?.messages ?? null, unit: '' },
    { key: 'promptTokensSchema', name: '5.   of which response_format schema', value: tokens?.schema ?? null, unit: '' },
    { key: 'promptTokensMax', name: '5.   largest over the articles', value: promptTokensMax, unit: '' },
    { key: 'quotesGiven', name: `6. quotes the model gave (${quotes.mangled} of ${quotes.sent} mangled)`, value: quotes.verbatim + quotes.repaired + quotes.dropped, unit: '' },
    { key: 'quotesVerbatim', name: '6.   verbatim', value: quotes.verbatim, unit: '' },
    { key: 'quotesRepaired', name: '6.   repaired', value: quotes.repaired, unit: '' },
    { key: 'quotesDropped', name: '6.   dropped', value: quotes.dropped, unit: '' },
    {
      key: 'unverifiedPrintedQuotes', name: `6. unverified printed quotes (of ${quotes.printed})`, value: quotes.unverifiedPrinted, unit: '',
      goal: goal('= 0', quotes.unverifiedPrinted === 0 && quotes.errors === 0),
    },
    { key: 'unsupportedClaims', name: `6. unsupported claims (${quotes.summaries} summaries)`, value: quotes.unsupportedClaims, unit: '' },
  ];
}

/** Failures that a figure alone would hide: errors, fallbacks, refused articles. */
function problems(run: PipelineFigures): string[] {
  const lines: string[] = [];
  if (run.refused > 0) lines.push(`${run.refused} articles refused by the quality gate (first: ${run.firstRefusal})`);
  if (run.latency.errors > 0) lines.push(`latency run: ${run.latency.errors} errors (first: ${run.latency.firstError})`);
  if (run.latency.fallbacks > 0) lines.push(`latency run: ${run.latency.fallbacks} summaries fell back to extractive`);
  if (run.dedup.errors > 0) lines.push(`de-duplication run: ${run.dedup.errors} errors`);
  if (run.rate.errors > 0) lines.push(`rate run: ${run.rate.errors} errors`);
  if (run.quotes.errors + run.quotes.fallbacks > 0) lines.push(`quote run: ${run.quotes.errors} errors, ${run.quotes.fallbacks} fallbacks`);
  return lines;
}

function parseLimit(value: string | undefined): number | null {
  if (value === undefined) return null;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit must be a whole number above 0; got "${value}"`);
  return limit;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: benchOptions.data, report: benchOptions.report, limit: { type: 'string' } } });
  const paths = resolveBenchPaths(values, '../shared/eval/cnndm/pairs.jsonl');
  const limit = parseLimit(values.limit);
  if (isDataMissing('bench:pipeline', paths.data)) return;
  const pairs = await loadSummaryPairs(paths.data);
  if (pairs.length === 0) throw new Error(`no pairs in ${paths.data}`);
  // Imported once the data is known to exist, so that a missing folder never depends on src/ loading.
  const { runPipelineScenarios } = await import('./lib/run-pipeline-scenarios.js');
  const run = await runPipelineScenarios(pairs, { ...SETTINGS, limit });
  const figures = [...latencyFigures(run), ...loadFigures(run), ...faithfulnessFigures(run)];

  console.log(`bench:pipeline: ${run.articles} articles from ${paths.data}; fake LLM ${SETTINGS.latencyMs} ms a call`);
  printFigures(figures);
  for (const line of problems(run)) console.log(line);

  if (paths.report) {
    await writeJsonFile(paths.report, {
      benchmark: 'pipeline',
      data: paths.data,
      latencyMs: SETTINGS.latencyMs,
      articles: run.articles,
      refused: run.refused,
      figures: figuresForReport(figures),
      problems: problems(run),
    });
  }
}

await runBench('bench:pipeline', main);

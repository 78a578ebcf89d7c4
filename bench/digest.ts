/**
 * Digest benchmark: one channel subscribed to 20 feeds of 50 items each, served from loopback
 * servers, with article pages of 400–800 words; the real services (buildServices on a sqlite file)
 * with the fake LLM at a fixed latency and a fake clock; three `/digest now` runs through a recording
 * channel: the first, one with nothing new, one after a few new items. Each figure has its goal, if any.
 * npm run bench:digest -- [--report FILE] [--hosts N] [--host-spacing MS]
 */
import { parseArgs } from 'node:util';
import { benchOptions, resolveBenchPaths, runBench } from './lib/bench-args.js';
import type { DigestRunFigures, DigestScenario, DigestScenarioSettings } from './lib/digest-scenario.js';
import { writeJsonFile } from './lib/json-files.js';
import { figuresForReport, goal, printFigures, type Figure } from './lib/goal-figures.js';

const FEEDS = 20;
const ITEMS_PER_FEED = 50;
const NEW_ITEMS = 5;
const LATENCY_MS = 300;
const SAMPLE_MS = 50;
/** The production default (DEFAULT_HOST_SPACING_MS in src/digest/host-limiter.ts). */
const PRODUCTION_HOST_SPACING_MS = 1000;

const RSS_NOTE = 'RSS is the whole process: the services plus the news sites and the fake LLM, which run in it too.';

const equals = (value: number, expected: number) => goal(`= ${expected}`, value === expected);

/**
 * The least time the LLM limiter allows for the calls, batch after batch (the stories' summaries
 * at once, then the briefing once they are done): starts `minTimeMs` apart, at most `maxConcurrent`
 * in flight, each taking `latencyMs`.
 */
function limiterFloorMs(batches: readonly number[], limiter: DigestScenario['limiter'], latencyMs: number): number {
  const finishes: number[] = [];
  let lastStart = Number.NEGATIVE_INFINITY;
  let ready = 0;
  let end = 0;
  for (const count of batches) {
    for (let call = 0; call < count; call += 1) {
      let at = Math.max(ready, lastStart + limiter.minTimeMs);
      const active = finishes.filter((finish) => finish > at).sort((a, b) => a - b);
      if (active.length >= limiter.maxConcurrent) at = Math.max(at, active[active.length - limiter.maxConcurrent] ?? at);
      lastStart = at;
      finishes.push(at + latencyMs);
      end = Math.max(end, at + latencyMs);
    }
    ready = end;
  }
  return end;
}

function runFigures(key: string, run: DigestRunFigures, expected: { llmCalls: number; pages: number | null; messages: number | null }, scenario: DigestScenario): Figure[] {
  const calls = run.summaryCalls + run.briefingCalls;
  const { phases } = run;
  const figures: Figure[] = [
    { key: `${key}Ms`, name: `${run.label}: compose and post (${run.outcome}, ${run.stories} stories)`, value: run.wallMs, unit: 'ms' },
  ];
  if (calls > 0 || run.pageRequests > 0) {
    const floor = limiterFloorMs([run.summaryCalls, run.briefingCalls], scenario.limiter, LATENCY_MS);
    const { rpm, minTimeMs, maxConcurrent } = scenario.limiter;
    figures.push(
      { key: `${key}LastFeedMs`, name: '  start → last feed request', value: phases.lastFeedRequest, unit: 'ms' },
      { key: `${key}FirstPageMs`, name: '  start → first story page request', value: phases.firstPageRequest, unit: 'ms' },
      { key: `${key}LastPageMs`, name: '  start → last story page request', value: phases.lastPageRequest, unit: 'ms' },
      { key: `${key}FirstLlmMs`, name: '  start → first LLM call', value: phases.firstLlmCall, unit: 'ms' },
      { key: `${key}LastLlmMs`, name: '  start → last LLM answer', value: phases.lastLlmAnswer, unit: 'ms' },
      {
        key: `${key}LlmFloorMs`, name: `  least the LLM limiter allows for those calls (RPM ${rpm}: ${minTimeMs} ms apart, ${maxConcurrent} at once)`,
        value: floor, unit: 'ms',
      },
      { key: `${key}FirstPostMs`, name: '  start → first message posted', value: phases.firstPost, unit: 'ms' },
    );
  }
  figures.push(
    {
      key: `${key}LlmCalls`, name: `  LLM calls (${run.summaryCalls} summaries + ${run.briefingCalls} briefing)`, value: calls, unit: '',
      goal: equals(calls, expected.llmCalls),
    },
    { key: `${key}FeedRequests`, name: `  feed requests (${run.feedNotModified} answered 304)`, value: run.feedRequests, unit: '' },
    {
      key: `${key}PageRequests`, name: '  article page requests', value: run.pageRequests, unit: '',
      ...(expected.pages === null ? {} : { goal: goal(`= ${expected.pages} (stories posted)`, run.pageRequests === expected.pages) }),
    },
    {
      key: `${key}Messages`, name: `  messages posted (${run.embeds} embeds; ${run.threads} thread${run.threads === 1 ? '' : 's'} started)`, value: run.messages, unit: '',
      ...(expected.messages === null ? {} : { goal: equals(run.messages, expected.messages) }),
    },
    { key: `${key}StateReads`, name: `  durable-state reads (sqlite; ${run.state.readMs.toFixed(0)} ms in them, summed)`, value: run.state.reads, unit: '' },
    { key: `${key}StateWrites`, name: `  durable-state writes (sqlite; ${run.state.writeMs.toFixed(0)} ms in them, summed)`, value: run.state.writes, unit: '' },
  );
  return figures;
}

function figuresOf(scenario: DigestScenario): Figure[] {
  const [first, second, third] = scenario.runs;
  if (!first || !second || !third) throw new Error('the scenario did not run three digests');
  const { feeds } = scenario.settings;
  return [
    { key: 'addFeedsMs', name: `adding ${feeds} feeds, one after another (${scenario.add.feedRequests} feed requests)`, value: scenario.add.wallMs, unit: 'ms' },
    ...runFigures('first', first, { llmCalls: scenario.maxStories + 1, pages: first.stories, messages: null }, scenario),
    ...runFigures('second', second, { llmCalls: 0, pages: 0, messages: 0 }, scenario),
    ...runFigures('third', third, { llmCalls: scenario.settings.newItems + 1, pages: third.stories, messages: null }, scenario),
    ...cachedFigures(scenario),
    { key: 'rssPeakSampled', name: `RSS peak, adding feeds, three digests and the cached-pages run (${scenario.rss.samples} samples, every ${SAMPLE_MS} ms)`, value: scenario.rss.peakSampledMb, unit: 'MB' },
    { key: 'rssProcessMax', name: 'maxRSS of the process', value: scenario.rss.processMaxMb, unit: 'MB' },
  ];
}

/** `/digest preview` then `/digest now` with every page cached and no LLM: the now is our own work only. */
function cachedFigures(scenario: DigestScenario): Figure[] {
  const { cached } = scenario;
  return [
    {
      key: 'cachedPreviewMs', name: `/digest preview, no LLM: ${cached.stories} stories on one site, pages fetched (${cached.previewPageRequests}, 1 host)`,
      value: cached.previewMs, unit: 'ms',
    },
    {
      key: 'cachedNowMs', name: `then /digest now, every page cached, no LLM: compose and post (${cached.nowOutcome}, ${cached.nowStories} stories)`,
      value: cached.nowMs, unit: 'ms', goal: goal('< 1000 ms', cached.nowMs < 1000),
    },
    { key: 'cachedNowFeedRequests', name: '  feed requests', value: cached.nowFeedRequests, unit: '' },
    { key: 'cachedNowPageRequests', name: '  article page requests', value: cached.nowPageRequests, unit: '', goal: equals(cached.nowPageRequests, 0) },
    { key: 'cachedNowMessages', name: '  messages posted', value: cached.nowMessages, unit: '' },
  ];
}

/** Failures that a figure alone would hide. */
function problems(scenario: DigestScenario): string[] {
  const lines: string[] = [];
  if (scenario.add.llmCalls > 0) lines.push(`adding feeds made ${scenario.add.llmCalls} LLM calls`);
  const [first, , third] = scenario.runs;
  if (first && first.stories !== scenario.maxStories) lines.push(`the first digest posted ${first.stories} stories, not DIGEST_MAX_STORIES=${scenario.maxStories}`);
  if (third && third.stories !== scenario.settings.newItems) lines.push(`the third digest posted ${third.stories} stories, not the ${scenario.settings.newItems} new ones`);
  if (scenario.cached.nowStories !== scenario.cached.stories) lines.push(`the cached-pages digest posted ${scenario.cached.nowStories} stories, not ${scenario.cached.stories}`);
  for (const run of scenario.runs) {
    for (const notice of run.notices) lines.push(`${run.label}: notice posted: ${notice}`);
    for (const note of run.headerNotes) lines.push(`${run.label}: note in the digest: ${note}`);
  }
  for (const warning of scenario.warnings) lines.push(`logged (level ${warning.level}) ×${warning.times}: ${warning.message}`);
  if (scenario.unroutedRequests > 0) lines.push(`${scenario.unroutedRequests} requests for paths the sites do not serve (404)`);
  return lines;
}

function parseWhole(option: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new Error(`--${option} must be a whole number from ${min} to ${max}; got "${value}"`);
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { report: benchOptions.report, hosts: { type: 'string' }, 'host-spacing': { type: 'string' } } });
  const paths = resolveBenchPaths(values, '');
  const settings: DigestScenarioSettings = {
    feeds: FEEDS,
    itemsPerFeed: ITEMS_PER_FEED,
    hosts: parseWhole('hosts', values.hosts, FEEDS, 1, FEEDS),
    hostSpacingMs: parseWhole('host-spacing', values['host-spacing'], PRODUCTION_HOST_SPACING_MS, 0),
    latencyMs: LATENCY_MS,
    newItems: NEW_ITEMS,
    sampleMs: SAMPLE_MS,
  };
  const { runDigestScenario } = await import('./lib/digest-scenario.js');
  const scenario = await runDigestScenario(settings);
  const figures = figuresOf(scenario);

  const { hosts, hostSpacingMs } = settings;
  const spacing = hostSpacingMs === PRODUCTION_HOST_SPACING_MS ? `${hostSpacingMs} ms, the production default` : `${hostSpacingMs} ms (production: ${PRODUCTION_HOST_SPACING_MS} ms)`;
  const sites = hosts === FEEDS
    ? `${hosts} loopback servers, one per feed (127.0.0.1, a port each: ${hosts} hosts to the per-host limiter, as ${hosts} news sites would be)`
    : `${hosts} loopback server${hosts === 1 ? '' : 's'} (feed i on server i mod ${hosts}: ${Math.ceil(FEEDS / hosts)} feeds and their pages share a host)`;
  const { rpm, maxConcurrent } = scenario.limiter;
  console.log(
    `bench:digest: ${FEEDS} feeds × ${ITEMS_PER_FEED} items, all from the last 24 h, article pages of ${scenario.articleWords.min}–${scenario.articleWords.max} words; ` +
    `one channel; fake LLM ${LATENCY_MS} ms a call; DIGEST_MAX_STORIES=${scenario.maxStories}; LLM limits at their defaults (LLM_RPM=${rpm}, LLM_MAX_CONCURRENT=${maxConcurrent})`,
  );
  console.log(`feeds on ${sites}; per-host spacing ${spacing}`);
  console.log(`fake clock: feeds added at 05:00Z, digests (services.digests.postNow) at 06:00Z, 07:00Z and 08:00Z; feeds are re-polled (conditional GET) when 30 min have passed`);
  console.log(`${NEW_ITEMS} new items are published on ${NEW_ITEMS} different feeds between the 2nd and 3rd digests. ${RSS_NOTE}`);
  console.log(`last rows: separate services with no LLM configured, one feed of ${scenario.cached.stories} stories on one site; /digest preview, then /digest now at the same (fake) minute`);
  printFigures(figures);
  for (const line of problems(scenario)) console.log(line);

  if (paths.report) {
    await writeJsonFile(paths.report, {
      benchmark: 'digest',
      settings,
      maxStories: scenario.maxStories,
      limiter: scenario.limiter,
      articleWords: scenario.articleWords,
      note: RSS_NOTE,
      figures: figuresForReport(figures),
      problems: problems(scenario),
    });
  }
}

await runBench('bench:digest', main);

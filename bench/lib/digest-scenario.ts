import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';
import type Keyv from 'keyv';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import type { DiscordDigestChannel } from '../../src/discord/digest-channel.js';
import type { DigestMessage } from '../../src/discord/render/digest-messages.js';
import { createLogger } from '../../src/log.js';
import { buildServices, type Services } from '../../src/services.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import type { ChatRequestBody } from '../../test-support/fake-openai.js';
import { generateStories, type GeneratedStory } from './digest-articles.js';
import { startNewsSites, type NewsSites } from './digest-sites.js';
import { megabytes, sampleProcess } from './process-sampler.js';
import { peakRssMegabytes } from './run-over-items.js';
import { startTimedFakeLlm, type TimedFakeLlm } from './timed-fake-llm.js';
import { captureLog, type LogRecord } from '../../test-support/capture-log.js';

export interface DigestScenarioSettings {
  feeds: number;
  itemsPerFeed: number;
  /** Loopback servers the feeds are spread over (feed i on server i % hosts). */
  hosts: number;
  /** Spacing between two requests to one host (buildServices' `hostSpacingMs`). */
  hostSpacingMs: number;
  /** The fake LLM's fixed time per call. */
  latencyMs: number;
  /** Items published before the third digest, one per feed, spread over the feeds. */
  newItems: number;
  /** Sampling interval of the RSS sampler. */
  sampleMs: number;
}

/** What one `postNow` did, measured at the edges: the fake LLM, the news sites and the recording channel. */
export interface DigestRunFigures {
  label: string;
  outcome: string;
  stories: number;
  wallMs: number;
  summaryCalls: number;
  briefingCalls: number;
  feedRequests: number;
  feedNotModified: number;
  pageRequests: number;
  messages: number;
  embeds: number;
  threads: number;
  notices: string[];
  /** Warnings shown in the digest's header ("LLM budget spent…"). */
  headerNotes: string[];
  /** Calls on the durable state (STORE_URL, sqlite here) during the run, and the time spent in them (summed). */
  state: StateOps;
  /** Milliseconds from the start of `postNow`; null when the run had none of it. */
  phases: {
    lastFeedRequest: number | null;
    firstPageRequest: number | null;
    lastPageRequest: number | null;
    firstLlmCall: number | null;
    lastLlmAnswer: number | null;
    firstPost: number | null;
  };
}

/**
 * `/digest preview` then `/digest now` over stories whose pages the preview just fetched, on a
 * second set of services without an LLM (extractive summaries, lead-line briefing), so that what is
 * left is our own work and whatever the per-host spacing makes it wait for.
 */
export interface CachedComposeFigures {
  stories: number;
  /** The preview: fetches every page, one site, `hostSpacingMs` apart. */
  previewMs: number;
  previewPageRequests: number;
  /** `/digest now` right after it: compose (every page cached) and post. */
  nowMs: number;
  nowOutcome: string;
  nowStories: number;
  nowFeedRequests: number;
  nowPageRequests: number;
  nowMessages: number;
}

export interface DigestScenario {
  settings: DigestScenarioSettings;
  maxStories: number;
  articleWords: { min: number; max: number };
  limiter: { rpm: number; maxConcurrent: number; minTimeMs: number };
  add: { wallMs: number; feedRequests: number; llmCalls: number };
  runs: DigestRunFigures[];
  cached: CachedComposeFigures;
  rss: { peakSampledMb: number; samples: number; processMaxMb: number };
  /** Warnings and errors the services logged, by message, with how often. */
  warnings: Array<{ message: string; level: number; times: number }>;
  unroutedRequests: number;
}

export interface StateOps {
  reads: number;
  writes: number;
  readMs: number;
  writeMs: number;
}

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const GUILD = '700000000000000001';
const CHANNEL = '700000000000000002';
/** Feeds are added at this (fake) time; each digest runs an hour after the previous step. */
const START = '2026-11-24T05:00:00Z';

/**
 * The digest benchmark's one scenario, against the real services (buildServices) on a sqlite file:
 * add the feeds, then three `/digest now` runs an hour apart on the fake clock: the first (the feeds'
 * last 24 h), a second with nothing new, and a third after `newItems` stories appear.
 */
export async function runDigestScenario(settings: DigestScenarioSettings): Promise<DigestScenario> {
  const clock = fakeClock(START);
  const firstRunAt = clock.now().getTime() + HOUR_MS;
  const stories = generateStories(settings.feeds * settings.itemsPerFeed + settings.newItems);
  const feeds = Array.from({ length: settings.feeds }, (_, feed) => ({
    title: `Bench Gazette ${feed + 1}`,
    // Newest first, interleaved across feeds one minute apart: all within the first run's last 24 h.
    items: Array.from({ length: settings.itemsPerFeed }, (_, item) => {
      const rank = item * settings.feeds + feed;
      return { story: storyAt(stories, rank), date: new Date(firstRunAt - 10 * MINUTE_MS - rank * MINUTE_MS) };
    }),
  }));
  const oldestMs = firstRunAt - Math.min(...feeds.flatMap((feed) => feed.items.map((item) => item.date.getTime())));
  if (oldestMs >= 24 * HOUR_MS) throw new Error(`the oldest item is ${(oldestMs / HOUR_MS).toFixed(1)} h old at the first run; the first run takes the last 24 h only`);

  const directory = await mkdtemp(path.join(os.tmpdir(), 'newsbrief-bench-digest-'));
  const captured = captureLog('info');
  let sites: NewsSites | undefined;
  let llm: TimedFakeLlm | undefined;
  let services: Services | undefined;
  try {
    sites = await startNewsSites({ hosts: settings.hosts, feeds });
    llm = await startTimedFakeLlm({ latencyMs: settings.latencyMs, answer: scriptedReply });
    const config = loadConfig({
      STORE_URL: `sqlite://${path.join(directory, 'digest.sqlite')}`,
      CACHE_URL: 'memory',
      FETCH_ALLOW_HOSTS: '127.0.0.1',
      OPENAI_BASE_URL: llm.fake.baseUrl,
      LLM_PROVIDER: 'openai',
    });
    const log = captured.log;
    services = await buildServices(config, log, { now: clock.now, hostSpacingMs: settings.hostSpacingMs });
    const channel = recordingChannel();
    const stateOps = countStateOps(services.stores.state);
    const sampler = sampleProcess(settings.sampleMs);

    const addStart = performance.now();
    const before = { site: sites.requests.length, llm: llm.fake.requestCount };
    // One after another, as /digest add commands come.
    for (const feed of sites.feeds) await services.digests.addFeed(GUILD, CHANNEL, feed.url);
    const add = {
      wallMs: performance.now() - addStart,
      feedRequests: sites.requests.slice(before.site).filter((request) => request.kind === 'feed').length,
      llmCalls: llm.fake.requestCount - before.llm,
    };

    const measure = async (label: string, key: string) => {
      // An hour passes on the fake clock between steps, but the host limiter spaces requests in real
      // time: wait out its spacing so that no run is held up by the previous step's requests.
      await wait(settings.hostSpacingMs);
      return measureRun(label, () => (services as Services).digests.postNow(GUILD, CHANNEL, key, channel), {
        sites: sites as NewsSites, llm: llm as TimedFakeLlm, channel, stateOps,
      });
    };

    clock.set(new Date(firstRunAt));
    const first = await measure('1st digest (first run: the last 24 h)', 'bench:digest:1');

    clock.advance(HOUR_MS);
    const second = await measure('2nd digest (no new items)', 'bench:digest:2');

    const spread = Math.max(1, Math.floor(settings.feeds / Math.max(1, settings.newItems)));
    for (let index = 0; index < settings.newItems; index += 1) {
      const story = storyAt(stories, settings.feeds * settings.itemsPerFeed + index);
      sites.publish((index * spread) % settings.feeds, story, new Date(clock.now().getTime() + (index + 1) * 5 * MINUTE_MS));
    }
    clock.advance(HOUR_MS);
    const third = await measure(`3rd digest (${settings.newItems} new items)`, 'bench:digest:3');

    const cached = await measureCachedCompose(settings, stories.slice(0, config.DIGEST_MAX_STORIES), path.join(directory, 'cached.sqlite'), log);

    const rss = sampler.stop();
    const words = stories.map((story) => story.words);
    return {
      settings,
      maxStories: config.DIGEST_MAX_STORIES,
      articleWords: { min: Math.min(...words), max: Math.max(...words) },
      limiter: { rpm: config.LLM_RPM, maxConcurrent: config.LLM_MAX_CONCURRENT, minTimeMs: services.llm?.limiter.minTimeMs ?? 0 },
      add,
      runs: [first, second, third],
      cached,
      rss: { peakSampledMb: megabytes(rss.peakBytes), samples: rss.samples, processMaxMb: peakRssMegabytes() },
      warnings: warningsIn(captured.lines),
      unroutedRequests: sites.unrouted(),
    };
  } finally {
    await services?.close();
    await Promise.allSettled([sites?.close(), llm?.fake.close()]);
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * The cached-pages measurement: its own services (no LLM configured, a sqlite file of its own), one
 * site carrying one feed of `stories.length` items from the last hours, all on one host so that the
 * per-host spacing is what a cache hit must not wait for. A preview fetches the pages; `/digest now`
 * on the same (fake) minute then composes from the cache and posts.
 */
async function measureCachedCompose(
  settings: DigestScenarioSettings,
  stories: readonly GeneratedStory[],
  storeFile: string,
  log: ReturnType<typeof createLogger>,
): Promise<CachedComposeFigures> {
  const clock = fakeClock(START);
  const at = clock.now().getTime();
  let sites: NewsSites | undefined;
  let services: Services | undefined;
  try {
    sites = await startNewsSites({
      hosts: 1,
      feeds: [{ title: 'Bench Cached Chronicle', items: stories.map((story, index) => ({ story, date: new Date(at - (index + 1) * 10 * MINUTE_MS) })) }],
    });
    const config = loadConfig({ STORE_URL: `sqlite://${storeFile}`, CACHE_URL: 'memory', FETCH_ALLOW_HOSTS: '127.0.0.1', LLM_PROVIDER: 'extractive' });
    services = await buildServices(config, log, { now: clock.now, hostSpacingMs: settings.hostSpacingMs });
    const channel = recordingChannel();
    const [feed] = sites.feeds;
    if (!feed) throw new Error('no cached-compose feed');
    await services.digests.addFeed(GUILD, CHANNEL, feed.url);

    const previewFrom = sites.requests.length;
    const previewStart = performance.now();
    await services.digests.preview(GUILD, CHANNEL);
    const previewMs = performance.now() - previewStart;
    const previewPageRequests = sites.requests.slice(previewFrom).filter((request) => request.kind === 'page').length;

    const nowFrom = sites.requests.length;
    const nowStart = performance.now();
    const outcome = await services.digests.postNow(GUILD, CHANNEL, 'bench:digest:cached', channel);
    const nowMs = performance.now() - nowStart;
    const nowRequests = sites.requests.slice(nowFrom);
    return {
      stories: stories.length,
      previewMs,
      previewPageRequests,
      nowMs,
      nowOutcome: outcome.outcome,
      nowStories: outcome.stories,
      nowFeedRequests: nowRequests.filter((request) => request.kind === 'feed').length,
      nowPageRequests: nowRequests.filter((request) => request.kind === 'page').length,
      nowMessages: channel.sent.length,
    };
  } finally {
    await services?.close();
    await sites?.close();
  }
}

/** The fake clock the services read (buildServices' `now`); only the bench moves it. */
function fakeClock(start: string) {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(instant: Date) {
      current = instant.getTime();
    },
    advance(ms: number) {
      current += ms;
    },
  };
}

function storyAt(stories: readonly GeneratedStory[], index: number): GeneratedStory {
  const story = stories[index];
  if (!story) throw new Error(`no generated story ${index}`);
  return story;
}

interface RecordingChannel extends DiscordDigestChannel {
  sent: Array<{ channelId: string; message: DigestMessage; at: number }>;
  threads: Array<{ channelId: string; name: string }>;
  notices: string[];
}

/** A DigestChannel that keeps what it is given; the channel allows threads, as most text channels do. */
function recordingChannel(): RecordingChannel {
  const sent: RecordingChannel['sent'] = [];
  const threads: RecordingChannel['threads'] = [];
  const notices: string[] = [];
  return {
    sent, threads, notices,
    async send(channelId, message) {
      sent.push({ channelId, message, at: performance.now() });
      return `message-${sent.length}`;
    },
    async startThread(channelId, _messageId, name) {
      threads.push({ channelId, name });
      return `thread-${threads.length}`;
    },
    async notice(_channelId, content) {
      notices.push(content);
    },
  };
}

const isBriefing = (body: ChatRequestBody) => body.messages.some((message) => message.role === 'user' && message.content.includes('<stories>'));

async function measureRun(
  label: string,
  run: () => Promise<{ outcome: string; stories: number }>,
  edges: { sites: NewsSites; llm: TimedFakeLlm; channel: RecordingChannel; stateOps: StateOps },
): Promise<DigestRunFigures> {
  const { sites, llm, channel, stateOps } = edges;
  const stateBefore = { ...stateOps };
  const before = { site: sites.requests.length, llm: llm.fake.requestCount, sent: channel.sent.length, threads: channel.threads.length, notices: channel.notices.length };
  const start = performance.now();
  const outcome = await run();
  const wallMs = performance.now() - start;

  const requests = sites.requests.slice(before.site);
  const feedRequests = requests.filter((request) => request.kind === 'feed');
  const pageRequests = requests.filter((request) => request.kind === 'page');
  const calls = llm.fake.requests.slice(before.llm);
  const sent = channel.sent.slice(before.sent);
  const since = (at: number | undefined) => (at === undefined ? null : at - start);
  const lastOf = (times: number[]) => (times.length > 0 ? Math.max(...times) : undefined);
  const header = sent[0]?.message.embeds[0];
  return {
    label,
    outcome: outcome.outcome,
    stories: outcome.stories,
    wallMs,
    summaryCalls: calls.filter((call) => !isBriefing(call.body)).length,
    briefingCalls: calls.filter((call) => isBriefing(call.body)).length,
    feedRequests: feedRequests.length,
    feedNotModified: feedRequests.filter((request) => request.status === 304).length,
    pageRequests: pageRequests.length,
    messages: sent.length,
    embeds: sent.reduce((sum, { message }) => sum + message.embeds.length, 0),
    threads: channel.threads.length - before.threads,
    notices: channel.notices.slice(before.notices),
    headerNotes: (header?.fields ?? []).map((field) => field.value),
    state: {
      reads: stateOps.reads - stateBefore.reads,
      writes: stateOps.writes - stateBefore.writes,
      readMs: stateOps.readMs - stateBefore.readMs,
      writeMs: stateOps.writeMs - stateBefore.writeMs,
    },
    phases: {
      lastFeedRequest: since(lastOf(feedRequests.map((request) => request.at))),
      firstPageRequest: since(pageRequests[0]?.at),
      lastPageRequest: since(lastOf(pageRequests.map((request) => request.at))),
      firstLlmCall: since(calls[0]?.receivedAt),
      lastLlmAnswer: since(lastOf(calls.map((call) => call.receivedAt + llm.serverMs(call.index)))),
      firstPost: since(sent[0]?.at),
    },
  };
}

/**
 * Counts and times the durable state's reads and writes by wrapping the methods of the one Keyv
 * instance the services share (typed caches read with getRaw; keyv's own get/getMany are counted too).
 */
function countStateOps(state: Keyv): StateOps {
  const ops: StateOps = { reads: 0, writes: 0, readMs: 0, writeMs: 0 };
  const wrap = <Name extends 'get' | 'getRaw' | 'getMany' | 'set' | 'delete'>(name: Name, kind: 'read' | 'write') => {
    const original = state[name].bind(state) as (...args: unknown[]) => Promise<unknown>;
    const timed = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        if (kind === 'read') {
          ops.reads += 1;
          ops.readMs += performance.now() - start;
        } else {
          ops.writes += 1;
          ops.writeMs += performance.now() - start;
        }
      }
    };
    Object.defineProperty(state, name, { value: timed, configurable: true, writable: true });
  };
  wrap('get', 'read');
  wrap('getRaw', 'read');
  wrap('getMany', 'read');
  wrap('set', 'write');
  wrap('delete', 'write');
  return ops;
}

function warningsIn(lines: readonly LogRecord[]): DigestScenario['warnings'] {
  const counts = new Map<string, { message: string; level: number; times: number }>();
  for (const record of lines) {
    if ((record.level ?? 0) < 40) continue;
    const message = record.msg ?? '(no message)';
    const entry = counts.get(message) ?? { message, level: record.level ?? 40, times: 0 };
    entry.times += 1;
    counts.set(message, entry);
  }
  return [...counts.values()];
}

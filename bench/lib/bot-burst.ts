import { setTimeout as wait } from 'node:timers/promises';
// The bench drives the real bot with the shared test support (test-support/): the real composition root
// logged into the fake Discord, with the fake OpenAI server and the loopback page server.
import type { Call, SentInteraction } from '../../test-support/fake-discord.js';
import { completion } from '../../test-support/fake-openai.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { EXAMPLE_TEXT, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { peakRssMegabytes } from './run-over-items.js';
import { megabytes, sampleProcess } from './process-sampler.js';

export interface BurstSettings {
  /** Printed and reported name of the run. */
  label: string;
  /** Environment for startTestBot, on top of its own test settings. */
  env: Record<string, string>;
  /** /summarize interactions sent at once. */
  count: number;
  /** The fake LLM's fixed time per call. */
  latencyMs: number;
  /** How long to wait for every interaction to be answered before giving up on the rest. */
  timeoutMs: number;
}

export interface BurstRun {
  label: string;
  env: Record<string, string>;
  interactions: number;
  /** Dispatch (just before `slashCommand()`) to the deferral callback (type 5) arriving at the fake. */
  deferMs: number[];
  /** Interactions whose first callback was not a deferral (or that got none). */
  notDeferred: number;
  /** Dispatch to the last successful PATCH …/messages/@original arriving at the fake. */
  finalEditMs: number[];
  withoutFinalEdit: number;
  /** Follow-up messages: /summarize sends one only to report a failure. */
  errorFollowUps: number;
  /** Calls the fake answered with a status of 400 or more during the burst, as `status METHOD route`. */
  failedCalls: string[];
  /** What the bot's interaction boundary counted for the burst. */
  boundary: { succeeded: number; failed: number; userErrors: number; rateLimited: number };
  llmCalls: number;
  llmMaxInFlight: number;
  /** Final edits whose footer says `cached`, or names the extractive fallback instead of the model. */
  cachedAnswers: number;
  fallbackAnswers: number;
  /** First dispatch to the last interaction being settled. */
  wallMs: number;
  /** Share of the time the event loop was busy from the first dispatch to the last deferral (to within a sample). */
  loopBusyUntilLastDefer: number | null;
  /** Requests discord.js's REST client held back itself; `global` ones waited for its 50 requests a second. */
  restRateLimited: { total: number; global: number };
  timedOut: boolean;
  /** The least time the limiter allows for the last final edit: its spacing and concurrency, plus one call. */
  finalEditFloorMs: number;
  limiter: { maxConcurrent: number; minTimeMs: number; rpm: number };
  rss: { idleMb: number; peakSampledMb: number; samples: number; processMaxMb: number };
  fatal: string[];
}

const SAMPLE_MS = 50;
const SETTLE_POLL_MS = 20;
const TEXT_OPTION_MAX = 6000;

const textOption = (value: string) => ({ name: 'text', type: 3, value });

/**
 * The example article with one sentence naming its copy added to a body paragraph (not to the
 * trailing boilerplate, which extraction may drop), so that every copy is a distinct cache key.
 */
export function distinctTexts(label: string, count: number): string[] {
  const anchor = 'is due to start in July.';
  if (!EXAMPLE_TEXT.includes(anchor)) throw new Error(`examples/briefing.txt no longer contains "${anchor}"`);
  const texts = Array.from({ length: count }, (_, index) =>
    EXAMPLE_TEXT.replace(anchor, `${anchor} This is ${label} request number ${index + 1}.`).trim(),
  );
  const tooLong = texts.find((text) => text.length > TEXT_OPTION_MAX);
  if (tooLong) throw new Error(`a text option is ${tooLong.length} characters; Discord allows ${TEXT_OPTION_MAX}`);
  if (new Set(texts).size !== count) throw new Error(`${label}: the texts are not all distinct`);
  return texts;
}

const settledCount = (bot: TestBot) => {
  const { succeeded, failed, userErrors, rateLimited } = bot.bot.boundary.counts;
  return succeeded + failed + userErrors + rateLimited;
};

/** Waits until the boundary has settled `target` interactions in all and has none in flight. */
async function waitUntilSettled(bot: TestBot, target: number, deadline: number): Promise<boolean> {
  while (settledCount(bot) < target || bot.bot.boundary.inFlight.size > 0) {
    if (performance.now() > deadline) return false;
    await wait(SETTLE_POLL_MS);
  }
  return true;
}

/** `/webhooks/APP/TOKEN/messages/@original` → { token, original: true }; `/webhooks/APP/TOKEN` → a follow-up. */
function webhookTarget(call: Call): { token: string; original: boolean } | null {
  const match = /^\/webhooks\/\d+\/([^/]+)(\/messages\/@original)?$/.exec(call.path);
  if (!match?.[1]) return null;
  return { token: match[1], original: match[2] !== undefined };
}

/** A failed call's route with ids and tokens folded, so that the list groups by kind. */
function route(call: Call): string {
  return `${call.status} ${call.method} ${call.path.replace(/\d{15,}/g, ':id').replace(/fake-interaction-token-:id/g, ':token')}`;
}

function footerOf(body: unknown): string {
  const embeds = (body as { embeds?: Array<{ footer?: { text?: string } }> } | undefined)?.embeds;
  return embeds?.[0]?.footer?.text ?? '';
}

/** One run: a fresh world and bot, one warm-up interaction, then `count` at once. */
export async function runBotBurst(settings: BurstSettings): Promise<BurstRun> {
  const world: TestWorld = await startTestWorld();
  let bot: TestBot | null = null;
  try {
    world.openai.respondWith((body) => completion(scriptedReply(body), { latencyMs: settings.latencyMs }));
    bot = await startTestBot(world, settings.env);
    const running = bot;
    const restRateLimited = { total: 0, global: 0 };
    running.bot.client.rest.on('rateLimited', (info) => {
      restRateLimited.total++;
      if (info.global) restRateLimited.global++;
    });

    // First-call costs (JIT, the tokenizer's tables, opening connections) belong to no one interaction.
    const [warmUpText] = distinctTexts(`${settings.label} warm-up`, 1);
    world.discord.slashCommand({ name: 'summarize', options: [textOption(warmUpText ?? '')] });
    if (!(await waitUntilSettled(running, 1, performance.now() + settings.timeoutMs))) throw new Error('the warm-up interaction was never answered');

    const texts = distinctTexts(settings.label, settings.count);
    const before = { ...running.bot.boundary.counts };
    const settledBefore = settledCount(running);
    const llmCallsBefore = world.openai.requestCount;
    const callsBefore = world.discord.calls.length;
    await wait(100);
    const idleBytes = process.memoryUsage().rss;

    restRateLimited.total = 0;
    restRateLimited.global = 0;
    const sampler = sampleProcess(SAMPLE_MS);
    const sent: Array<{ interaction: SentInteraction; dispatchedAt: number }> = [];
    const firstDispatch = performance.now();
    for (const text of texts) {
      const dispatchedAt = performance.now();
      sent.push({ interaction: world.discord.slashCommand({ name: 'summarize', options: [textOption(text)] }), dispatchedAt });
    }
    const settled = await waitUntilSettled(running, settledBefore + settings.count, firstDispatch + settings.timeoutMs);
    const wallMs = performance.now() - firstDispatch;
    const rss = sampler.stop();

    const burstCalls = world.discord.calls.slice(callsBefore);
    const byToken = new Map<string, { finalEdit: Call | null; followUps: number }>();
    for (const call of burstCalls) {
      const target = webhookTarget(call);
      if (!target) continue;
      const entry = byToken.get(target.token) ?? { finalEdit: null, followUps: 0 };
      if (!target.original && call.method === 'POST') entry.followUps++;
      if (target.original && call.method === 'PATCH' && call.status > 0 && call.status < 400 && (entry.finalEdit?.at ?? -1) < call.at) entry.finalEdit = call;
      byToken.set(target.token, entry);
    }

    const deferMs: number[] = [];
    const finalEditMs: number[] = [];
    let notDeferred = 0;
    let errorFollowUps = 0;
    let cachedAnswers = 0;
    let fallbackAnswers = 0;
    const model = running.services.config.OPENAI_MODEL;
    for (const { interaction, dispatchedAt } of sent) {
      const [first] = world.discord.callbacksFor(interaction.id);
      if (first?.type === 5) deferMs.push(first.at - dispatchedAt);
      else notDeferred++;
      const entry = byToken.get(interaction.token);
      errorFollowUps += entry?.followUps ?? 0;
      if (!entry?.finalEdit) continue;
      finalEditMs.push(entry.finalEdit.at - dispatchedAt);
      const footer = footerOf(entry.finalEdit.body);
      if (/(^| · )cached( · |$)/.test(footer)) cachedAnswers++;
      if (!footer.startsWith(model)) fallbackAnswers++;
    }

    const deferredAt = sent.flatMap(({ interaction }) =>
      world.discord.callbacksFor(interaction.id).flatMap((callback) => (callback.type === 5 ? [callback.at] : [])),
    );
    const counts = running.bot.boundary.counts;
    const config = running.services.config;
    const minTimeMs = running.services.llm?.limiter.minTimeMs ?? 0;
    const spacingMs = (settings.count - 1) * minTimeMs;
    const concurrencyMs = (Math.ceil(settings.count / config.LLM_MAX_CONCURRENT) - 1) * settings.latencyMs;
    return {
      label: settings.label,
      env: settings.env,
      interactions: settings.count,
      deferMs,
      notDeferred,
      finalEditMs,
      withoutFinalEdit: settings.count - finalEditMs.length,
      errorFollowUps,
      failedCalls: burstCalls.filter((call) => call.status >= 400).map(route),
      boundary: {
        succeeded: counts.succeeded - before.succeeded,
        failed: counts.failed - before.failed,
        userErrors: counts.userErrors - before.userErrors,
        rateLimited: counts.rateLimited - before.rateLimited,
      },
      llmCalls: world.openai.requestCount - llmCallsBefore,
      llmMaxInFlight: world.openai.maxInFlight,
      cachedAnswers,
      fallbackAnswers,
      wallMs,
      timedOut: !settled,
      loopBusyUntilLastDefer: deferredAt.length > 0 ? sampler.busyUntil(Math.max(...deferredAt)) : null,
      restRateLimited: { ...restRateLimited },
      finalEditFloorMs: Math.max(spacingMs, concurrencyMs) + settings.latencyMs,
      limiter: { maxConcurrent: config.LLM_MAX_CONCURRENT, minTimeMs, rpm: config.LLM_RPM },
      rss: { idleMb: megabytes(idleBytes), peakSampledMb: megabytes(rss.peakBytes), samples: rss.samples, processMaxMb: peakRssMegabytes() },
      fatal: [...running.fatal],
    };
  } finally {
    // The bot first: the fake Discord must outlive the client, or discord.js keeps reconnecting.
    await bot?.stop();
    await world.close();
  }
}

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SentInteraction } from '../../test-support/fake-discord.js';
import { completion } from '../../test-support/fake-openai.js';
import { answersTo, summaryKind, waitForFinalAnswers, type AnswerBody } from '../../test-support/interaction-answers.js';
import { PROJECT_DIR, isolatedEnv } from '../../test-support/run-cli.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { EXAMPLE_TEXT, IDS, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * SIGTERM to `npm start` (a real process) while a burst is in flight, with an LLM too slow for all
 * of it to finish inside the shutdown's drain: every interaction is either answered with its summary
 * or has its "thinking…" edited to say the bot is restarting and to try again (never left hanging,
 * never both), the stores are flushed (an answered summary's button works after a restart), and the
 * process exits 0 within 10 s. The single-interaction case, and bot.stop() in process, are in
 * tests/discord/bot-shutdown.e2e.test.ts.
 */

const BURST = 10;
/** Two at a time, 2.5 s each: ten need 12.5 s, twice the drain, so some must be told to retry. */
const SLOW_LLM_MS = 2500;
let world: TestWorld;
const bots: TestBot[] = [];

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(async () => {
  for (const bot of bots) await bot.stop().catch(() => undefined);
  await world?.close();
});
afterEach(() => {
  expect(world.discord.unknownRoutes).toEqual([]);
});

const restarting = (body: unknown) => /restarting.*try again/i.test((body as AnswerBody | undefined)?.content ?? '');

describe('SIGTERM during a burst', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('answers each interaction or tells it to retry, flushes the stores, and exits 0 within 10 s', async () => {
    const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'newsbrief-sigterm-burst-')), 'state.sqlite')}`;
    const identifiesBefore = world.discord.identifies.length;
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_DIR,
      env: isolatedEnv({
        DISCORD_TOKEN: 'fake-token',
        DISCORD_APP_ID: IDS.app,
        DISCORD_API_URL: world.discord.apiUrl,
        OPENAI_BASE_URL: world.openai.baseUrl,
        STORE_URL: storeUrl,
        FETCH_ALLOW_HOSTS: '127.0.0.1',
        LLM_MAX_CONCURRENT: '2',
        LLM_MAX_RETRIES: '1',
        LLM_TPM: '100000000',
        GUILD_DAILY_TOKENS: '0',
        USER_RATE_PER_MIN: '1000',
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let stdout = '';
    let stderr = '';
    started.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    started.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      started.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
    );
    await world.discord.waitForIdentify(identifiesBefore + 1, 10_000);
    await vi.waitFor(() => expect(stdout, stderr).toContain('"msg":"bot ready"'), { timeout: 10_000 });

    world.openai.respondWith((body) => ({ ...completion(scriptedReply(body)), latencyMs: SLOW_LLM_MS }));
    const requestsBefore = world.openai.requestCount;
    const sent: SentInteraction[] = Array.from({ length: BURST }, (_, index) =>
      world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: `${EXAMPLE_TEXT}\n\nThis copy was filed for the SIGTERM burst, number ${index}.` }] }),
    );
    // In flight: all deferred, and the model is working on the first of them.
    await vi.waitFor(() => {
      expect(sent.every((interaction) => world.discord.callbacksFor(interaction.id).length === 1)).toBe(true);
      expect(world.openai.requestCount).toBeGreaterThan(requestsBefore);
    }, { timeout: 10_000 });

    const signalledAt = performance.now();
    started.kill('SIGTERM');
    const exit = await exited;

    expect({ code: exit.code, signal: exit.signal }, stderr).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    await waitForFinalAnswers(world.discord, sent, 2000, 0);
    const seen = sent.map((interaction) => {
      const answers = answersTo(world.discord, interaction);
      const body = answers.edits[0]?.body;
      return { callbacks: answers.callbacks.map((callback) => callback.type), edits: answers.edits.length, others: answers.others.length, kind: restarting(body) ? 'told to retry' : summaryKind(body) };
    });
    expect(seen).toEqual(seen.map((one) => ({ callbacks: [5], edits: 1, others: 0, kind: one.kind === 'told to retry' ? 'told to retry' : 'llm' })));
    // Both happened: the drain answered what it could, and the rest were told.
    const kinds = new Set(seen.map((one) => one.kind));
    expect([...kinds].sort()).toEqual(['llm', 'told to retry']);
    expect(stdout).toContain('"msg":"bot stopped"');

    // Flushed: a button of an answered summary works in the next process on the same store.
    const answered = sent.find((_, index) => seen[index]?.kind === 'llm');
    const more = (answersTo(world.discord, answered as SentInteraction).edits[0]?.body as AnswerBody).components?.[0]?.components[0]?.custom_id;
    expect(more).toMatch(/^more:/);
    world.openai.respondWith((body) => completion(scriptedReply(body)));
    const restarted = await startTestBot(world, { STORE_URL: storeUrl });
    bots.push(restarted);
    const click = world.discord.buttonClick({ customId: more ?? '' });
    await waitForFinalAnswers(world.discord, [click], 15_000, 0);
    const detailed = answersTo(world.discord, click).edits[0]?.body as AnswerBody;
    expect(detailed.embeds?.[0]?.description?.split('\n').filter((line) => line.startsWith('• ')).length).toBeGreaterThan(3);
  }, 60_000);
});

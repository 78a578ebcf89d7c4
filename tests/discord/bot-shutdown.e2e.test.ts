import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Call } from '../../test-support/fake-discord.js';
import { completion } from '../../test-support/fake-openai.js';
import { PROJECT_DIR, isolatedEnv } from '../../test-support/run-cli.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { EXAMPLE_TEXT, IDS, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * Graceful shutdown, end to end: an interaction in flight when the bot is told to stop still gets
 * its answer, the stores close, and it is all over within the 10 s a host allows; the same for
 * `npm start` as a real process receiving SIGTERM.
 */

const SLOW_LLM_MS = 800;
let world: TestWorld;
const bots: TestBot[] = [];

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(async () => {
  // Stopping twice is harmless; a test that failed half-way leaves its bot here.
  for (const bot of bots) await bot.stop().catch(() => undefined);
  await world?.close();
});
afterEach(() => {
  world.openai.respondWith((body) => completion(scriptedReply(body)));
  expect(world.discord.unknownRoutes).toEqual([]);
});

const isOriginal = (call: Call, token: string) => call.path === `/webhooks/${IDS.app}/${token}/messages/@original`;
/** Text no other test summarises, so the summary cannot come from a cache. */
const freshText = (tag: string) => `${EXAMPLE_TEXT}\n\nThis copy was filed for the ${tag} test.`.slice(0, 5900);
const slowLlm = () => world.openai.respondWith((body) => ({ ...completion(scriptedReply(body)), latencyMs: SLOW_LLM_MS }));

describe('bot.stop()', () => {
  it('answers the interaction in flight before it resolves, closes the stores, and takes under 10 s', async () => {
    const bot = await startTestBot(world);
    bots.push(bot);
    slowLlm();
    const requestsBefore = world.openai.requestCount;
    const sent = world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: freshText('stop()') }] });
    // In flight: deferred, and the model is thinking.
    await vi.waitFor(() => expect(world.openai.requestCount).toBeGreaterThan(requestsBefore), { timeout: 5000 });
    expect(world.discord.callbacksFor(sent.id)).toEqual([expect.objectContaining({ type: 5 })]);
    expect(world.discord.calls.some((call) => call.method === 'PATCH' && isOriginal(call, sent.token))).toBe(false);

    const started = performance.now();
    const stopping = bot.stop();
    // A command that arrives while draining is not taken on.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: freshText('late') }] });
    await stopping;
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(10_000);
    const edit = world.discord.calls.find((call) => call.method === 'PATCH' && isOriginal(call, sent.token));
    expect(edit?.status).toBe(200);
    expect(edit?.at).toBeLessThan(started + elapsed);
    const embed = (edit?.body as { embeds?: APIEmbed[] }).embeds?.[0];
    expect(embed?.description).toMatch(/^• .*Riverton/);
    expect(embed?.footer?.text).toMatch(/^gpt-4o-mini/);
    expect(world.discord.callbacksFor(late.id)).toEqual([]);

    // The stores are closed…
    await expect(bot.services.stores.state.get('anything')).rejects.toThrow(/closed/i);
    // …and the gateway connection too.
    await vi.waitFor(() => expect(() => world.discord.slashCommand({ name: 'summarize' })).toThrow(/no client is connected/), { timeout: 5000 });

    // What the answer's buttons need was written before the stores closed: they work after a restart.
    const more = (edit?.body as { components?: Array<{ components: Array<{ custom_id?: string }> }> }).components?.[0]?.components[0]?.custom_id;
    expect(more).toMatch(/^more:/);
    const restarted = await startTestBot(world);
    bots.push(restarted);
    const click = world.discord.buttonClick({ customId: more ?? '' });
    const clicked = await world.discord.waitForCall((call) => call.method === 'PATCH' && isOriginal(call, click.token), 10_000);
    expect((clicked.body as { embeds?: APIEmbed[] }).embeds?.[0]?.description).toMatch(/^• /);
    await restarted.stop();
  });

  it('does not wait for ever: with nothing in flight it is quick', async () => {
    const bot = await startTestBot(world);
    bots.push(bot);
    const started = performance.now();
    await bot.stop();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('npm start and SIGTERM', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('answers the interaction in flight, then exits 0 within 10 s', async () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'newsbrief-sigterm-'));
    const identifiesBefore = world.discord.identifies.length;
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_DIR,
      // isolatedEnv: a developer's own .env in the project root must not reach the test.
      env: isolatedEnv({
        DISCORD_TOKEN: 'fake-token',
        DISCORD_APP_ID: IDS.app,
        DISCORD_API_URL: world.discord.apiUrl,
        OPENAI_BASE_URL: world.openai.baseUrl,
        STORE_URL: `sqlite://${join(storeDir, 'state.sqlite')}`,
        FETCH_ALLOW_HOSTS: '127.0.0.1',
        LLM_MAX_RETRIES: '1',
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let stdout = '';
    let stderr = '';
    started.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      started.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
    );

    await world.discord.waitForIdentify(identifiesBefore + 1, 10_000);
    // The signal handlers are installed once the bot is ready; it logs that line just before.
    await vi.waitFor(() => expect(stdout, stderr).toContain('"msg":"bot ready"'), { timeout: 10_000 });

    slowLlm();
    const requestsBefore = world.openai.requestCount;
    const sent = world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: freshText('SIGTERM') }] });
    await vi.waitFor(() => expect(world.openai.requestCount).toBeGreaterThan(requestsBefore), { timeout: 5000 });

    const signalledAt = performance.now();
    started.kill('SIGTERM');
    const exit = await exited;

    expect({ code: exit.code, signal: exit.signal }, stderr).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    const edit = world.discord.calls.find((call) => call.method === 'PATCH' && isOriginal(call, sent.token));
    expect(edit?.status).toBe(200);
    expect((edit?.body as { embeds?: APIEmbed[] }).embeds?.[0]?.description).toMatch(/^• .*Riverton/);
    expect(stdout).toContain('"msg":"shutting down"');
    expect(stdout).toContain('"msg":"bot stopped"');
  }, 30_000);
});

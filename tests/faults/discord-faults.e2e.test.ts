import { spawn } from 'node:child_process';
import { Events } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SentInteraction } from '../../test-support/fake-discord.js';
import { completion } from '../../test-support/fake-openai.js';
import { answersTo, summaryKind, waitForFinalAnswers } from '../../test-support/interaction-answers.js';
import { PROJECT_DIR, isolatedEnv } from '../../test-support/run-cli.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { EXAMPLE_TEXT, IDS, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';
import { TOKEN_REFUSED } from '../../src/discord/start-bot.js';

/**
 * Discord faults, on the real bot (discord.js on the fake Discord): REST 429s on the interaction
 * edits, a gateway connection that closes or drops while work is in flight, and a token that
 * Discord refuses at IDENTIFY. Each asserts that nothing is lost (every interaction answered
 * exactly once) and that the bot keeps serving, or, for the token, that it stops at once and says why.
 *
 * Already covered elsewhere, and not repeated here: the fake's own RESUME handshake with a bare
 * client (tests/discord/fake-discord.test.ts), a 429 on GET /gateway/bot while logging in
 * (tests/discord/bot-health.e2e.test.ts), and close code 4014 for a refused intent
 * (tests/discord/bot-autosummary.e2e.test.ts).
 */

let world: TestWorld;
let bot: TestBot;

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  bot = await startTestBot(world);
});
afterAll(async () => {
  await bot?.stop();
  await world?.close();
});
afterEach(() => {
  world.openai.respondWith((body) => completion(scriptedReply(body)));
  expect(world.discord.unknownRoutes).toEqual([]);
  expect(bot.fatal).toEqual([]);
});

const articleFor = (tag: string) => `${EXAMPLE_TEXT}\n\nThis copy was filed for the ${tag} test.`;
const summarize = (tag: string) => world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: articleFor(tag) }] });

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** One deferral, one accepted edit that is the LLM's summary, nothing else on its webhook. */
function expectAnsweredOnce(sent: readonly SentInteraction[]): void {
  const seen = sent.map((interaction) => {
    const answers = answersTo(world.discord, interaction);
    return { callbacks: answers.callbacks.map((callback) => callback.type), edits: answers.edits.length, others: answers.others.length, kind: summaryKind(answers.edits[0]?.body) };
  });
  expect(seen).toEqual(sent.map(() => ({ callbacks: [5], edits: 1, others: 0, kind: 'llm' })));
}

describe('REST 429s on the interaction edits', () => {
  it('discord.js waits as told and retries: each edit lands exactly once', async () => {
    const edits = /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/;
    const rateLimitedBefore = world.discord.calls.filter((call) => call.method === 'PATCH' && call.status === 429).length;
    // Discord's 429: the body's retry_after and the headers agree on a short wait, for this route's bucket.
    world.discord.failNext(
      { method: 'PATCH', path: edits },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.5, global: false },
        headers: {
          'retry-after': '1',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': '0.5',
          'x-ratelimit-bucket': 'fake-webhook-bucket',
          'x-ratelimit-scope': 'user',
        },
      },
      6,
    );
    const sent = Array.from({ length: 5 }, (_, index) => summarize(`REST 429 #${index}`));
    await waitForFinalAnswers(world.discord, sent, 30_000, 1500);
    expectAnsweredOnce(sent);
    // The fault happened: six edits were refused with 429 before the ones that landed.
    expect(world.discord.calls.filter((call) => call.method === 'PATCH' && call.status === 429).length - rateLimitedBefore).toBe(6);
    for (const interaction of sent) expect(world.discord.responsesFor(interaction.id).original?.embeds?.[0]?.description).toMatch(/^• /);
  }, 40_000);
});

describe('the gateway connection ends while work is in flight', () => {
  it.each<[string, () => void]>([
    ['closed with 4000 (unknown error, resumable)', () => world.discord.disconnectGateway(4000)],
    ['dropped without a close frame', () => world.discord.dropGateway()],
  ])('%s: the bot resumes, the work in flight is answered once, and so is the next interaction', async (name, cut) => {
    const identifies = world.discord.identifies.length;
    const resumesBefore = world.discord.gatewayReceived.filter((payload) => payload.op === 6).length;
    world.openai.respondWith((body) => ({ ...completion(scriptedReply(body)), latencyMs: 1500 }));
    const requestsBefore = world.openai.requestCount;
    const inFlight = summarize(`gateway ${name} in flight`);
    await vi.waitFor(() => expect(world.openai.requestCount).toBeGreaterThan(requestsBefore), { timeout: 10_000 });

    const resumed = new Promise<void>((resolve) => bot.bot.client.once(Events.ShardResume, () => resolve()));
    cut();
    // RESUME (op 6) answered by RESUMED, not a new IDENTIFY: the session, and the events Discord holds for it, carry on.
    await within(resumed, 15_000, 'the bot to resume its gateway session');
    expect(world.discord.gatewayReceived.filter((payload) => payload.op === 6).length).toBe(resumesBefore + 1);
    expect(world.discord.identifies.length).toBe(identifies);

    world.openai.respondWith((body) => completion(scriptedReply(body)));
    const next = summarize(`gateway ${name} next`);
    await waitForFinalAnswers(world.discord, [inFlight, next], 20_000);
    expectAnsweredOnce([inFlight, next]);
  }, 40_000);
});

describe('an invalid token', () => {
  it('npm start exits non-zero at once, says the token was refused, and prints no secret', async () => {
    // Shaped like a real bot token (id.timestamp.hmac), so that the scrubber's patterns apply too.
    const secret = 'Xq3vN8rT2mK9pL4wZ7sD1fG6hJ0bC5yE8uI2oA';
    const token = `MTAwMDAwMDAwMDAwMDAwMDAx.GzXyAb.${secret}`;
    world.discord.rejectToken(token);
    const identifies = world.discord.identifies.length;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_DIR,
      env: isolatedEnv({
        DISCORD_TOKEN: token,
        DISCORD_APP_ID: IDS.app,
        DISCORD_API_URL: world.discord.apiUrl,
        OPENAI_BASE_URL: world.openai.baseUrl,
        STORE_URL: 'memory',
        LOG_LEVEL: 'debug',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A bot that hangs on instead of exiting is killed here, and the signal fails the test.
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    clearTimeout(killer);

    // The token reached IDENTIFY, and Discord closed the session there.
    expect(world.discord.identifies.slice(identifies).map((identify) => identify.token)).toContain(token);
    expect(exit, stderr).toEqual({ code: 1, signal: null });
    expect(stderr).toMatch(/DISCORD_TOKEN/);
    expect(stderr).toMatch(/4004/);
    expect(stderr).toMatch(/Reset Token/);
    const printed = stdout + stderr;
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain(token);
  }, 30_000);

  it('reset while the bot runs (4004 on a later IDENTIFY or close): the bot ends with the same message instead of staying up deaf', async () => {
    const deaf = bot;
    world.discord.disconnectGateway(4004);
    await vi.waitFor(() => expect(deaf.fatal).toEqual([TOKEN_REFUSED]), { timeout: 10_000 });
    await deaf.stop();
    bot = await startTestBot(world);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createSecretScrubber, REDACTED } from '../../src/secrets/index.js';
import { errorJsonSchema, summaryJsonSchema } from '../../test-support/contract-schemas.js';
import { apiError, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { freePort } from '../../test-support/redis-server.js';
import { isolatedEnv, runCli, runScript, type CliRun } from '../../test-support/run-cli.js';
import { startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * Every configured secret is a canary here, shaped like nothing the scrubber recognises by form
 * (no `sk-`, no token shape), so only the configured-secret path can hide it. Each test makes a
 * server or a failure echo one, then reads everything the process wrote: every log line at debug,
 * stdout (`--json` included), stderr, and what Discord was sent.
 */
const KEY = 'canary-openai-key-Zq81mXv4Tt9w';
const DISCORD_TOKEN = 'canary-discord-token-Yp3vLk8sQw2e';
const REDIS_PASSWORD = 'canary-redis-pw-Hn5Rb';
const STORE_PASSWORD = 'canary-store-pw-Ww7Kc';
const CACHE_PASSWORD = 'canary-cache-pw-Ty2Jd';
const BASE_URL_PASSWORD = 'canary-base-url-pw-Mm4Fs';
const CANARIES = [KEY, DISCORD_TOKEN, REDIS_PASSWORD, STORE_PASSWORD, CACHE_PASSWORD, BASE_URL_PASSWORD];

const EXAMPLE = fileURLToPath(new URL('../../examples/briefing.txt', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** Names the canary and shows where it was, so a failure says which path leaked. */
function expectNoCanary(label: string, ...texts: string[]): void {
  const all = texts.join('\n');
  for (const canary of CANARIES) {
    const at = all.indexOf(canary);
    expect(at === -1 ? null : all.slice(Math.max(0, at - 200), at + canary.length + 50), `${label}: ${canary} leaked`).toBeNull();
  }
}

/** The CLI's stderr at LOG_LEVEL=debug: one JSON log line each, plus `error: …` lines. */
function logLines(run: CliRun): Array<Record<string, unknown>> {
  return run.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the scrubber', () => {
  const scrubber = createSecretScrubber({
    OPENAI_API_KEY: KEY,
    DISCORD_TOKEN,
    REDIS_URL: `redis://:${encodeURIComponent('p@ss/word"canary')}@redis.internal:6379`,
    STORE_URL: `redis://admin:${STORE_PASSWORD}@127.0.0.1:6379/0`,
    OPENAI_BASE_URL: 'http://localhost:11434/v1',
  });

  it('replaces each configured secret as written, percent-decoded and JSON-escaped', () => {
    expect(scrubber.scrub(`Incorrect API key provided: ${KEY}.`)).toBe(`Incorrect API key provided: ${REDACTED}.`);
    expect(scrubber.scrub(`auth failed for p@ss/word"canary`)).toBe(`auth failed for ${REDACTED}`);
    expect(scrubber.scrub(`auth failed for ${encodeURIComponent('p@ss/word"canary')}`)).toBe(`auth failed for ${REDACTED}`);
    const line = JSON.stringify({ msg: 'x', body: JSON.stringify({ password: 'p@ss/word"canary', token: DISCORD_TOKEN }) });
    const scrubbed = scrubber.scrub(line);
    expect(scrubbed).not.toContain('canary');
    // Still one valid JSON line: the replacement never cuts through an escape or a string's end.
    expect(JSON.parse(JSON.parse(scrubbed).body)).toEqual({ password: REDACTED, token: REDACTED });
  });

  it('removes userinfo from any URL, Authorization values and key- or token-shaped strings, keeping the rest', () => {
    expect(scrubber.scrub('GET http://bob:hunter2@example.com/v1 failed')).toBe(`GET http://${REDACTED}@example.com/v1 failed`);
    expect(scrubber.scrub('redis://:pa@ss@10.0.0.1:6379 refused')).toBe(`redis://${REDACTED}@10.0.0.1:6379 refused`);
    expect(scrubber.scrub('headers: {"authorization":"Bearer 0123456789abcdefXYZ"}')).toBe(`headers: {"authorization":"Bearer ${REDACTED}"}`);
    expect(scrubber.scrub('someone else’s key sk-proj-AbCdEf0123456789xyz leaked')).toBe(`someone else’s key sk-${REDACTED} leaked`);
    expect(scrubber.scrub('PATCH /webhooks/100000000000000001/aW50ZXJhY3Rpb246OjEyMzQ1Njc4OTA/messages/@original')).toBe(
      `PATCH /webhooks/100000000000000001/${REDACTED}/messages/@original`,
    );
    // What is no credential stays: an e-mail address in a path, a host, the endpoint URL, a status.
    const plain = 'https://example.com/people/a@b.org answered 401 at http://localhost:11434/v1';
    expect(scrubber.scrub(plain)).toBe(plain);
  });

  it('reads hostile text in one pass: megabyte runs that nearly look like credentials come back as they were', async () => {
    // A pattern that backtracked through each run from every position would not finish these, and
    // a regular expression cannot be interrupted: it runs in a process of its own, killed if it hangs.
    const script = join(mkdtempSync(join(tmpdir(), 'newsbrief-scrub-')), 'scrub-stdin.mts');
    writeFileSync(
      script,
      [
        `import { createSecretScrubber } from ${JSON.stringify(new URL('../../src/secrets/index.ts', import.meta.url).href)};`,
        `const scrubber = createSecretScrubber({ OPENAI_API_KEY: ${JSON.stringify(KEY)}, REDIS_URL: 'redis://:${REDIS_PASSWORD}@h:1' });`,
        'const chunks = [];',
        'for await (const chunk of process.stdin) chunks.push(chunk);',
        "for (const text of Buffer.concat(chunks).toString('utf8').split('\\n')) process.stdout.write(scrubber.scrub(text) === text ? 'same\\n' : 'changed\\n');",
      ].join('\n'),
    );
    const MB = 1024 * 1024;
    const texts = ['a-'.repeat(MB), 'a+'.repeat(MB), `http://${'a:'.repeat(MB)}`, `${'a'.repeat(25)}.`.repeat(80_000), 'sk'.repeat(MB), 'Bot '.repeat(MB / 2)];
    const run = await runScript(script, [], { env: isolatedEnv(), stdin: texts.join('\n'), timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('same\n'.repeat(texts.length));
  }, 40_000);

  it('leaves short placeholder keys alone: "ollama" is a word in summaries, not a secret', () => {
    const local = createSecretScrubber({ OPENAI_API_KEY: 'ollama' });
    expect(local.scrub('ollama served the model')).toBe('ollama served the model');
  });

  it('is what the logger writes through: redacted fields, serialised errors and their causes', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) }, scrubber });
    const upstream = Object.assign(new Error(`500: upstream echoed Authorization: Bearer ${KEY}`), {
      config: { headers: { authorization: `Bearer ${KEY}`, 'x-api-key': 'anything-at-all' } },
      body: { echoed: { password: 'p@ss/word"canary' } },
    });
    log.child({ guildId: '1' }).warn({ err: upstream, apiKey: 'unconfigured-key-value' }, `using ${KEY}`);
    log.error({ err: new Error('the call failed', { cause: new Error(`the server said: Incorrect API key provided: ${KEY}`) }) }, 'failed');
    expect(lines).toHaveLength(2);
    const text = lines.join('');
    expectNoCanary('log line', text);
    expect(text).not.toContain('p@ss/word');
    expect(text).not.toContain('anything-at-all');
    expect(text).not.toContain('unconfigured-key-value');
    const [first, second] = lines.map((line) => JSON.parse(line) as { msg: string; err: { message: string; stack: string; config: { headers: Record<string, string> } } });
    expect(first?.msg).toBe(`using ${REDACTED}`);
    expect(first?.err.message).toBe(`500: upstream echoed Authorization: Bearer ${REDACTED}`);
    expect(second?.err.message).toBe(`the call failed: the server said: Incorrect API key provided: ${REDACTED}`);
    expect(second?.err.stack).toContain(`caused by: Error: the server said: Incorrect API key provided: ${REDACTED}`);
    expect(first?.err.config.headers).toEqual({ authorization: REDACTED, 'x-api-key': REDACTED });
  });
});

describe('the CLI with an endpoint that echoes secrets', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(() => fake.close());

  const env = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl, LOG_LEVEL: 'debug', LLM_MAX_RETRIES: '1' });

  it('a 401 whose body echoes the key: the summary falls back, every line says 401, none holds the key', async () => {
    fake.respondWith(() =>
      apiError(401, `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, { code: 'invalid_api_key', type: 'invalid_request_error' }),
    );
    const before = fake.requestCount;
    const run = await runCli(['--json', '--verbose', '--provider', 'openai', EXAMPLE], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    // The key really went out, so the echo really held it.
    expect(fake.requests[before]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expectNoCanary('401', run.stdout, run.stderr);
    const summary = summaryJsonSchema.parse(JSON.parse(run.stdout));
    expect(summary.provider).toBe('extractive');
    expect(summary.notes).toContain('LLM unavailable — extractive summary');
    const failure = logLines(run).find((line) => line['msg'] === 'LLM summary failed; using the extractive summary');
    const err = failure?.['err'] as { message: string; status: number } | undefined;
    expect(err?.status).toBe(401);
    expect(err?.message).toContain('The LLM endpoint refused the API key (401).');
    expect(err?.message).toContain(`Incorrect API key provided: ${REDACTED}.`);
  });

  it('a 500 that echoes the Authorization header, as JSON and as plain text, through a retry', async () => {
    const echoed = (index: number) => fake.requests[index]?.headers.authorization ?? '';
    fake.respondWith((_body, index) =>
      index % 2 === 0
        ? { status: 500, body: { error: { message: `upstream failed; request headers: authorization=${echoed(index)}` } } }
        : { status: 502, body: `<html>Bad gateway. Your request: POST /v1/chat/completions Authorization: ${echoed(index)}</html>` },
    );
    const run = await runCli(['--json', '--verbose', '--provider', 'openai', EXAMPLE], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expectNoCanary('5xx', run.stdout, run.stderr);
    const lines = logLines(run);
    expect(lines.some((line) => line['msg'] === 'llm call retrying' && (line['status'] === 500 || line['status'] === 502))).toBe(true);
    const failure = lines.find((line) => line['msg'] === 'LLM summary failed; using the extractive summary');
    expect((failure?.['err'] as { message: string }).message).toMatch(/kept failing \(50[02]\)/);
    expect(summaryJsonSchema.parse(JSON.parse(run.stdout)).provider).toBe('extractive');
  });

  it('refuses OPENAI_BASE_URL with user:password@ by name, never printing the URL', async () => {
    const url = new URL(fake.baseUrl);
    url.username = 'user';
    url.password = BASE_URL_PASSWORD;
    const before = fake.requestCount;
    for (const args of [['--json', EXAMPLE], ['--verbose', EXAMPLE]]) {
      const run = await runCli(args, { env: { OPENAI_BASE_URL: url.href, LOG_LEVEL: 'debug' } });
      expect(run.code).toBe(2);
      expectNoCanary('OPENAI_BASE_URL', run.stdout, run.stderr);
      const message = args[0] === '--json' ? errorJsonSchema.parse(JSON.parse(run.stdout)).error.message : run.stderr;
      expect(message).toContain('OPENAI_BASE_URL: must not hold a user name or password: put the key in OPENAI_API_KEY');
    }
    expect(fake.requestCount).toBe(before);
  });
});

describe('stores and locks with passwords that fail', () => {
  let port: number;
  beforeAll(async () => {
    port = await freePort();
  });

  /** `textToo`: also run without --json (the same reportError; each run against a dead Redis waits seconds). */
  const cases: Array<{ name: string; env: () => Record<string, string>; code: number; says: RegExp; textToo?: boolean }> = [
    {
      name: 'REDIS_URL, unreachable',
      env: () => ({ STORE_URL: 'memory', REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}` }),
      code: 1,
      says: /Could not connect the run lock to redis:\/\/127\.0\.0\.1:\d+\./,
      textToo: true,
    },
    {
      name: 'REDIS_URL, unparseable',
      env: () => ({ STORE_URL: 'memory', REDIS_URL: `redis://:${REDIS_PASSWORD}@[::1:${port}` }),
      code: 1,
      says: /Could not connect the run lock to redis:\/\/\(unparseable URL\)\./,
    },
    {
      name: 'STORE_URL, unreachable',
      env: () => ({ STORE_URL: `redis://admin:${STORE_PASSWORD}@127.0.0.1:${port}` }),
      code: 1,
      says: /Could not open the state store at redis:\/\/127\.0\.0\.1:\d+\./,
    },
    {
      name: 'CACHE_URL, unreachable',
      env: () => ({ STORE_URL: 'memory', CACHE_URL: `rediss://admin:${CACHE_PASSWORD}@127.0.0.1:${port}/0` }),
      code: 1,
      says: /Could not open the cache store at rediss:\/\/127\.0\.0\.1:\d+\./,
    },
    {
      name: 'STORE_URL, a path that cannot be created, beside a CACHE_URL with a password',
      env: () => ({ STORE_URL: 'sqlite:///dev/null/state.sqlite', CACHE_URL: `redis://:${CACHE_PASSWORD}@127.0.0.1:${port}` }),
      code: 2,
      says: /STORE_URL: cannot open the state store \/dev\/null\/state\.sqlite/,
      textToo: true,
    },
  ];

  for (const { name, env, code, says, textToo } of cases) {
    it(`${name}: the CLI names the store${textToo ? ', in --json and on stderr,' : ''} without the password`, async () => {
      const json = await runCli(['--json', '--verbose', EXAMPLE], { env: { ...env(), LOG_LEVEL: 'debug' } });
      expect(json.code, json.stdout + json.stderr).toBe(code);
      expectNoCanary(name, json.stdout, json.stderr);
      expect(errorJsonSchema.parse(JSON.parse(json.stdout)).error.message).toMatch(says);
      if (!textToo) return;
      const text = await runCli(['--verbose', EXAMPLE], { env: { ...env(), LOG_LEVEL: 'debug' } });
      expectNoCanary(name, text.stdout, text.stderr);
      expect(text.stderr).toMatch(says);
      // A Redis that does not answer is waited for, seconds a run.
    }, 60_000);
  }

  it('npm start says why it could not start, without the password, in its logs and its last words', async () => {
    const run = await runScript(MAIN, [], {
      env: isolatedEnv({ STORE_URL: 'memory', REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}`, DISCORD_TOKEN, LOG_LEVEL: 'debug' }),
    });
    expect(run.code).toBe(1);
    expectNoCanary('npm start', run.stdout, run.stderr);
    expect(run.stderr).toMatch(/newsbrief could not start: Could not connect the run lock to redis:\/\/127\.0\.0\.1:\d+\./);
    // Its logs went to stdout as JSON lines, the store opening among them: the logger was live.
    expect(run.stdout).toContain('"msg":"state store: memory"');
  });
});

describe('the bot', () => {
  let world: TestWorld;
  let bot: TestBot;
  const lines: string[] = [];

  failOnUnhandledRejections();

  beforeAll(async () => {
    world = await startTestWorld();
    world.openai.respondWith(() => apiError(401, `Incorrect API key provided: ${KEY}.`, { code: 'invalid_api_key' }));
    bot = await startTestBot(world, { DISCORD_TOKEN, OPENAI_API_KEY: KEY, LOG_LEVEL: 'debug' }, { logDestination: { write: (line: string) => lines.push(line) } });
  });
  afterAll(async () => {
    await bot?.stop();
    await world?.close();
  });
  afterEach(() => {
    expect(world.discord.unknownRoutes).toEqual([]);
  });

  it('logs a failed command whose errors echo the bot token and the API key without either, and tells the user only a reference', async () => {
    // A Discord error that quotes the request's Authorization header back, as a misbehaving proxy might.
    world.discord.failNext({ method: 'PATCH', path: /\/messages\/@original$/ }, { status: 400, code: 50035, message: `Invalid Form Body (Authorization: Bot ${DISCORD_TOKEN})` });
    const sent = world.discord.slashCommand({ name: 'summarize', options: [{ name: 'url', type: 3, value: world.pages.url('/story') }] });
    const followUp = await world.discord.waitForCall(
      (call) => call.method === 'POST' && call.path.startsWith(`/webhooks/${world.discord.applicationId}/`) && /Something went wrong/.test(JSON.stringify(call.body)),
      10_000,
    );
    // The token really was in use, and the key really was sent: the echoes held them.
    expect(world.discord.calls.some((call) => call.authorization === `Bot ${DISCORD_TOKEN}`)).toBe(true);
    expect(world.openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);

    const text = lines.join('');
    expectNoCanary('bot logs', text);
    expectNoCanary('what Discord was sent', JSON.stringify(world.discord.calls.map((call) => call.body)));
    expect(text).not.toContain(sent.token);
    const records = lines.map((line) => JSON.parse(line) as { msg?: string; err?: { message?: string; url?: string }; reference?: string });
    const llm = records.find((record) => record.msg === 'LLM summary failed; using the extractive summary');
    expect(llm?.err?.message).toContain('The LLM endpoint refused the API key (401).');
    const failed = records.find((record) => record.msg === 'interaction failed');
    expect(failed?.err?.message).toContain(`Invalid Form Body (Authorization: Bot ${REDACTED})`);
    expect(failed?.err?.url).toContain(`/webhooks/${world.discord.applicationId}/${REDACTED}/messages/`);
    expect(JSON.stringify(followUp.body)).toContain(`(ref ${failed?.reference})`);
  });
});

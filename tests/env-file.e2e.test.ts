import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { summaryJsonSchema } from '../test-support/contract-schemas.js';
import { PROJECT_DIR, runScript } from '../test-support/run-cli.js';
import { IDS, startTestWorld, type TestWorld } from '../test-support/start-test-bot.js';

/**
 * `npm start`, `npm run deploy-commands` and the CLI read `.env` from the project root, the folder
 * above `src/`, whatever the working directory; variables already in the environment win.
 *
 * Each entry point runs as a real process, with an environment of nothing but PATH and HOME, from
 * a copy of the project (src, commands, prompts, package.json; node_modules linked): the copy is
 * "the project root" whose `.env` the test writes. So the code path is the real one, with no
 * test-only switch in it, and a developer's own `.env` in the checkout is neither read nor touched.
 * The working directory is another folder, with a `.env` of its own that must be ignored.
 */

const EXAMPLE = fileURLToPath(new URL('../examples/briefing.txt', import.meta.url));
const BARE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };

const scratch = mkdtempSync(join(tmpdir(), 'newsbrief-env-file-'));
const root = join(scratch, 'newsbrief');
const elsewhere = join(scratch, 'elsewhere');
const script = (path: string) => join(root, path);

function writeEnvFile(lines: Record<string, string>): void {
  writeFileSync(join(root, '.env'), `# written by tests/env-file.e2e.test.ts\n${Object.entries(lines).map(([name, value]) => `${name}=${value}`).join('\n')}\n`);
}

/** `cp .env.example .env`, then fill in: the README's steps. */
function fillEnvExample(values: Record<string, string>): void {
  let text = readFileSync(join(PROJECT_DIR, '.env.example'), 'utf8');
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^${name}=.*$`, 'm');
    expect(text, `.env.example lists ${name}`).toMatch(line);
    text = text.replace(line, `${name}=${value}`);
  }
  writeFileSync(join(root, '.env'), text);
}

let world: TestWorld;
beforeAll(async () => {
  mkdirSync(root);
  for (const path of ['src', 'commands', 'prompts', 'package.json', 'tsconfig.json']) cpSync(join(PROJECT_DIR, path), join(root, path), { recursive: true });
  symlinkSync(join(PROJECT_DIR, 'node_modules'), join(root, 'node_modules'), 'dir');
  mkdirSync(elsewhere);
  // Were the working directory's .env read, this would fail every run.
  writeFileSync(join(elsewhere, '.env'), 'LOG_LEVEL=not-a-level\nLLM_PROVIDER=not-a-provider\n');
  world = await startTestWorld();
});
afterAll(async () => {
  await world?.close();
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(() => rmSync(join(root, '.env'), { force: true }));

describe('the CLI', { timeout: 30_000 }, () => {
  const cli = (env: Record<string, string> = {}) =>
    runScript(script('src/cli.ts'), ['--json', EXAMPLE], { cwd: elsewhere, env: { ...BARE_ENV, ...env } });

  it('runs without a .env, and ignores the one in the working directory', async () => {
    const run = await cli({ STORE_URL: 'memory' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(summaryJsonSchema.parse(JSON.parse(run.stdout)).provider).toBe('extractive');
  });

  it('takes its settings from the project root\'s .env', async () => {
    writeEnvFile({ OPENAI_BASE_URL: world.openai.baseUrl, OPENAI_MODEL: 'model-from-env-file', STORE_URL: 'memory', LOG_LEVEL: 'info' });
    const before = world.openai.requestCount;
    const run = await cli();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(summaryJsonSchema.parse(JSON.parse(run.stdout))).toMatchObject({ provider: 'openai', model: 'model-from-env-file' });
    expect(world.openai.requestCount).toBeGreaterThan(before);
    // LOG_LEVEL=info came from the file too: the CLI says, on stderr, which file it read.
    expect(run.stderr).toContain(`"msg":"settings from ${join(root, '.env')}"`);
  });

  it('lets a variable in the environment win over the file, even an empty one', async () => {
    writeEnvFile({ OPENAI_BASE_URL: world.openai.baseUrl, OPENAI_MODEL: 'model-from-env-file', STORE_URL: 'memory', LOG_LEVEL: 'silent' });
    const fromEnvironment = await cli({ OPENAI_MODEL: 'model-from-environment' });
    expect(summaryJsonSchema.parse(JSON.parse(fromEnvironment.stdout)).model).toBe('model-from-environment');

    const before = world.openai.requestCount;
    const emptied = await cli({ OPENAI_BASE_URL: '' });
    expect(summaryJsonSchema.parse(JSON.parse(emptied.stdout)).provider).toBe('extractive');
    expect(world.openai.requestCount).toBe(before);
  });

  it('says so when .env cannot be read, as a configuration error', async () => {
    mkdirSync(join(root, '.env'));
    try {
      const run = await cli({ STORE_URL: 'memory' });
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stdout)).toEqual({
        error: { code: 'config', message: `Invalid configuration:\n  - .env: ${join(root, '.env')} cannot be read: it is not a file` },
      });
    } finally {
      rmSync(join(root, '.env'), { recursive: true });
    }
  });
});

describe('npm run deploy-commands', { timeout: 30_000 }, () => {
  it('registers the commands with the token, application, API and guild from .env (README: cp .env.example .env)', async () => {
    fillEnvExample({ DISCORD_TOKEN: 'token-from-env-file', DISCORD_APP_ID: IDS.app, DISCORD_API_URL: world.discord.apiUrl, DISCORD_GUILD_ID: IDS.guild });
    const run = await runScript(script('src/discord/deploy-commands.ts'), [], { cwd: elsewhere, env: BARE_ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Settings from ${join(root, '.env')}\n`);
    expect(run.stdout).toContain(`Registered 7 commands in guild ${IDS.guild}`);
    const put = world.discord.calls.find((call) => call.method === 'PUT' && call.path === `/applications/${IDS.app}/guilds/${IDS.guild}/commands`);
    expect(put?.authorization).toBe('Bot token-from-env-file');
    expect(world.discord.registeredCommands.guild(IDS.guild).map((command) => command.name).sort()).toEqual(['Summarize', 'ask', 'autosummary', 'digest', 'quotes', 'settings', 'summarize']);
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('logs in with the settings from .env, says where its stores are, and stops on SIGTERM', async () => {
    const store = join(scratch, 'bot-state', 'state.sqlite');
    writeEnvFile({
      DISCORD_TOKEN: 'env-file-bot-token',
      DISCORD_APP_ID: IDS.app,
      DISCORD_API_URL: world.discord.apiUrl,
      OPENAI_BASE_URL: world.openai.baseUrl,
      STORE_URL: `sqlite://${store}`,
      CACHE_URL: 'memory',
      LOG_LEVEL: 'info',
    });
    const identifiesBefore = world.discord.identifies.length;
    const started = spawn(process.execPath, ['--import', new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href, script('src/main.ts')], {
      cwd: elsewhere,
      env: BARE_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let stdout = '';
    let stderr = '';
    started.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));

    const identify = await world.discord.waitForIdentify(identifiesBefore + 1, 20_000);
    expect(identify.token).toBe('env-file-bot-token');
    await vi.waitFor(() => expect(stdout, stderr).toContain('"msg":"bot ready"'), { timeout: 10_000 });
    expect(stdout).toContain(`"msg":"settings from ${join(root, '.env')}"`);
    expect(stdout).toContain(`"msg":"state store: ${store}"`);
    expect(stdout).toContain('"msg":"cache store: memory"');

    started.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
  }, 45_000);
});

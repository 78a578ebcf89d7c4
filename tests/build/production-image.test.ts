import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { builtinModules } from 'node:module';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandWords, parseDockerfile, type DockerStage } from '../../test-support/dockerfile.js';
import { isolatedEnv, PROJECT_DIR } from '../../test-support/run-cli.js';
import { EXAMPLE_TEXT, IDS, startTestWorld, type TestWorld } from '../../test-support/start-test-bot.js';

/**
 * No container engine or base image can be fetched on these machines, so the image is checked in
 * two ways: its essentials are read from the Dockerfile (a non-root user, a health check on
 * /healthz, no dev dependency in the final stage), and its own COPY and RUN steps are replayed in
 * a clean copy of the project, after which its own CMD starts the bot against the fake Discord
 * and its own HEALTHCHECK command is run. Only `npm ci` and `apt-get` are not replayed: the copy
 * links this checkout's node_modules (CI has just run `npm ci`).
 */

const stages = parseDockerfile(readFileSync(join(PROJECT_DIR, 'Dockerfile'), 'utf8'));
const finalStage = stages.at(-1) as DockerStage;
const packageJson = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

const argsOf = (stage: DockerStage, keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
const stageNamed = (name: string) => stages.find((stage) => stage.name === name);
/** The stage and every stage it is built FROM, nearest first. */
function lineage(stage: DockerStage): DockerStage[] {
  const parent = stageNamed(stage.from);
  return parent ? [stage, ...lineage(parent)] : [stage];
}
const isNpmInstall = (run: string) => /\bnpm (ci|install|i)\b/.test(run);
const isPackageInstall = (run: string) => isNpmInstall(run) || /\bapt-get\b/.test(run);

describe('the Dockerfile', () => {
  it('runs the bot as a user that is not root, and says how to check it is healthy', () => {
    const users = argsOf(finalStage, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(argsOf(finalStage, 'HEALTHCHECK').join(' ')).toMatch(/\/healthz/);
    expect(commandWords(argsOf(finalStage, 'CMD').at(-1) ?? '')).toEqual(['node', 'dist/main.js']);
  });

  it('has no dev dependency in the final stage: its node_modules come from a production-only install', () => {
    const copies = argsOf(finalStage, 'COPY').filter((args) => /node_modules/.test(args));
    expect(copies).toHaveLength(1);
    const from = copies[0]?.match(/--from=(\S+)/)?.[1] ?? '';
    const source = stageNamed(from);
    expect(source, `node_modules must come from a named stage, not ${from}`).toBeDefined();
    const installs = lineage(source as DockerStage).flatMap((stage) => argsOf(stage, 'RUN')).filter(isNpmInstall);
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install).toMatch(/--omit=dev/);
    // Nor does the final stage install anything itself.
    expect(argsOf(finalStage, 'RUN').filter(isNpmInstall)).toEqual([]);
    expect(lineage(finalStage)).toHaveLength(1);
  });
});

/** Replays a stage's COPY and RUN steps into `dir` (its WORKDIR); `from` maps stage names to where they were replayed. */
function replayStage(stage: DockerStage, dir: string, from: Map<string, string>): void {
  const workdir = argsOf(stage, 'WORKDIR').at(-1) ?? '/';
  const inStage = (path: string) => join(dir, isAbsolute(path) ? relative(workdir, path) : path);
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'COPY') {
      const words = instruction.args.split(/\s+/);
      const fromStage = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      const target = paths.pop() ?? '';
      for (const source of paths) {
        const destination = inStage(target.endsWith('/') || target === '.' ? join(target, source.split('/').pop() ?? source) : target);
        const origin = fromStage ? join(from.get(fromStage) ?? '', relative(workdir, source)) : join(PROJECT_DIR, source);
        // Docker's COPY keeps files' modification times; so does the replay.
        cpSync(origin, destination, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      }
    } else if (instruction.keyword === 'RUN' && isNpmInstall(instruction.args)) {
      // The one step not replayed: what `npm ci` installs is this checkout's own node_modules (CI has just run it).
      if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(PROJECT_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
    } else if (instruction.keyword === 'RUN' && !isPackageInstall(instruction.args)) {
      const run = instruction.args.replace(/\bchown\s+\S+\s+\S+/g, 'true').replace(/\/app\b/g, dir);
      const result = spawnSync('sh', ['-c', run], { cwd: dir, encoding: 'utf8', env: isolatedEnv() });
      expect(result.status, `RUN ${instruction.args}\n${result.stderr}`).toBe(0);
    }
  }
}

/** Every package the built code imports or loads lazily, by name. */
function packagesImportedBy(dir: string): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(join(dir, file), 'utf8');
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\blazyModule\s*\(\s*|\brequire\s*\(\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.\/-]+)?)["']/gi)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      found.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
    }
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('the image, its steps replayed in a clean copy', () => {
  let world: TestWorld;
  let root: string;
  let image: string;
  beforeAll(async () => {
    world = await startTestWorld();
    root = mkdtempSync(join(tmpdir(), 'newsbrief-image-'));
    const replayed = new Map<string, string>();
    for (const stage of stages) {
      const dir = join(root, stage.name);
      const base = replayed.get(stage.from);
      // A stage built FROM another starts with its files.
      if (base) cpSync(base, dir, { recursive: true, verbatimSymlinks: true });
      else mkdirSync(dir, { recursive: true });
      replayStage(stage, dir, replayed);
      replayed.set(stage.name, dir);
    }
    image = replayed.get(finalStage.name) ?? '';
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('holds the bundle, the prompts and nothing of the sources or tests', () => {
    expect(existsSync(join(image, 'dist/main.js'))).toBe(true);
    expect(existsSync(join(image, 'dist/cli.js'))).toBe(true);
    expect(readdirSync(join(image, 'dist/commands')).filter((file) => file.endsWith('.js')).length).toBeGreaterThan(0);
    expect(readdirSync(join(image, 'prompts')).length).toBeGreaterThan(0);
    for (const absent of ['src', 'tests', 'test-support', 'bench', '.env']) expect(existsSync(join(image, absent)), absent).toBe(false);
  });

  it("runs `npm run summarize`'s own command on the shipped bundle without rebuilding it (there are no sources to build from)", () => {
    const stamp = () => statSync(join(image, 'dist', '.built')).mtimeMs;
    const before = stamp();
    const run = spawnSync(process.execPath, ['scripts/run-built.mjs', 'cli', '--help'], { cwd: image, encoding: 'utf8', env: isolatedEnv() });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Usage: npm run summarize/);
    expect(stamp()).toBe(before);
  });

  it('imports only production dependencies, so the production-only node_modules is enough', () => {
    const imported = packagesImportedBy(join(image, 'dist'));
    expect(imported.size).toBeGreaterThan(5);
    const notProduction = [...imported].filter((name) => !(name in packageJson.dependencies));
    expect(notProduction).toEqual([]);
  });

  it('starts with its own CMD, answers /summarize, passes its own HEALTHCHECK, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = isolatedEnv({
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APP_ID: IDS.app,
      DISCORD_API_URL: world.discord.apiUrl,
      STORE_URL: `sqlite://${join(image, 'data', 'newsbrief.sqlite')}`,
      HTTP_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    const [command = '', ...args] = commandWords(argsOf(finalStage, 'CMD').at(-1) ?? '');
    const bot = spawn(command === 'node' ? process.execPath : command, args, { cwd: image, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    bot.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    bot.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain('"msg":"bot ready"');
      const sent = world.discord.slashCommand({ name: 'summarize', options: [{ name: 'text', type: 3, value: EXAMPLE_TEXT }] });
      const edit = await world.discord.waitForCall((call) => call.method === 'PATCH' && call.path.endsWith(`/${sent.token}/messages/@original`), 15_000);
      const embed = (edit.body as { embeds?: APIEmbed[] }).embeds?.[0];
      expect(embed?.description).toMatch(/^• .*Riverton/);

      const healthcheck = commandWords(argsOf(finalStage, 'HEALTHCHECK').at(-1)?.replace(/^.*?\bCMD\s+/, '') ?? '');
      const [checkCommand = '', ...checkArgs] = healthcheck;
      const checked = spawnSync(checkCommand === 'node' ? process.execPath : checkCommand, checkArgs, { cwd: image, env, encoding: 'utf8' });
      expect(checked.status, checked.stderr).toBe(0);
    } finally {
      bot.kill('SIGTERM');
    }
    expect(await exited, output.slice(-2000)).toBe(0);
  }, 60_000);
});

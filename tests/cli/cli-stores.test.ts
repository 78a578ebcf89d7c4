import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { errorJsonSchema, summaryJsonSchema } from '../../test-support/contract-schemas.js';
import { isolatedEnv, runCli, runScript } from '../../test-support/run-cli.js';

/**
 * A store that cannot be opened or created is a configuration error: the CLI exits 2 and names
 * the variable, the absolute path and why; `npm start` says the same. Where each store is, is
 * logged at start.
 */

const EXAMPLE = fileURLToPath(new URL('../../examples/briefing.txt', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder anyone may enter, so that a process run as another user reaches inside. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-stores-'));
  chmodSync(dir, 0o755);
  created.push(dir);
  return dir;
}

/**
 * Tests run as root, and root writes anywhere: a read-only folder only refuses an ordinary user.
 * So, as root, the CLI runs as `nobody` (65534); as anyone else, as themselves.
 */
const AS_ORDINARY_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

async function configError(env: Record<string, string>, options: { uid?: number; gid?: number } = {}): Promise<string> {
  const run = await runCli(['--json', EXAMPLE], { env, ...options });
  expect(run.code, run.stdout + run.stderr).toBe(2);
  const { error } = errorJsonSchema.parse(JSON.parse(run.stdout));
  expect(error.code).toBe('config');
  return error.message;
}

// Each test starts one or two processes; the first run as another user compiles the sources afresh.
describe('a store that cannot be opened or created', { timeout: 60_000 }, () => {
  it('says which variable, which path and why for a path under a regular file, exit code 2 (the issue)', async () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const file = join(blocker, 'x.sqlite');
    const run = await runCli([EXAMPLE], { env: { STORE_URL: `sqlite://${file}` } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error: Invalid configuration:\n  - STORE_URL: cannot open the state store ${file}: ${blocker} is a file, not a directory\n`);
  });

  it('says the folder is read-only, and creates nothing', async () => {
    const dir = join(tempDir(), 'read-only');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    expect(await configError({ STORE_URL: `sqlite://${join(dir, 'x.sqlite')}` }, AS_ORDINARY_USER)).toBe(
      `Invalid configuration:\n  - STORE_URL: cannot open the state store ${join(dir, 'x.sqlite')}: the directory ${dir} is read-only (permission denied)`,
    );
    expect(await configError({ STORE_URL: `sqlite://${join(dir, 'data', 'x.sqlite')}` }, AS_ORDINARY_USER)).toBe(
      `Invalid configuration:\n  - STORE_URL: cannot open the state store ${join(dir, 'data', 'x.sqlite')}: the directory ${join(dir, 'data')} cannot be created: ${dir} is read-only (permission denied)`,
    );
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('says a database file is read-only, which SQLite alone would open without a word and fail on the first write', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.sqlite');
    const created = await runCli(['--json', EXAMPLE], { env: { STORE_URL: `sqlite://${file}` } });
    expect(created.code, created.stdout).toBe(0);
    chmodSync(dir, 0o777);
    chmodSync(file, 0o444);
    expect(await configError({ STORE_URL: `sqlite://${file}` }, AS_ORDINARY_USER)).toBe(
      `Invalid configuration:\n  - STORE_URL: cannot open the state store ${file}: the file is read-only (permission denied)`,
    );
  });

  it('says a path is a directory, naming CACHE_URL for the cache', async () => {
    const dir = tempDir();
    expect(await configError({ CACHE_URL: `sqlite://${dir}` })).toBe(
      `Invalid configuration:\n  - CACHE_URL: cannot open the cache store ${dir}: it is a directory, not a database file`,
    );
  });

  it('says a file is not a SQLite database', async () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'x'.repeat(4096));
    expect(await configError({ STORE_URL: `sqlite://${file}` })).toBe(
      `Invalid configuration:\n  - STORE_URL: cannot open the state store ${file}: it is not a SQLite database`,
    );
  });

  it('is said clearly by npm start too', async () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const file = join(blocker, 'data', 'state.sqlite');
    const run = await runScript(MAIN, [], { env: isolatedEnv({ LOG_LEVEL: 'silent', STORE_URL: `sqlite://${file}` }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `newsbrief could not start: Invalid configuration:\n  - STORE_URL: cannot open the state store ${file}: ${blocker} is a file, not a directory\n`,
    );
  });
});

describe('where the stores are', { timeout: 30_000 }, () => {
  it('resolves a relative path against the working directory and logs the absolute path of each store at info, on stderr', async () => {
    const cwd = tempDir();
    const run = await runCli(['--json', EXAMPLE], { cwd, env: { LOG_LEVEL: 'info', STORE_URL: 'sqlite://./data/state.sqlite', CACHE_URL: 'memory' } });
    expect(run.code, run.stderr).toBe(0);
    summaryJsonSchema.parse(JSON.parse(run.stdout));
    const logged = run.stderr.trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string });
    const info = logged.filter((line) => line.level === 30).map((line) => line.msg);
    expect(info).toEqual(expect.arrayContaining([`created ${join(cwd, 'data')} for the state store`, `state store: ${join(cwd, 'data', 'state.sqlite')}`, 'cache store: memory']));
    expect(existsSync(join(cwd, 'data', 'state.sqlite'))).toBe(true);
  });
});

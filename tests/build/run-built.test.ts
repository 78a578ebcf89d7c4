import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, PROJECT_DIR } from '../../test-support/run-cli.js';

/**
 * `npm start`, `npm run summarize` and `npm run deploy-commands` run the bundle in dist/, building
 * it first when it is missing or older than the sources. Run in a copy of the project, so that
 * this checkout's dist/ is left alone.
 */

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'newsbrief-run-built-'));
  for (const part of ['src', 'commands', 'prompts', 'scripts', 'examples', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    cpSync(join(PROJECT_DIR, part), join(copy, part), { recursive: true });
  }
  symlinkSync(join(PROJECT_DIR, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

function summarize(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/run-built.mjs', 'cli', '--json', 'examples/briefing.txt'], {
    cwd: copy,
    env: isolatedEnv({ STORE_URL: 'memory' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const headlineOf = (stdout: string) => (JSON.parse(stdout) as { headline: string }).headline;

describe('running a built entry point', () => {
  it('builds dist/ on first use, also for two runs started together, and both answer', { timeout: 60_000 }, async () => {
    expect(existsSync(join(copy, 'dist'))).toBe(false);
    const [first, second] = await Promise.all([summarize(), summarize()]);
    for (const run of [first, second]) {
      expect(run.code, run.stderr).toBe(0);
      expect(headlineOf(run.stdout)).toMatch(/Flood Barrier/);
    }
    expect(existsSync(join(copy, 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(join(copy, 'dist.lock'))).toBe(false);
  });

  it('builds again when a source is newer than the build, and not otherwise', { timeout: 60_000 }, async () => {
    const stamp = () => statSync(join(copy, 'dist', '.built')).mtimeMs;
    const before = stamp();
    expect((await summarize()).code).toBe(0);
    expect(stamp()).toBe(before);

    const later = new Date(Date.now() + 5_000);
    utimesSync(join(copy, 'src', 'cli.ts'), later, later);
    const run = await summarize();
    expect(run.code, run.stderr).toBe(0);
    expect(stamp()).toBeGreaterThan(before);
  });

  it('keeps the last good build when a build fails, and says why', { timeout: 60_000 }, async () => {
    const broken = join(copy, 'src', 'broken-on-purpose.ts');
    writeFileSync(broken, 'export const x = ;\n');
    writeFileSync(join(copy, 'src', 'cli-imports-broken.ts'), "import './broken-on-purpose.js';\n");
    const cli = join(copy, 'src', 'cli.ts');
    const original = readFileSync(cli, 'utf8');
    writeFileSync(cli, `import './cli-imports-broken.js';\n${original}`);
    try {
      const run = await summarize();
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/broken-on-purpose\.ts/);
      expect(existsSync(join(copy, 'dist', 'cli.js'))).toBe(true);
      expect(readdirSync(copy).filter((name) => name.startsWith('dist.'))).toEqual([]);
    } finally {
      writeFileSync(cli, original);
      rmSync(broken);
      rmSync(join(copy, 'src', 'cli-imports-broken.ts'));
    }
  });
});

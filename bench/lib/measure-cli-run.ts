import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedEnv } from '../../test-support/run-cli.js';

const CLI_SCRIPT = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const TSX_LOADER = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
/** Long enough to see a case that breaks the bound, short enough that a stalled one cannot hold the bench. */
const KILL_AFTER_MS = 120_000;

export interface CliMeasure {
  exitCode: number | null;
  /** User plus system CPU of the whole process, start-up included. */
  cpuSeconds: number;
  wallSeconds: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
  killed: boolean;
}

/**
 * Runs the real CLI as its own process under GNU time, which reports the CPU and the peak RSS of
 * the whole process: the figures the bound is stated in (10 s of CPU, 400 MB).
 */
export function measureCliRun(args: readonly string[], env: Record<string, string> = {}, stdin?: string): Promise<CliMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-hostile-'));
  const timeFile = join(dir, 'time.txt');
  const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%U %S %e %M', process.execPath, '--import', TSX_LOADER, CLI_SCRIPT, ...args], {
    env: isolatedEnv({ LOG_LEVEL: 'silent', STORE_URL: 'memory', ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so that a stalled case is killed with the node process under time.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(stdin ?? '');
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, KILL_AFTER_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const figures = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
      rmSync(dir, { recursive: true, force: true });
      const [user = NaN, system = NaN, wall = NaN, peakKb = NaN] = figures;
      resolve({ exitCode: code, cpuSeconds: user + system, wallSeconds: wall, peakRssMb: peakKb / 1024, stdout, stderr, killed });
    });
  });
}

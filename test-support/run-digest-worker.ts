import { spawn } from 'node:child_process';
import { PROJECT_DIR } from './run-cli.js';

export interface WorkerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * test-support/digest-worker.ts in a process of its own: it ticks the scheduler once, or SIGKILLs
 * itself at NEWSBRIEF_KILL_AT. Nothing the app reads is inherited; `env` gives all of it.
 */
export function runDigestWorker(env: Record<string, string>): Promise<WorkerRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OPENAI_|LLM_|DISCORD_|FETCH_|STORE_|CACHE_|NEWSBRIEF_)/.test(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test-support/digest-worker.ts'], { cwd: PROJECT_DIR, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

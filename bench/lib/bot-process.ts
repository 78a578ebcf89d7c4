import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isolatedEnv, PROJECT_DIR } from '../../test-support/run-cli.js';

export interface BotProcess {
  child: ChildProcess;
  /** Milliseconds from spawn to the "bot ready" log line. */
  readyAfterMs: number;
  /** The process's own memory now, from /proc: resident (RSS) and its high-water mark. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<number | null>;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((candidate) => candidate.startsWith(`${field}:`));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
}

/**
 * The bot as an operator runs it, a process of its own (`node dist/main.js`, or `src/main.ts`
 * through tsx), measured from outside: what `ps` would show, not what the bench process holds.
 */
export async function startBotProcess(command: readonly string[], env: Record<string, string>): Promise<BotProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, command, { cwd: PROJECT_DIR, env: isolatedEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const readyAfterMs = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: string) => {
      output += chunk;
      if (output.includes('"msg":"bot ready"')) resolve(performance.now() - started);
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready: ${output.slice(-2000)}`)));
  });
  const pid = child.pid ?? 0;
  return {
    child,
    readyAfterMs,
    memory: () => ({ rssMb: statusField(pid, 'VmRSS'), peakMb: statusField(pid, 'VmHWM') }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export interface BotProcesses {
  /** RSS of the process and every process it started (a sharding manager's shards), summed. */
  rssMb(): number;
  stop(): Promise<number | null>;
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * A bot entry point (the bot, or the sharding manager and its shards) as its own process tree,
 * ready once `readyLines` "bot ready" lines were logged (one per shard). Only a window of the
 * output is kept: a load run logs a line per interaction.
 */
export async function startBotProcesses(command: readonly string[], env: Record<string, string>, readyLines: number): Promise<BotProcesses> {
  const child = spawn(process.execPath, command, { cwd: PROJECT_DIR, env: isolatedEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: string) => {
      ready += chunk.split('"msg":"bot ready"').length - 1;
      tail = (tail + chunk).slice(-4000);
      if (ready >= readyLines) resolve();
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready: ${tail}`)));
  });
  const pid = child.pid ?? 0;
  return {
    rssMb: () => [pid, ...descendants(pid)].reduce((total, each) => {
      try {
        return total + statusField(each, 'VmRSS');
      } catch {
        return total;
      }
    }, 0),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

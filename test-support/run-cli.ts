import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../src/config.js';

export const PROJECT_DIR = fileURLToPath(new URL('../', import.meta.url));
const CLI_SCRIPT = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  stdin?: string | Buffer;
  /** The whole environment of the child: nothing is inherited. */
  env: Record<string, string>;
  cwd?: string;
  /** Run as this user and group (needs root): how a test sees what a non-root operator sees. */
  uid?: number;
  gid?: number;
  /** The child is killed after this long; 15 s by default. */
  timeoutMs?: number;
}

/** Every variable of CONTRACTS §1, set to "" (which the config reads as unset). */
const BLANK_CONFIG = Object.fromEntries(Object.keys(configSchema.in.shape).map((name) => [name, '']));

/**
 * The environment for an entry point run by a test: this process's own, without anything the app
 * reads, then `env`. Every config variable is set, to "" when `env` does not give it, so that a
 * developer's own `.env` in the project root cannot reach a test either: a variable already in the
 * environment wins over the file, even an empty one (tests/env-file.e2e.test.ts pins that down).
 */
export function isolatedEnv(env: Record<string, string> = {}): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(OPENAI_|LLM_|DISCORD_|FETCH_|STORE_|CACHE_)/.test(entry[0])),
  );
  return { ...inherited, ...BLANK_CONFIG, ...env };
}

/** Runs `node --import tsx <script> …args` as its own process and collects what it prints. */
export function runScript(script: string, args: readonly string[], options: ProcessOptions): Promise<CliRun> {
  // An absolute loader URL, so that the child finds tsx whatever its working directory.
  const tsx = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  const child = spawn(process.execPath, ['--import', tsx, script, ...args], {
    cwd: options.cwd ?? PROJECT_DIR,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the real CLI as its own process, the way a user does, with a clean environment. */
export function runCli(
  args: readonly string[],
  options: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string; uid?: number; gid?: number } = {},
): Promise<CliRun> {
  const { env, ...rest } = options;
  return runScript(CLI_SCRIPT, args, { ...rest, env: isolatedEnv({ LOG_LEVEL: 'silent', STORE_URL: 'memory', ...env }) });
}

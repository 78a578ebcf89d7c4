import { statSync } from 'node:fs';
import { ConfigError } from './errors.js';
import { PROJECT_ENV_FILE } from './project-paths.js';

export { PROJECT_ENV_FILE };

/**
 * Reads the project root's `.env` into `process.env` when it exists, with Node's own parser
 * (`process.loadEnvFile`, Node 20.12+). Every entry point calls this before it reads the config.
 * Variables already in the environment win, even when set to an empty string: Node never
 * overwrites one that is set (nodejs/node#49424; tests/env-file.e2e.test.ts pins it down).
 *
 * Returns the path of the file it read, or null when there is none, which is fine.
 */
export function loadProjectEnv(): string | null {
  try {
    if (!statSync(PROJECT_ENV_FILE).isFile()) throw unreadable('it is not a file');
    process.loadEnvFile(PROJECT_ENV_FILE);
    return PROJECT_ENV_FILE;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unreadable((error as Error).message, error);
  }
}

function unreadable(reason: string, cause?: unknown): ConfigError {
  return new ConfigError([`.env: ${PROJECT_ENV_FILE} cannot be read: ${reason}`], cause === undefined ? {} : { cause });
}

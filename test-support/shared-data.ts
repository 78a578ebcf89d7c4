import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared` beside the project: third-party fixtures and eval data, never copied into the repo. */
export const SHARED_DIR = fileURLToPath(new URL('../../shared/', import.meta.url));

export function sharedPath(relative: string): string {
  return `${SHARED_DIR}${relative}`;
}

/**
 * Whether a test that reads ../shared should be skipped: only when the file is absent and we are
 * not in CI. Under CI=true a missing file must fail the run, never skip it silently.
 */
export function skipWithoutShared(relative: string): boolean {
  if (existsSync(sharedPath(relative))) return false;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ../shared/${relative} is missing; tests that read ../shared must run in CI.`);
  }
  return true;
}

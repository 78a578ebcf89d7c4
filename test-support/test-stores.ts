import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Keyv from 'keyv';
import { afterEach } from 'vitest';
import { closeStore, openStore, type OpenStoreOptions } from '../src/cache/open-store.js';

/** Returns a maker of temporary folders under os.tmpdir(); each is removed after its test. */
export function useTempDirs(): () => Promise<string> {
  const created: string[] = [];
  afterEach(async () => {
    await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsbrief-cache-'));
    created.push(dir);
    return dir;
  };
}

/**
 * Returns `openStore`, with every store it opens closed after its test so that no connection keeps
 * vitest alive. A test that already closed one (to simulate a restart) is fine: closing again is ignored.
 */
export function useStores(): (url: string, options: OpenStoreOptions) => Promise<Keyv> {
  const opened: Keyv[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await closeStore(store).catch(() => undefined);
  });
  return async (url, options) => {
    const store = await openStore(url, options);
    opened.push(store);
    return store;
  };
}

import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeStore, openStore } from '../../src/cache/open-store.js';
import { openStores } from '../../src/cache/open-stores.js';
import { ConfigError } from '../../src/errors.js';
import { createTypedCache } from '../../src/cache/typed-cache.js';
import { captureLog } from '../../test-support/capture-log.js';
import { useStores, useTempDirs } from '../../test-support/test-stores.js';

const entrySchema = z.object({ headline: z.string(), bullets: z.array(z.string()) });
const entry = { headline: 'Rates held', bullets: ['The bank kept rates at 4%.'] };

/** Writes straight into the keyv table over a separate sqlite3 connection, as outside damage would. */
async function overwriteRow(file: string, key: string, value: string): Promise<void> {
  const raw = new KeyvSqlite({ uri: `sqlite://${file}` });
  try {
    await raw.query('UPDATE keyv SET value = ? WHERE key = ?', value, key);
    const rows = (await raw.query('SELECT value FROM keyv WHERE key = ?', key)) as Array<{ value: string }>;
    expect(rows[0]?.value).toBe(value);
  } finally {
    await raw.disconnect();
  }
}

describe('openStore on SQLite', () => {
  const makeTempDir = useTempDirs();
  const open = useStores();

  it('creates the missing parent folder and keeps a value across a restart', async () => {
    const file = path.join(await makeTempDir(), 'missing', 'nested', 'state.sqlite');
    const first = await open(`sqlite://${file}`, { namespace: 'state', durable: true });
    expect(existsSync(file)).toBe(true);
    await first.set('guild:1:settings', { autosummary: true });
    await closeStore(first);

    const second = await open(`sqlite://${file}`, { namespace: 'state', durable: true });
    expect(await second.get('guild:1:settings')).toEqual({ autosummary: true });
  });

  it('reads an entry that fails the schema as a miss, logs it with its key and deletes it', async () => {
    const file = path.join(await makeTempDir(), 'cache.sqlite');
    const capture = captureLog();
    const store = await open(`sqlite://${file}`, { namespace: 'cache', durable: false, log: capture.log });
    const cache = createTypedCache(store, entrySchema, { ttlMs: 60_000, log: capture.log });

    await store.set('summary:old-shape', { headline: 42 });
    await expect(cache.get('summary:old-shape')).resolves.toBeUndefined();
    expect(capture.warnings('does not match its schema')[0]).toMatchObject({ key: 'summary:old-shape' });
    expect(await store.getRaw('summary:old-shape')).toBeUndefined();
  });

  it('reads a row that is not JSON at all as a miss, in the cache and in durable state', async () => {
    const file = path.join(await makeTempDir(), 'shared.sqlite');
    const capture = captureLog();
    const cacheStore = await open(`sqlite://${file}`, { namespace: 'cache', durable: false, log: capture.log });
    const stateStore = await open(`sqlite://${file}`, { namespace: 'state', durable: true, log: capture.log });
    const cache = createTypedCache(cacheStore, entrySchema, { ttlMs: 60_000, log: capture.log });
    const state = createTypedCache(stateStore, entrySchema, { log: capture.log });

    await cache.set('summary:a', entry);
    await state.set('button:x', entry);
    expect(await cache.get('summary:a')).toEqual(entry);
    await overwriteRow(file, 'cache:summary:a', 'not json {');
    await overwriteRow(file, 'state:button:x', '{"value":');

    await expect(cacheStore.get('summary:a')).resolves.toBeUndefined();
    await expect(cache.get('summary:a')).resolves.toBeUndefined();
    await expect(state.get('button:x')).resolves.toBeUndefined();
    expect(capture.warnings('unreadable entry').map((line) => line.key)).toEqual(['summary:a', 'button:x']);
  });

  it('rejects a path under a regular file as a ConfigError naming the variable, the path and why', async () => {
    const blocker = path.join(await makeTempDir(), 'a-file');
    await writeFile(blocker, 'not a folder');
    // Straight under the file (mkdir said EEXIST) and deeper (ENOTDIR): the same sentence.
    for (const file of [path.join(blocker, 'state.sqlite'), path.join(blocker, 'data', 'state.sqlite')]) {
      const opening = openStore(`sqlite://${file}`, { namespace: 'state', durable: true });
      await expect(opening).rejects.toBeInstanceOf(ConfigError);
      await expect(opening).rejects.toThrow(`STORE_URL: cannot open the state store ${file}: ${blocker} is a file, not a directory`);
    }
  });

  it('rejects a path that is a directory, naming CACHE_URL for the cache', async () => {
    const dir = await makeTempDir();
    const opening = openStore(`sqlite://${dir}`, { namespace: 'cache', durable: false });
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow(`CACHE_URL: cannot open the cache store ${dir}: it is a directory, not a database file`);
  });

  it('rejects a file that is not a SQLite database, instead of failing later', async () => {
    const file = path.join(await makeTempDir(), 'garbage.sqlite');
    await writeFile(file, 'x'.repeat(4096));
    const capture = captureLog();
    const opening = openStore(`sqlite://${file}`, { namespace: 'state', durable: true, log: capture.log });
    await expect(opening).rejects.toThrow(`STORE_URL: cannot open the state store ${file}: it is not a SQLite database`);
    await expect(opening).rejects.toHaveProperty('cause.code', 'SQLITE_NOTADB');
    // Said once, by the error, not also logged as a store error.
    expect(capture.lines.filter((line) => line.level === 40)).toEqual([]);
  });

  it('logs the absolute path of each store it opens, and the folder it had to create', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'new', 'state.sqlite');
    const capture = captureLog();
    const stores = await openStores({ STORE_URL: `sqlite://${file}`, CACHE_URL: 'memory', CACHE_MAX_ITEMS: 10 }, capture.log);
    await stores.close();
    const info = capture.lines.filter((line) => line.level === 30).map((line) => line.msg);
    expect(info).toEqual([`created ${path.join(dir, 'new')} for the state store`, `state store: ${file}`, 'cache store: memory']);
  });

  it('throws store errors from durable state, and logs them as misses in the cache', async () => {
    const file = path.join(await makeTempDir(), 'shared.sqlite');
    const capture = captureLog();
    const state = await openStore(`sqlite://${file}`, { namespace: 'state', durable: true, log: capture.log });
    const cacheStore = await openStore(`sqlite://${file}`, { namespace: 'cache', durable: false, log: capture.log });
    const cache = createTypedCache(cacheStore, entrySchema, { ttlMs: 60_000, log: capture.log });
    await cache.set('summary:a', entry);
    // Closing the connection underneath makes every later query fail: a stand-in for a broken disk.
    await closeStore(state);
    await closeStore(cacheStore);

    await expect(state.set('k', 1)).rejects.toThrow(/SQLITE_MISUSE/);
    await expect(state.get('k')).rejects.toThrow(/SQLITE_MISUSE/);
    await expect(createTypedCache(state, entrySchema).get('k')).rejects.toThrow(/SQLITE_MISUSE/);

    await expect(cache.set('summary:b', entry)).resolves.toBeUndefined();
    await expect(cache.get('summary:a')).resolves.toBeUndefined();
    expect(capture.warnings('cache read failed')[0]).toMatchObject({ key: 'summary:a' });
    expect(capture.warnings('cache store error').length).toBeGreaterThan(0);
  });
});

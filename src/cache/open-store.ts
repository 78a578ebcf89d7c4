import Keyv from 'keyv';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import { tolerateCorruptEntries } from './corrupt-entry.js';
import { describeSqliteError, prepareSqliteFile, StoreLocationError } from './sqlite-location.js';
import { createStoreAdapter, describeStoreUrl, tuneStoreAdapter } from './store-adapter.js';

export interface OpenStoreOptions {
  /** Keeps state and cache apart even when they share one URL (CONTRACTS §5). */
  namespace: string;
  /**
   * Durable state: every store error throws (keyv's `throwOnErrors`), because keyv otherwise
   * only emits an 'error' event and the write is lost silently. The evictable cache: errors
   * are logged, a failed write is dropped, and a failed read is a miss.
   */
  durable: boolean;
  /** The bound of the `memory` cache, CACHE_MAX_ITEMS; ignored elsewhere. */
  maxItems?: number;
  /** The variable the URL came from, named in errors: STORE_URL for durable state, else CACHE_URL by default. */
  variable?: string;
  log?: Logger;
}

/** A key no one writes, read once at open so that a bad path or an unreachable server fails here, not on first use. */
const PROBE_KEY = '__open-probe__';

/**
 * Opens a keyv store for `memory`, `sqlite://PATH` or `redis://…` and checks that it answers.
 * Rejects when it does not, for the cache as well as for state: a wrong CACHE_URL is a
 * configuration error to fix, not something to run without. A SQLite file that cannot be opened
 * or created (a path under a regular file, a directory, a read-only file or folder, a file that is
 * no database) is a ConfigError naming the variable, the absolute path and why. A relative path
 * is resolved against the working directory, and the absolute path is logged at info, so that
 * no store is created, unseen, somewhere the operator did not mean.
 */
export async function openStore(url: string, options: OpenStoreOptions): Promise<Keyv> {
  const { namespace, durable, log } = options;
  const variable = options.variable ?? (durable ? 'STORE_URL' : 'CACHE_URL');
  const sqliteFile = sqliteFileOf(url);
  let target = url;
  if (sqliteFile !== null) {
    try {
      const location = await prepareSqliteFile(sqliteFile);
      target = `sqlite://${location.file}`;
      if (location.createdDir) log?.info({ namespace, dir: location.createdDir }, `created ${location.createdDir} for the ${namespace} store`);
    } catch (error) {
      if (error instanceof StoreLocationError) throw storeConfigError(variable, namespace, error.file, error.reason, error);
      throw error;
    }
  }
  const { store, adapterPrefixesKeys } = await createStoreAdapter(target, options);
  const keyv = new Keyv({ store, namespace, throwOnErrors: durable, useKeyPrefix: !adapterPrefixesKeys });
  if (keyv.deserialize) keyv.deserialize = tolerateCorruptEntries(keyv.deserialize);
  // A SQLite file that fails while opening is explained by the ConfigError below; it is not also logged as a store error.
  let opening = sqliteFile !== null;
  // keyv's own emitter never throws on an unheard 'error', but a listener is the only place cache errors surface.
  keyv.on('error', (error: unknown) => {
    if (opening) return;
    log?.warn({ err: error, namespace, store: describeStoreUrl(target) }, durable ? 'store error' : 'cache store error; treated as a miss');
  });
  try {
    // Two reasons to read at once, before any other await. The SQLite adapter starts connecting in its
    // constructor and, on failure, rejects a promise nothing waits on (an unhandled rejection) unless a
    // query is already queued. The Redis adapter counts a client that is still connecting as connected,
    // and with the offline queue off, commands sent before the connection is ready fail.
    await keyv.getRaw(PROBE_KEY);
    await tuneStoreAdapter(store);
  } catch (error) {
    await keyv.disconnect().catch(() => undefined);
    const reason = sqliteFile === null ? null : describeSqliteError(error);
    if (reason !== null) throw storeConfigError(variable, namespace, target.slice('sqlite://'.length), reason, error);
    throw new Error(`Could not open the ${namespace} store at ${describeStoreUrl(url)}.`, { cause: error });
  }
  opening = false;
  const where = sqliteFile === null ? describeStoreUrl(url) : target.slice('sqlite://'.length);
  log?.info({ namespace, store: describeStoreUrl(target) }, `${namespace} store: ${where}`);
  if (durable && url === 'memory') log?.warn({ namespace }, 'durable state is kept in memory and is lost on restart');
  return keyv;
}

/** The database file of a `sqlite://PATH` URL; null for other stores and for SQLite's `:memory:`. */
function sqliteFileOf(url: string): string | null {
  if (!url.startsWith('sqlite://')) return null;
  const file = url.slice('sqlite://'.length);
  return file === ':memory:' ? null : file;
}

function storeConfigError(variable: string, namespace: string, file: string, reason: string, cause: unknown): ConfigError {
  return new ConfigError([`${variable}: cannot open the ${namespace} store ${file}: ${reason}`], { cause });
}

/** Closes the store's connection, if it has one; memory stores have nothing to close. */
export async function closeStore(store: Keyv): Promise<void> {
  await store.disconnect();
}

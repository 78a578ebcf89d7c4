import Keyv from 'keyv';
import type { Logger } from '../log.js';
import { tolerateCorruptEntries } from './corrupt-entry.js';
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
  log?: Logger;
}

/** A key no one writes, read once at open so that a bad path or an unreachable server fails here, not on first use. */
const PROBE_KEY = '__open-probe__';

/**
 * Opens a keyv store for `memory`, `sqlite://PATH` or `redis://…` and checks that it answers.
 * Rejects when it does not, for the cache as well as for state: a wrong CACHE_URL is a
 * configuration error to fix, not something to run without.
 */
export async function openStore(url: string, options: OpenStoreOptions): Promise<Keyv> {
  const { namespace, durable, log } = options;
  const { store, adapterPrefixesKeys } = await createStoreAdapter(url, options);
  const keyv = new Keyv({ store, namespace, throwOnErrors: durable, useKeyPrefix: !adapterPrefixesKeys });
  if (keyv.deserialize) keyv.deserialize = tolerateCorruptEntries(keyv.deserialize);
  // keyv's own emitter never throws on an unheard 'error', but a listener is the only place cache errors surface.
  keyv.on('error', (error: unknown) => {
    log?.warn({ err: error, namespace, store: describeStoreUrl(url) }, durable ? 'store error' : 'cache store error; treated as a miss');
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
    throw new Error(`Could not open the ${namespace} store at ${describeStoreUrl(url)}.`, { cause: error });
  }
  if (durable && url === 'memory') log?.warn({ namespace }, 'durable state is kept in memory and is lost on restart');
  return keyv;
}

/** Closes the store's connection, if it has one; memory stores have nothing to close. */
export async function closeStore(store: Keyv): Promise<void> {
  await store.disconnect();
}

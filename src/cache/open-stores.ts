import type Keyv from 'keyv';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { closeStore, openStore } from './open-store.js';

export interface Stores {
  /** Settings, subscriptions, seen stories, budgets, button state: never evicted, errors throw. */
  state: Keyv;
  /** Articles and summaries: may evict, errors are misses. */
  cache: Keyv;
  /** Closes both; safe to call more than once. */
  close(): Promise<void>;
}

/** State from STORE_URL and the cache from CACHE_URL (which defaults to STORE_URL), in separate namespaces. */
export async function openStores(
  config: Pick<Config, 'STORE_URL' | 'CACHE_URL' | 'CACHE_MAX_ITEMS'>,
  log?: Logger,
): Promise<Stores> {
  const state = await openStore(config.STORE_URL, { namespace: 'state', durable: true, variable: 'STORE_URL', log });
  let cache: Keyv;
  try {
    cache = await openStore(config.CACHE_URL, { namespace: 'cache', durable: false, maxItems: config.CACHE_MAX_ITEMS, variable: 'CACHE_URL', log });
  } catch (error) {
    await closeStore(state).catch(() => undefined);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    state,
    cache,
    close() {
      closing ??= closeBoth(state, cache, log);
      return closing;
    },
  };
}

async function closeBoth(state: Keyv, cache: Keyv, log?: Logger): Promise<void> {
  const results = await Promise.allSettled([closeStore(state), closeStore(cache)]);
  for (const result of results) {
    if (result.status === 'rejected') log?.warn({ err: result.reason }, 'closing a store failed');
  }
}

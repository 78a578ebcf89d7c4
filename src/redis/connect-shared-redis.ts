import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../log.js';
import { describeStoreUrl } from '../cache/store-adapter.js';

/**
 * The one Redis client a bot process uses for the limits it shares with the other processes
 * (REDIS_URL): the LLM limiters, the per-user limits and the token budgets. It also says whether
 * Redis can be used right now, so each of them can fall back to its per-process path while Redis
 * is away, and come back when it returns. ioredis reconnects by itself; this only watches it.
 */
export interface SharedRedis {
  /** Commands fail at once while Redis is away (no offline queue), so callers fall back instead of waiting. */
  readonly client: Redis;
  /** ioredis' class, for bottleneck's connection (so bottleneck does not `require` a copy of its own). */
  readonly Redis: typeof Redis;
  /** Connected and answering, as far as this process knows. */
  readonly available: boolean;
  /** Called with `true` when Redis becomes usable (again) and `false` when it goes away. Returns an unsubscribe. */
  onChange(listener: (available: boolean) => void): () => void;
  /**
   * A command failed. Redis then counts as away until the client is ready again (or, when the
   * connection itself still stands, until a PING answers), and the outage is logged once.
   */
  reportFailure(error: unknown): void;
  close(): Promise<void>;
}

export interface SharedRedisOptions {
  /** How long start-up waits for the first connection attempt before going on with per-process limits. */
  connectTimeoutMs?: number;
  /** Each command's limit: a Redis that stops answering must not hold up an interaction. */
  commandTimeoutMs?: number;
  /** The longest pause between reconnection attempts. */
  maxReconnectDelayMs?: number;
}

const DEFAULTS = { connectTimeoutMs: 3_000, commandTimeoutMs: 2_000, maxReconnectDelayMs: 2_000 } as const;
/** A failed command on a connection that still stands is re-checked with PING after this, doubling to the cap. */
const PROBE_FIRST_MS = 1_000;
const PROBE_MAX_MS = 30_000;

/**
 * Connects to REDIS_URL. ioredis is imported here, on first use, so a configuration without
 * REDIS_URL never loads it (the bot's idle memory goal). Never rejects for an unreachable server:
 * when the first attempt fails (or takes `connectTimeoutMs`) it resolves with `available` false
 * and logs one warning, and the client keeps trying in the background.
 */
export async function connectSharedRedis(url: string, log: Logger, options: SharedRedisOptions = {}): Promise<SharedRedis> {
  const settings = { ...DEFAULTS, ...options };
  const { Redis } = await import('ioredis');
  const where = describeStoreUrl(url);
  const clientOptions: RedisOptions = {
    // Fail fast and fall back: a queued command would hold an interaction until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: settings.connectTimeoutMs,
    commandTimeout: settings.commandTimeoutMs,
    // Reconnect for ever, never more than maxReconnectDelayMs apart, so limits are shared again soon after Redis returns.
    retryStrategy: (attempt) => Math.min(attempt * 200, settings.maxReconnectDelayMs),
  };
  let client: Redis;
  let parsed = true;
  try {
    client = new Redis(url, clientOptions);
  } catch {
    // A URL ioredis cannot read is a Redis that cannot be reached: per-process limits, one warning
    // (the error is not logged: it may quote the URL, password and all). Start-up fails anyway if
    // something else needs REDIS_URL (the digest run lock), with its own message.
    parsed = false;
    client = new Redis({ ...clientOptions, lazyConnect: true });
  }
  const listeners = new Set<(available: boolean) => void>();
  let available = false;
  /** Set once an outage has been logged, so that it is logged once, and its end too. */
  let warned = false;
  let closed = false;
  let probe: NodeJS.Timeout | null = null;
  let probeDelayMs = PROBE_FIRST_MS;

  const notify = (value: boolean) => {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        log.error({ err: error }, 'a Redis availability listener failed');
      }
    }
  };
  const markUp = () => {
    if (closed || available) return;
    available = true;
    if (warned) log.info({ redis: where }, 'Redis is back: LLM limits, user limits and token budgets are shared again');
    warned = false;
    notify(true);
  };
  const markDown = (reason: unknown) => {
    if (closed) return;
    const was = available;
    available = false;
    if (!warned) {
      warned = true;
      log.warn({ redis: where, err: reason }, 'Redis is unreachable: LLM limits and user limits are per process, and token budgets are kept in the state store, until it returns');
    }
    if (was) notify(false);
  };
  const scheduleProbe = () => {
    if (probe || closed) return;
    probe = setTimeout(() => {
      probe = null;
      if (closed || available || client.status !== 'ready') return;
      client.ping().then(markUp, () => {
        probeDelayMs = Math.min(probeDelayMs * 2, PROBE_MAX_MS);
        scheduleProbe();
      });
    }, probeDelayMs);
    probe.unref();
  };

  client.on('ready', () => {
    // A fresh connection; a failure on it is probed from the start again.
    probeDelayMs = PROBE_FIRST_MS;
    markUp();
  });
  client.on('close', () => markDown(new Error(`the connection to ${where} closed`)));
  // ioredis emits 'error' for every failed attempt; an unheard 'error' would crash the process.
  // The outage itself is logged once, by markDown.
  client.on('error', (error: unknown) => log.debug({ err: error, redis: where }, 'Redis connection error'));

  const first = parsed && await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), settings.connectTimeoutMs);
    const done = (value: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('close', onClose);
      resolve(value);
    };
    const onReady = () => done(true);
    // A refused first attempt is answer enough: start on local limits, and share them once a
    // later attempt connects (a Redis still starting beside the bot, say).
    const onClose = () => done(false);
    client.once('ready', onReady);
    client.once('close', onClose);
  });
  if (!first) markDown(new Error(parsed ? `no connection to ${where} within ${settings.connectTimeoutMs} ms` : 'REDIS_URL cannot be parsed'));

  return {
    client,
    Redis,
    get available() {
      return available;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportFailure(error) {
      markDown(error);
      if (client.status === 'ready') scheduleProbe();
    },
    async close() {
      if (closed) return;
      closed = true;
      available = false;
      if (probe) clearTimeout(probe);
      listeners.clear();
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

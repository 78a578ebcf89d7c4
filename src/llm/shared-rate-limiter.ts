import Bottleneck from 'bottleneck';
import type { Logger } from '../log.js';
import { createBottleneckConnection } from '../redis/create-bottleneck-connection.js';
import type { SharedRedis } from '../redis/connect-shared-redis.js';
import {
  closedError,
  createRateLimiter,
  DROPPED_ON_STOP,
  requestLimits,
  scheduleThrough,
  tokenLimits,
  type LlmRateLimiter,
  type RateLimiterOptions,
} from './rate-limiter.js';

export interface SharedRateLimiterOptions extends RateLimiterOptions {
  redis: SharedRedis;
  /**
   * Names the limits in Redis; every process with the same id shares them. Built from the endpoint's
   * host and the model, so two endpoints (or two models with their own quotas) never share limits.
   */
  id: string;
  /** LLM_TIMEOUT_MS. A process that dies in a request leaves its slot taken in Redis; it is freed after this. */
  requestTimeoutMs: number;
  log: Logger;
  /** How long building the Redis limiters may take before this process goes on with its own. */
  buildTimeoutMs?: number;
}

interface ClusterPair {
  connection: Bottleneck.IORedisConnection;
  requests: Bottleneck;
  tokens: Bottleneck;
  retired: boolean;
  /** Settles when the pair is dropped, so a build waiting for Redis does not wait out its timeout. */
  dropped: Promise<never>;
  drop: (error: Error) => void;
}

const RETIRED = 'newsbrief: the Redis limiter was dropped; running the request on the local limiter.';
/** Past the request's own timeout: the wait for its spacing (below) and the time to hear its answer. */
const SLOT_MARGIN_MS = 10_000;

/**
 * LLM_MAX_CONCURRENT, LLM_RPM and LLM_TPM across every process, with bottleneck's own Redis
 * datastore (clustering). Each process builds the same two limiters (same ids), so concurrency,
 * the spacing between request starts (`nextRequest`) and both reservoirs live in Redis, and the
 * reservoirs refresh there once per window, whoever asks first.
 *
 * Redis may be away at start or go away mid-run. A clustered limiter then either rejects its jobs
 * or holds them queued for capacity news that never comes, so this keeps a local pair (the limits
 * of one process, as without Redis) and sends every request there while Redis is away. When Redis
 * goes, the Redis pair is dropped: its queued jobs come back and run locally, and jobs already
 * running finish. When Redis returns, a new Redis pair is built and requests are shared again.
 * The outage is logged once, by the shared connection.
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): LlmRateLimiter {
  const local = createRateLimiter(options);
  const windowMs = options.windowMs ?? 60_000;
  const requestSettings = requestLimits(options);
  const tokenSettings = tokenLimits(options);
  // Bottleneck refreshes a Redis reservoir lazily, when a script runs; queued jobs hear of the new
  // window from the heartbeat, so it beats often enough that they are not left waiting long.
  const heartbeatInterval = Math.max(50, Math.min(1_000, Math.floor(windowMs / 20)));
  // A registered job may wait for its place in the spacing before it starts (at most one gap per
  // concurrent slot), then runs for at most the request timeout.
  const slotExpirationMs = options.requestTimeoutMs + options.maxConcurrent * requestSettings.minTime + SLOT_MARGIN_MS;
  const buildTimeoutMs = options.buildTimeoutMs ?? 5_000;

  let current: ClusterPair | null = null;
  let building: Promise<ClusterPair | null> | null = null;
  /** The pair `building` is making, so that stop() can drop it instead of waiting for Redis. */
  let unfinished: ClusterPair | null = null;
  /** Bumped on every change of Redis' availability: a build that straddles one is not used. */
  let generation = 0;
  let stopped = false;
  let stopping: Promise<void> | null = null;

  function retire(pair: ClusterPair): void {
    if (pair.retired) return;
    pair.retired = true;
    pair.drop(new Error(RETIRED));
    if (current === pair) current = null;
    const drop = { dropWaitingJobs: true, dropErrorMessage: RETIRED };
    void Promise.allSettled([pair.requests.stop(drop), pair.tokens.stop(drop)]);
    // Without flushing: no command is sent, so nothing can fail; it also ends both heartbeats.
    void pair.connection.disconnect(false);
  }

  function fail(pair: ClusterPair, error: unknown): void {
    if (pair.retired) return;
    retire(pair);
    if (stopped) return;
    options.log.debug({ err: error, limiter: options.id }, 'the Redis LLM limiter failed; using the local one');
    options.redis.reportFailure(error);
  }

  function build(): Promise<ClusterPair | null> {
    /** Set when Redis went away and came back during the build: the pair is stale, build another. */
    let again = false;
    building ??= (async () => {
      const startedIn = generation;
      const connection = createBottleneckConnection(options.redis);
      const cluster = { connection, clearDatastore: false, heartbeatInterval };
      let drop: (error: Error) => void = () => undefined;
      const dropped = new Promise<never>((_, reject) => (drop = reject));
      dropped.catch(() => undefined);
      const pair: ClusterPair = {
        connection,
        requests: new Bottleneck({ ...requestSettings, ...cluster, id: `${options.id}:requests` }),
        tokens: new Bottleneck({ ...tokenSettings, ...cluster, id: `${options.id}:tokens` }),
        retired: false,
        dropped,
        drop,
      };
      unfinished = pair;
      connection.on('error', (error) => fail(pair, error));
      pair.requests.on('error', (error) => fail(pair, error));
      pair.tokens.on('error', (error) => fail(pair, error));
      try {
        await withTimeout(Promise.race([Promise.all([pair.requests.ready(), pair.tokens.ready()]), pair.dropped]), buildTimeoutMs);
        // Limits already in Redis keep the values of the process that created them; bring them to
        // this process's LLM_* (after a change of configuration, say). Not the reservoirs: they
        // take the new amounts at the next window, so a process starting does not refill them.
        const { reservoir: _requests, ...requestUpdate } = requestSettings;
        const { reservoir: _tokens, ...tokenUpdate } = tokenSettings;
        await withTimeout(Promise.race([Promise.all([pair.requests.updateSettings(requestUpdate), pair.tokens.updateSettings(tokenUpdate)]), pair.dropped]), buildTimeoutMs);
      } catch (error) {
        fail(pair, error);
        return null;
      }
      if (stopped || startedIn !== generation || !options.redis.available) {
        retire(pair);
        again = !stopped && options.redis.available;
        return null;
      }
      current = pair;
      return pair;
    })().finally(() => {
      building = null;
      unfinished = null;
      if (again) void build();
    });
    return building;
  }

  const unsubscribe = options.redis.onChange((available) => {
    generation += 1;
    if (current) retire(current);
    if (available) void build();
  });
  if (options.redis.available) void build();

  /** The Redis pair while Redis can be used (waiting for one being built), else null. */
  async function sharedPair(): Promise<ClusterPair | null> {
    if (stopped || !options.redis.available) return null;
    if (current && !current.retired) return current;
    const built = await (building ?? build());
    return built && !built.retired ? built : null;
  }

  return {
    get requests() {
      return current?.requests ?? local.requests;
    },
    get tokens() {
      return current?.tokens ?? local.tokens;
    },
    minTimeMs: local.minTimeMs,
    get scope() {
      return current && !current.retired && options.redis.available ? 'shared' : 'process';
    },
    async schedule(tokenCount, job) {
      const pair = await sharedPair();
      if (!pair) return local.schedule(tokenCount, job);
      let started = false;
      const tracked = () => {
        started = true;
        return job();
      };
      try {
        return await scheduleThrough(pair, options.tpm, tokenCount, tracked, { expiration: slotExpirationMs });
      } catch (error) {
        // Once the request has been sent, its outcome is the caller's, whatever the limiter did.
        if (started) throw error;
        if (stopped) throw closedError(error);
        // Redis failed before the request could start (a script failed, or the pair was dropped
        // while the request was queued): it runs under this process's limits instead.
        fail(pair, error);
        return local.schedule(tokenCount, job);
      }
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        unsubscribe();
        // A pair still being built is dropped at once rather than waited for.
        if (unfinished) retire(unfinished);
        if (building) await building;
        const pair = current;
        current = null;
        const stopShared = async () => {
          if (!pair || pair.retired) return;
          pair.retired = true;
          const drop = { dropWaitingJobs: true, dropErrorMessage: DROPPED_ON_STOP };
          await Promise.allSettled([pair.requests.stop(drop), pair.tokens.stop(drop)]);
          await pair.connection.disconnect(true).catch(() => pair.connection.disconnect(false));
        };
        await Promise.all([local.stop(), stopShared()]);
      })();
      return stopping;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the Redis limiters were not ready within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import Bottleneck from 'bottleneck';
import type { SharedRedis } from './connect-shared-redis.js';

/**
 * Bottleneck's own Redis datastore over ioredis 5, with the one fix it needs on Redis 7.
 *
 * ioredis 5 works with bottleneck 2.19.5's IORedisConnection as it is (written for ioredis 4): it
 * uses `duplicate()` for its subscriber, `defineCommand` with the key count as the first argument,
 * node-style callbacks on those commands, `subscribe(channel, callback)` and `pipeline().exec()`,
 * all still in ioredis 5. ioredis also re-sends a script with EVAL when a restarted server has
 * forgotten it (NOSCRIPT), and re-subscribes after a reconnection.
 *
 * What breaks is Redis 7: it gives an error reply without an error code of its own the generic
 * one, so the scripts' `redis.error_reply('SETTINGS_KEY_NOT_FOUND')` reaches the client as
 * "ERR SETTINGS_KEY_NOT_FOUND". Bottleneck recognises its own errors by exact message
 * (RedisDatastore.runScript), so on Redis 7 it never recovers when its keys are gone (a flushed or
 * restarted Redis, evicted keys: it should run `init` again) or when it has written a client off as
 * dead (UNKNOWN_CLIENT: it should register again); every job then fails, for good. Upstream has it
 * open and unfixed (SGrondin/bottleneck#205, #212, #219). The smallest sound fix is to take the
 * "ERR " back off exactly those replies before bottleneck reads them, at the one place it runs its
 * scripts; the scripts and their keys are untouched, so limiters with and without the fix agree.
 */

/** Bottleneck's own script errors, as Redis 7 words them. */
const REDIS7_WORDING = /^ERR ((?:SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT|OVERWEIGHT:)[\s\S]*)$/;

type ScriptCallback = (error: unknown, replies: unknown) => void;
/** The private hook of IORedisConnection (2.19.5) that RedisDatastore.runScript calls each script through. */
interface ScriptRunner {
  __scriptFn__(name: string): (...args: unknown[]) => unknown;
}

/** Restores bottleneck's wording of its own script errors; any other error passes unchanged. */
export function restoreScriptError(error: unknown): unknown {
  if (error instanceof Error) {
    const own = REDIS7_WORDING.exec(error.message);
    if (own?.[1]) error.message = own[1];
  }
  return error;
}

/**
 * A bottleneck connection on its own duplicate of the shared client (two sockets: commands and
 * pub/sub), so that it can be dropped when Redis fails without touching the client the budgets
 * and user limits use. Its limiters are passed it as `connection`.
 */
export function createBottleneckConnection(redis: SharedRedis): Bottleneck.IORedisConnection {
  const connection = new Bottleneck.IORedisConnection({ client: redis.client.duplicate(), Redis: redis.Redis });
  const runner = connection as unknown as Partial<ScriptRunner>;
  const scriptFn = runner.__scriptFn__;
  // Fail loudly if a bottleneck upgrade moves the hook, rather than lose the recovery silently.
  if (typeof scriptFn !== 'function') throw new Error('bottleneck IORedisConnection has no __scriptFn__: recheck the Redis 7 fix in create-bottleneck-connection.ts');
  runner.__scriptFn__ = (name: string) => {
    const run = scriptFn.call(connection, name);
    return (...args: unknown[]) => {
      const callback = args.pop() as ScriptCallback;
      return run(...args, (error: unknown, replies: unknown) => callback(error == null ? error : restoreScriptError(error), replies));
    };
  };
  return connection;
}

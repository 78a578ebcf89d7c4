export interface InFlight<T> {
  /** Runs `work` unless a run for `key` is already under way, in which case its promise is shared. */
  run(key: string, work: () => Promise<T>): Promise<T>;
  /** How many keys are under way; for tests and metrics. */
  readonly size: number;
}

/**
 * Concurrent requests for one key share one promise, so one article is fetched and one LLM call
 * made however many people ask at once. The entry goes when the promise settles, either way:
 * a failure is shared by those already waiting but not remembered for the next caller.
 */
export function createInFlight<T>(): InFlight<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(key, work) {
      const existing = running.get(key);
      if (existing) return existing;
      // The async wrapper turns a synchronous throw in `work` into a rejection like any other.
      const promise = (async () => work())().finally(() => {
        if (running.get(key) === promise) running.delete(key);
      });
      running.set(key, promise);
      return promise;
    },
    get size() {
      return running.size;
    },
  };
}

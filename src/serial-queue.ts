export interface SerialQueue {
  /** Runs `work` after everything queued before it has settled; a failure is the caller's and does not block the queue. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

export interface KeyedSerialQueue {
  /** As `SerialQueue.run`, one queue per key: work under different keys does not wait for each other. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/**
 * One-at-a-time execution for read-modify-write updates within a process (a store entry, a user's
 * rate-limit reservoir): otherwise two updates that arrive together read the same value and one is lost.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      const result = tail.then(work);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** A serial queue per key, forgotten once its work has settled, so idle keys cost nothing. */
export function createKeyedSerialQueue(): KeyedSerialQueue {
  const queues = new Map<string, { queue: SerialQueue; pending: number }>();
  return {
    run(key, work) {
      const entry = queues.get(key) ?? { queue: createSerialQueue(), pending: 0 };
      queues.set(key, entry);
      entry.pending += 1;
      const result = entry.queue.run(work);
      const settled = () => {
        entry.pending -= 1;
        if (entry.pending === 0 && queues.get(key) === entry) queues.delete(key);
      };
      void result.then(settled, settled);
      return result;
    },
  };
}

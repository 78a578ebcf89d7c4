export interface SerialQueue {
  /** Runs `work` after everything queued before it has settled; a failure is the caller's and does not block the queue. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** One-at-a-time execution for read-modify-write updates of one store entry within a process. */
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

import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface ProcessSampler {
  /** Stops sampling (taking one last sample) and returns the highest RSS seen, in bytes. */
  stop(): { peakBytes: number; samples: number };
  /**
   * Share of the time (0 to 1) the event loop was busy from the sampler's start to the first
   * sample at or after `until` (a `performance.now()` time); null when no sample came after it.
   */
  busyUntil(until: number): number | null;
}

/**
 * Samples `process.memoryUsage().rss` and the event loop's utilisation every `intervalMs` until
 * stopped. A busy loop delays a sample, but the utilisation counters are exact whenever it is taken.
 * The timer is unref'd so a sampler that is never stopped cannot keep the process alive.
 */
export function sampleProcess(intervalMs: number): ProcessSampler {
  const start = performance.eventLoopUtilization();
  const loop: Array<{ at: number; elu: EventLoopUtilization }> = [];
  let peakBytes = process.memoryUsage().rss;
  let samples = 1;
  const take = () => {
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
    loop.push({ at: performance.now(), elu: performance.eventLoopUtilization() });
    samples++;
  };
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakBytes, samples };
    },
    busyUntil(until) {
      const after = loop.find((sample) => sample.at >= until);
      return after ? performance.eventLoopUtilization(after.elu, start).utilization : null;
    },
  };
}

export const megabytes = (bytes: number): number => bytes / (1024 * 1024);

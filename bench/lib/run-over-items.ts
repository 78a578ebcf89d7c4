import { performance } from 'node:perf_hooks';

export interface ItemsRun<Output> {
  /** One output per item, in order; the fallback where producing it threw. */
  outputs: Output[];
  errors: number;
  firstError: string | null;
  seconds: number;
}

/** Runs one system over every item, timing it; a failure on one item is counted, not fatal. */
export function runOverItems<Item, Output>(items: readonly Item[], produce: (item: Item) => Output, fallback: Output): ItemsRun<Output> {
  const outputs: Output[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  for (const item of items) {
    try {
      outputs.push(produce(item));
    } catch (error) {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
      outputs.push(fallback);
    }
  }
  return { outputs, errors, firstError, seconds: (performance.now() - started) / 1000 };
}

/** Peak resident memory of this whole process so far; Linux reports `maxRSS` in kilobytes. */
export function peakRssMegabytes(): number {
  return process.resourceUsage().maxRSS / 1024;
}

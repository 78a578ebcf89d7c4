import path from 'node:path';

/** The options every benchmark takes (CONTRACTS §3); runners spread them into `parseArgs`. */
export const benchOptions = {
  data: { type: 'string' },
  out: { type: 'string' },
  report: { type: 'string' },
} as const;

export interface BenchPaths {
  data: string;
  out: string | null;
  report: string | null;
}

/** Paths are relative to where npm runs the script, the project root, like the defaults. */
export function resolveBenchPaths(
  values: { data?: string | undefined; out?: string | undefined; report?: string | undefined },
  defaultData: string,
): BenchPaths {
  return {
    data: path.resolve(values.data ?? defaultData),
    out: values.out === undefined ? null : path.resolve(values.out),
    report: values.report === undefined ? null : path.resolve(values.report),
  };
}

/** Narrows a string option to one of its allowed values, naming the option when it is not. */
export function pickChoice<const Choice extends string>(option: string, value: string, choices: readonly Choice[]): Choice {
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) throw new Error(`--${option} must be one of ${choices.join(', ')}; got "${value}"`);
  return choice;
}

/** Runs a benchmark's main; a bad option or unreadable data ends in one line and exit code 1. */
export async function runBench(benchName: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(`${benchName}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

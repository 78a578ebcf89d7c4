/** One part of `/healthz`: whether it works, and a short line saying how or why not. */
export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export type HealthCheck = () => Promise<CheckResult>;

export class CheckTimeoutError extends Error {
  override readonly name = 'CheckTimeoutError';
}

/** `work`, or a CheckTimeoutError after `ms`: a part that hangs is failing, and `/healthz` must still answer. */
export async function withinMs<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error as one line for a check's detail (scrubbed again by the server before it is sent). */
export function describeCheckError(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const firstLine = message.split('\n', 1)[0] ?? '';
  return firstLine.length > 200 ? `${firstLine.slice(0, 200)}…` : firstLine;
}

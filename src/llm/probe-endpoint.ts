import { describeCheckError, type CheckResult, type HealthCheck } from '../http/health-check.js';
import { KEYLESS_PLACEHOLDER_KEY, OPENAI_BASE_URL } from './chat-transport.js';

const PROBE_LIMIT_MS = 2_000;
/** A scraper asking every second must not turn into a request a second to a paid endpoint. */
const PROBE_CACHE_MS = 30_000;

export interface EndpointCheckOptions {
  /** OPENAI_BASE_URL; OpenAI's when unset. */
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  limitMs?: number;
  /** How long an answer is reused; 0 asks every time (tests). */
  cacheMs?: number;
  now?: () => number;
}

/**
 * `/healthz`'s LLM part: `GET {base}/models` within 2 s, the answer reused for 30 s. Any answer
 * below 500 counts as reachable, a 401 or 404 included: the endpoint answered, and a wrong key or
 * model is the calls' error to report, not a reason to restart the bot. A 5xx, a refused
 * connection or silence is failing.
 */
export function createEndpointCheck(options: EndpointCheckOptions): HealthCheck {
  const url = `${(options.baseUrl || OPENAI_BASE_URL).replace(/\/+$/, '')}/models`;
  const limitMs = options.limitMs ?? PROBE_LIMIT_MS;
  const cacheMs = options.cacheMs ?? PROBE_CACHE_MS;
  const now = options.now ?? Date.now;
  let last: { at: number; result: Promise<CheckResult> } | null = null;

  async function probe(): Promise<CheckResult> {
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${options.apiKey || KEYLESS_PLACEHOLDER_KEY}`, accept: 'application/json' },
        signal: AbortSignal.timeout(limitMs),
        redirect: 'manual',
      });
      // Only the status matters; a model list can be long.
      await response.body?.cancel().catch(() => undefined);
      return response.status < 500 ? { ok: true, detail: `answered ${response.status}` } : { ok: false, detail: `answered ${response.status}` };
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') return { ok: false, detail: `no answer within ${limitMs} ms` };
      return { ok: false, detail: `unreachable: ${describeConnectionError(error)}` };
    }
  }

  return () => {
    const at = now();
    // The promise is kept, not the result, so concurrent probes share one request.
    if (last === null || at - last.at >= cacheMs) last = { at, result: probe() };
    return last.result;
  };
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function describeConnectionError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return describeCheckError(error);
}

import { loadConfig } from '../../src/config.js';
import { buildServices, type Services } from '../../src/services.js';
import type { SummarizeRequest } from '../../src/summarize/index.js';
import { captureLog, type LogRecord } from '../../test-support/capture-log.js';

export type { LogRecord };

/** What every scenario asks for: the CLI's defaults, forced onto the LLM. */
export const STANDARD_REQUEST: SummarizeRequest = { length: 'standard', language: null, quotes: true, provider: 'openai' };

export interface BenchServices {
  services: Services;
  /** Every log line so far, parsed. */
  logs(): LogRecord[];
}

/**
 * The real composition root (buildServices) against a fake endpoint: memory stores, info-level logs
 * kept in memory. `env` adds or overrides variables, as an operator would (LLM_RPM, LLM_MAX_CONCURRENT…).
 */
export async function buildBenchServices(baseUrl: string, env: Record<string, string> = {}): Promise<BenchServices> {
  const config = loadConfig({ OPENAI_BASE_URL: baseUrl, LLM_PROVIDER: 'openai', STORE_URL: 'memory', ...env });
  const captured = captureLog('info');
  const services = await buildServices(config, captured.log);
  return { services, logs: () => captured.lines };
}

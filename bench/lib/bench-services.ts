import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildServices, type Services } from '../../src/services.js';
import type { SummarizeRequest } from '../../src/summarize/index.js';

/** What every scenario asks for: the CLI's defaults, forced onto the LLM. */
export const STANDARD_REQUEST: SummarizeRequest = { length: 'standard', language: null, quotes: true, provider: 'openai' };

export interface LogRecord {
  msg?: string;
  [field: string]: unknown;
}

export interface BenchServices {
  services: Services;
  /** Every log line so far, parsed on demand so that parsing never lands in a timed call. */
  logs(): LogRecord[];
}

/**
 * The real composition root (buildServices) against a fake endpoint: memory stores, info-level logs
 * kept in memory. `env` adds or overrides variables, as an operator would (LLM_RPM, LLM_MAX_CONCURRENT…).
 */
export async function buildBenchServices(baseUrl: string, env: Record<string, string> = {}): Promise<BenchServices> {
  const config = loadConfig({ OPENAI_BASE_URL: baseUrl, LLM_PROVIDER: 'openai', STORE_URL: 'memory', ...env });
  const lines: string[] = [];
  const log = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  const services = await buildServices(config, log);
  return { services, logs: () => lines.map((line) => JSON.parse(line) as LogRecord) };
}

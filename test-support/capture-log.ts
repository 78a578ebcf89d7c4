import { createLogger, type Logger } from '../src/log.js';
import type { SecretScrubber } from '../src/secrets/index.js';

export interface LogRecord {
  level?: number;
  msg?: string;
  [field: string]: unknown;
}

export interface CapturedLog {
  log: Logger;
  /** Every line logged so far, parsed; the array grows as lines are written. */
  lines: LogRecord[];
  /** Lines at warn (pino level 40) whose message contains `text`. */
  warnings(text: string): LogRecord[];
  /** Everything written, as written: to check that no secret reached the log. */
  text(): string;
}

/**
 * A real pino logger that writes JSON lines to memory, so tests and benches can read what was logged.
 * Give it the scrubber the entry points build (`createSecretScrubber(config)`) to log as they do.
 */
export function captureLog(level: 'debug' | 'info' = 'debug', options: { scrubber?: SecretScrubber } = {}): CapturedLog {
  const raw: string[] = [];
  const lines: LogRecord[] = [];
  const write = (line: string) => {
    raw.push(line);
    lines.push(JSON.parse(line) as LogRecord);
  };
  return {
    log: createLogger({ level, destination: { write }, ...(options.scrubber ? { scrubber: options.scrubber } : {}) }),
    lines,
    warnings: (text) => lines.filter((line) => line.level === 40 && String(line.msg).includes(text)),
    text: () => raw.join(''),
  };
}

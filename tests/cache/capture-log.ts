import { createLogger, type Logger } from '../../src/log.js';

export interface CapturedLog {
  log: Logger;
  /** Every line logged so far, parsed. */
  lines: Array<Record<string, unknown>>;
  /** Lines at warn (pino level 40) whose message contains `text`. */
  warnings(text: string): Array<Record<string, unknown>>;
}

/** A real pino logger that writes JSON lines to memory, so tests can assert on what was logged. */
export function captureLog(): CapturedLog {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return {
    log,
    lines,
    warnings: (text) => lines.filter((line) => line.level === 40 && String(line.msg).includes(text)),
  };
}

import { pino, type Logger, type DestinationStream, type LoggerOptions as PinoOptions } from 'pino';
import { REDACTED, REDACTED_PATHS, type SecretScrubber } from './secrets/index.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Defaults to pretty output when the destination is a terminal, JSON otherwise. */
  pretty?: boolean;
  /** 1 is stdout, 2 is stderr. The CLI logs to stderr so that stdout stays machine-readable. */
  fd?: 1 | 2;
  destination?: DestinationStream;
  /**
   * Reads every finished line, serialised errors and their causes included, and removes the
   * configured secrets (`createSecretScrubber(config)`). Entry points always pass one; without it
   * only the redacted fields and nothing else are hidden.
   */
  scrubber?: SecretScrubber;
}

export function createLogger(options: LoggerOptions): Logger {
  const fd = options.fd ?? 1;
  const scrubber = options.scrubber;
  const base: PinoOptions = {
    level: options.level,
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    // The last step before a line is written, for every child logger and transport: nothing gets around it.
    ...(scrubber ? { hooks: { streamWrite: (line: string) => scrubber.scrub(line) } } : {}),
  };
  if (options.destination) return pino(base, options.destination);
  const pretty = options.pretty ?? Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY);
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: fd, colorize: true } } });
  }
  return pino(base, pino.destination({ fd, sync: true }));
}

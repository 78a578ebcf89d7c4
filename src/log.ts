import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Defaults to pretty output when the destination is a terminal, JSON otherwise. */
  pretty?: boolean;
  /** 1 is stdout, 2 is stderr. The CLI logs to stderr so that stdout stays machine-readable. */
  fd?: 1 | 2;
  destination?: DestinationStream;
}

/** Keys whose values never reach a log line, wherever they appear in a context object. */
const REDACTED_PATHS = ['apiKey', 'token', '*.apiKey', '*.token', 'config.OPENAI_API_KEY', 'config.DISCORD_TOKEN', 'headers.authorization'];

export function createLogger(options: LoggerOptions): Logger {
  const fd = options.fd ?? 1;
  const base = { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (options.destination) return pino(base, options.destination);
  const pretty = options.pretty ?? Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY);
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: fd, colorize: true } } });
  }
  return pino(base, pino.destination({ fd, sync: true }));
}

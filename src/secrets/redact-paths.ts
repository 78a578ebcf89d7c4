/**
 * Fields whose values never reach a log line, by name, where pino finds them in what is logged
 * (errors as pino serialises them included). The scrubber (secret-scrubber.ts) still reads every
 * line afterwards; this list catches secrets we were not configured with, by where they sit.
 * Wildcards are few and one level deep: pino walks every key of every object for each, and
 * `*.headers.…` paths alone made a log call several times slower (13 µs a line with this list, 36
 * with wildcard headers, 60 with `*.*.…` paths; 7 µs before this list grew).
 */
const SECRET_FIELDS = ['apiKey', 'token', 'password', 'authorization', 'cookie'];
const HEADERS = ['authorization', 'cookie', '["x-api-key"]', '["api-key"]', '["proxy-authorization"]'];

const under = (parent: string) => (name: string) => (name.startsWith('[') ? `${parent}${name}` : `${parent}.${name}`);

export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map(under('*')),
  ...HEADERS.map(under('headers')),
  ...HEADERS.map(under('req.headers')),
  // Errors that carry the request they failed on (axios-style `config`, fetch-style `request`).
  ...HEADERS.map(under('err.config.headers')),
  ...HEADERS.map(under('err.request.headers')),
  'config.OPENAI_API_KEY',
  'config.DISCORD_TOKEN',
];

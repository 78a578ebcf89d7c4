import { z } from 'zod';
import { ConfigError } from './errors.js';

/** Environment variables are strings; an empty one counts as unset, as in most .env tooling. */
const optionalString = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());
const integer = (fallback: number, min = 0) =>
  z.preprocess((value) => (value === '' || value === undefined ? fallback : value), z.coerce.number().int().min(min));
const boolean = (fallback: boolean) =>
  z.preprocess((value) => {
    if (value === '' || value === undefined) return fallback;
    if (typeof value !== 'string') return value;
    const lowered = value.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
    if (['false', '0', 'no', 'off'].includes(lowered)) return false;
    return value;
  }, z.boolean());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((value) => (value === '' || value === undefined ? fallback : value), schema);
const list = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : (value ?? [])),
  z.array(z.string()),
);
/**
 * fetch refuses a URL with a user name or password in it, so such a base URL could never be
 * reached; and wherever it was printed, the key in it would be too. The key has its own variable.
 */
const endpointUrl = z.url().refine((value) => {
  // zod runs this on a value that failed z.url() too; that failure is reported already.
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  return url.username === '' && url.password === '';
}, 'must not hold a user name or password: put the key in OPENAI_API_KEY');
const storeUrl = z.string().regex(/^(memory|sqlite:\/\/.+|rediss?:\/\/.+)$/, 'must be memory, sqlite://PATH or redis://HOST:PORT');

/** The one schema over the environment. Names and defaults: CONTRACTS §1. */
export const configSchema = z
  .object({
    LLM_PROVIDER: withDefault(z.enum(['auto', 'openai', 'extractive']), 'auto'),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(endpointUrl.optional()),
    OPENAI_MODEL: withDefault(z.string().min(1), 'gpt-4o-mini'),
    LLM_RESPONSE_FORMAT: withDefault(z.enum(['auto', 'json_schema', 'json_object', 'text']), 'auto'),
    LLM_TIMEOUT_MS: integer(60_000, 1),
    LLM_MAX_CONCURRENT: integer(4, 1),
    LLM_RPM: integer(60, 1),
    LLM_TPM: integer(200_000, 1),
    LLM_MAX_RETRIES: integer(3, 0),
    LLM_CONTEXT_TOKENS: integer(16_000, 500),
    GUILD_DAILY_TOKENS: integer(200_000, 0),
    PROMPT_VERSIONS: optionalString,
    STORE_URL: withDefault(storeUrl, 'sqlite://./data/newsbrief.sqlite'),
    CACHE_URL: optionalString.pipe(storeUrl.optional()),
    CACHE_MAX_ITEMS: integer(5000, 1),
    CACHE_TTL_HOURS: integer(168, 0),
    REDIS_URL: optionalString,
    FETCH_ALLOW_HOSTS: list,
    FETCH_TIMEOUT_MS: integer(10_000, 1),
    FETCH_MAX_BYTES: integer(5_242_880, 1024),
    DISCORD_TOKEN: optionalString,
    DISCORD_APP_ID: optionalString,
    DISCORD_GUILD_ID: optionalString,
    DISCORD_API_URL: optionalString.pipe(z.url().optional()),
    LINK_REPLIES: boolean(false),
    USER_RATE_PER_MIN: integer(6, 1),
    CHANNEL_LINK_COOLDOWN_S: integer(30, 0),
    DIGEST_MAX_STORIES: integer(10, 1),
    DIGEST_MAX_FEEDS_PER_GUILD: integer(20, 1),
    FEED_FAILURES_BEFORE_NOTICE: integer(5, 1),
    /** `npm run start:sharded` only: how many shards its ShardingManager starts (`auto`: Discord's recommendation). */
    SHARDS: optionalString.pipe(
      z
        .string()
        .refine((value) => value === 'auto' || /^[1-9]\d*$/.test(value), 'must be auto or a whole number of at least 1')
        .transform((value) => (value === 'auto' ? ('auto' as const) : Number(value)))
        .optional(),
    ),
    HTTP_PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(65_535).optional()),
    LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  })
  .transform((env) => ({
    ...env,
    CACHE_URL: env.CACHE_URL ?? env.STORE_URL,
    /** `auto` resolves here, once, so every consumer sees the same answer. */
    resolvedProvider:
      env.LLM_PROVIDER === 'auto'
        ? env.OPENAI_API_KEY || env.OPENAI_BASE_URL
          ? ('openai' as const)
          : ('extractive' as const)
        : env.LLM_PROVIDER,
  }));

export type Config = z.output<typeof configSchema>;

/**
 * Parses the environment. The error lists each bad variable by name and says what
 * was expected; it never echoes a value, so a mistyped secret cannot leak to a log.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(withoutShardingManagerVariables(env));
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${describeIssue(issue)}`;
  });
  throw new ConfigError(issues);
}

/**
 * In a shard process, discord.js's ShardingManager has set SHARDS to that shard's id (its Client
 * reads it from there), so it is not our SHARDS: only the manager reads ours.
 */
function withoutShardingManagerVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.SHARDING_MANAGER ? { ...env, SHARDS: undefined } : env;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? issue.message : `must be a valid ${issue.format}`;
    case 'custom':
      // Our own refinements, whose messages name no value.
      return issue.message;
    default:
      return 'is invalid';
  }
}

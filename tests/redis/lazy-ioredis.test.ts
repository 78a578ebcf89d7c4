import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, PROJECT_DIR, runScript } from '../../test-support/run-cli.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test-support/redis-server.js';

/**
 * The bot's idle memory goal: a configuration without REDIS_URL must not load ioredis. A fresh
 * process builds the services with an LLM endpoint (so the LLM client and its limiters exist),
 * then says whether ioredis is among the modules it loaded; with REDIS_URL it must be.
 */

const available = redisServerAvailable();
const requiredInCi = process.env.CI === 'true';

const SCRIPT = `
import { createRequire } from 'node:module';
import { loadConfig } from ${JSON.stringify(pathToFileURL(join(PROJECT_DIR, 'src/config.ts')).href)};
import { createLogger } from ${JSON.stringify(pathToFileURL(join(PROJECT_DIR, 'src/log.ts')).href)};
import { buildServices } from ${JSON.stringify(pathToFileURL(join(PROJECT_DIR, 'src/services.ts')).href)};
const services = await buildServices(loadConfig(process.env), createLogger({ level: 'silent' }));
const loaded = Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/ioredis/'));
// A first job waits for the Redis limiters being built, if any.
await services.llm?.limiter.schedule(1, async () => undefined);
const scope = services.llm?.limiter.scope ?? null;
await services.close();
process.stdout.write(JSON.stringify({ ioredis: loaded, shared: scope }));
`;

describe('loading ioredis', () => {
  let dir: string;
  let script: string;
  let server: RedisServer | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbrief-lazy-'));
    script = join(dir, 'build-services.mts');
    await writeFile(script, SCRIPT);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (env: Record<string, string>) =>
    runScript(script, [], { env: isolatedEnv({ STORE_URL: 'memory', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', LOG_LEVEL: 'silent', ...env }), timeoutMs: 30_000 });

  it('does not happen without REDIS_URL', { timeout: 40_000 }, async () => {
    const result = await run({});
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ ioredis: false, shared: 'process' });
  });

  it.skipIf(!available && !requiredInCi)('happens with REDIS_URL, and the LLM limits are then shared', { timeout: 40_000 }, async () => {
    server = await startRedisServer();
    const result = await run({ REDIS_URL: server.url });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ ioredis: true, shared: 'shared' });
  });
});

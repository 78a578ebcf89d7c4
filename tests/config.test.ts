import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('loadConfig', () => {
  it('applies the CONTRACTS §1 defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      LLM_PROVIDER: 'auto',
      OPENAI_MODEL: 'gpt-4o-mini',
      LLM_TIMEOUT_MS: 60_000,
      LLM_MAX_CONCURRENT: 4,
      LLM_RPM: 60,
      LLM_TPM: 200_000,
      LLM_MAX_RETRIES: 3,
      LLM_CONTEXT_TOKENS: 16_000,
      GUILD_DAILY_TOKENS: 200_000,
      STORE_URL: 'sqlite://./data/newsbrief.sqlite',
      CACHE_URL: 'sqlite://./data/newsbrief.sqlite',
      CACHE_MAX_ITEMS: 5000,
      CACHE_TTL_HOURS: 168,
      FETCH_ALLOW_HOSTS: [],
      FETCH_TIMEOUT_MS: 10_000,
      FETCH_MAX_BYTES: 5_242_880,
      LINK_REPLIES: false,
      USER_RATE_PER_MIN: 6,
      CHANNEL_LINK_COOLDOWN_S: 30,
      DIGEST_MAX_STORIES: 10,
      DIGEST_MAX_FEEDS_PER_GUILD: 20,
      FEED_FAILURES_BEFORE_NOTICE: 5,
      LOG_LEVEL: 'info',
      resolvedProvider: 'extractive',
    });
  });

  it('resolves LLM_PROVIDER=auto to openai when a key or a base URL is set', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).resolvedProvider).toBe('openai');
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).resolvedProvider).toBe('openai');
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', LLM_PROVIDER: 'extractive' }).resolvedProvider).toBe('extractive');
  });

  it('parses lists and booleans', () => {
    const config = loadConfig({ FETCH_ALLOW_HOSTS: ' 127.0.0.1, intranet.example ,10.0.0.0/8', LINK_REPLIES: 'true' });
    expect(config.FETCH_ALLOW_HOSTS).toEqual(['127.0.0.1', 'intranet.example', '10.0.0.0/8']);
    expect(config.LINK_REPLIES).toBe(true);
  });

  it('names every bad variable and never prints its value', () => {
    const secret = 'sk-live-DO-NOT-PRINT';
    let error: unknown;
    try {
      loadConfig({ OPENAI_BASE_URL: secret, LLM_RPM: 'lots', STORE_URL: 'postgres://x', LINK_REPLIES: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['OPENAI_BASE_URL', 'LLM_RPM', 'STORE_URL', 'LINK_REPLIES']) expect(message).toContain(name);
    expect(message).not.toContain(secret);
    expect(message).not.toContain('postgres://x');
  });

  it('is documented variable for variable in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const schemaKeys = Object.keys(configSchema.in.shape);
    expect([...documented].sort()).toEqual([...schemaKeys].sort());
  });
});

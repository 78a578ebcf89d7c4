import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer, type HealthServerOptions } from '../../src/http/health-server.js';
import type { CheckResult, HealthCheck } from '../../src/http/health-check.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { createSecretScrubber } from '../../src/secrets/index.js';
import { captureLog } from '../../test-support/capture-log.js';
import { parsePrometheusText, sampleValue } from '../../test-support/prometheus-text.js';

const ok = (detail?: string): HealthCheck => async () => (detail === undefined ? { ok: true } : { ok: true, detail });
const failing = (detail: string): HealthCheck => async () => ({ ok: false, detail });

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: Partial<HealthServerOptions> = {}) {
  const server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    metrics: createMetrics({ processMetrics: false }).registry,
    checks: { gateway: ok(), stores: ok(), llm: ok() },
    log: captureLog().log,
    ...options,
  });
  servers.push(server);
  const base = `http://127.0.0.1:${server.port}`;
  return { server, base, get: (path: string, init?: RequestInit) => fetch(`${base}${path}`, init) };
}

interface HealthBody {
  status: string;
  checks: Record<string, CheckResult>;
}

describe('GET /healthz', () => {
  it('answers 200 with every part ok', async () => {
    const { get } = await serve({ checks: { gateway: ok('ready, ping 12 ms'), stores: ok(), llm: ok('answered 200') } });
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { gateway: { ok: true, detail: 'ready, ping 12 ms' }, stores: { ok: true }, llm: { ok: true, detail: 'answered 200' } },
    });
  });

  it('answers 503 naming the part that fails, and only that one', async () => {
    const { get } = await serve({ checks: { gateway: ok(), stores: failing('cache: did not read back what was written'), llm: ok() } });
    const response = await get('/healthz');
    expect(response.status).toBe(503);
    const body = (await response.json()) as HealthBody;
    expect(body.status).toBe('failing');
    expect(body.checks.stores).toEqual({ ok: false, detail: 'cache: did not read back what was written' });
    expect(body.checks.gateway?.ok).toBe(true);
    expect(body.checks.llm?.ok).toBe(true);
  });

  it('a check that throws or hangs is failing, and /healthz still answers', async () => {
    const { get } = await serve({
      checkLimitMs: 200,
      checks: { gateway: ok(), stores: () => new Promise<never>(() => undefined), llm: async () => Promise.reject(new Error('socket hang up')) },
    });
    const response = await get('/healthz');
    expect(response.status).toBe(503);
    const body = (await response.json()) as HealthBody;
    expect(body.checks.stores).toEqual({ ok: false, detail: 'stores did not answer within 200 ms' });
    expect(body.checks.llm).toEqual({ ok: false, detail: 'socket hang up' });
  });

  it('never shows a secret a check put in its detail', async () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    const scrubber = createSecretScrubber({ OPENAI_API_KEY: key });
    const { get } = await serve({
      scrub: (text) => scrubber.scrub(text),
      checks: { gateway: ok(), stores: ok(), llm: async () => Promise.reject(new Error(`Incorrect API key provided: ${key}`)) },
    });
    const text = await (await get('/healthz')).text();
    expect(text).not.toContain(key);
    expect(text).toContain('Incorrect API key provided');
  });

  it('ignores a query string', async () => {
    const { get } = await serve();
    expect((await get('/healthz?verbose=1')).status).toBe(200);
  });
});

describe('other paths and methods', () => {
  it('answers 404 to any other path', async () => {
    const { get } = await serve();
    for (const path of ['/', '/health', '/healthz/', '/metrics.json', '/admin']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('answers 405 to other methods, saying which are allowed', async () => {
    const { get } = await serve();
    for (const [path, method] of [['/healthz', 'POST'], ['/metrics', 'DELETE'], ['/healthz', 'PUT']] as const) {
      const response = await get(path, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const { get } = await serve({ checks: { gateway: failing('connecting') } });
    const response = await get('/healthz', { method: 'HEAD' });
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('');
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text that parses, with every named metric, and counts what is observed', async () => {
    const metrics = createMetrics();
    const { get } = await serve({ metrics: metrics.exposition });
    const scrape = async () => {
      const response = await get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(metrics.registry.contentType);
      return parsePrometheusText(await response.text());
    };

    const before = await scrape();
    const names = new Set(before.map((sample) => sample.name));
    for (const name of [
      'newsbrief_llm_calls_total',
      'newsbrief_llm_tokens_total',
      'newsbrief_cache_requests_total',
      'newsbrief_quotes_total',
      'newsbrief_quote_speakers_corrected_total',
      'newsbrief_feed_failures_total',
      'newsbrief_interaction_ack_seconds_count',
      // Process metrics from prom-client's default collectors.
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(sampleValue(before, 'newsbrief_commands_total', { command: 'summarize', outcome: 'ok' })).toBeUndefined();
    expect(sampleValue(before, 'newsbrief_cache_requests_total', { cache: 'summary', result: 'miss' })).toBe(0);

    metrics.commandAnswered('summarize', 'ok');
    metrics.commandAnswered('summarize', 'ok');
    metrics.commandAnswered('summarize', 'refused');
    metrics.interactionAcknowledged(0.04);
    metrics.cacheRequest('summary', 'miss');
    metrics.llmCall({ outcome: 'ok', usage: { promptTokens: 300, completionTokens: 40, totalTokens: 340 } });
    metrics.llmCall({ outcome: 'error', kind: 'malformed', usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } });
    metrics.quotesVerified({ verbatim: 2, repaired: 1, dropped: 3, speakersCleared: 1, speakersReplaced: 0 });
    metrics.digestRun('schedule', 'posted');
    metrics.feedFailure();

    const after = await scrape();
    expect(sampleValue(after, 'newsbrief_commands_total', { command: 'summarize', outcome: 'ok' })).toBe(2);
    expect(sampleValue(after, 'newsbrief_commands_total', { command: 'summarize', outcome: 'refused' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_interaction_ack_seconds_count')).toBe(1);
    expect(sampleValue(after, 'newsbrief_interaction_ack_seconds_bucket', { le: '0.05' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_interaction_ack_seconds_bucket', { le: '0.025' })).toBe(0);
    expect(sampleValue(after, 'newsbrief_cache_requests_total', { cache: 'summary', result: 'miss' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_llm_calls_total', { outcome: 'ok' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_llm_calls_total', { outcome: 'error' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_llm_errors_total', { kind: 'malformed' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_llm_tokens_total', { kind: 'prompt' })).toBe(310);
    expect(sampleValue(after, 'newsbrief_llm_tokens_total', { kind: 'completion' })).toBe(45);
    expect(sampleValue(after, 'newsbrief_quotes_total', { outcome: 'dropped' })).toBe(3);
    expect(sampleValue(after, 'newsbrief_quote_speakers_corrected_total', { correction: 'cleared' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_digest_runs_total', { trigger: 'schedule', outcome: 'posted' })).toBe(1);
    expect(sampleValue(after, 'newsbrief_feed_failures_total')).toBe(1);
  });

  it('keeps two bots in one process apart: each registry counts its own', async () => {
    const first = createMetrics({ processMetrics: false });
    const second = createMetrics({ processMetrics: false });
    first.commandAnswered('quotes', 'ok');
    const read = async (metrics: typeof first) => sampleValue(parsePrometheusText(await metrics.registry.metrics()), 'newsbrief_commands_total', { command: 'quotes', outcome: 'ok' });
    expect(await read(first)).toBe(1);
    expect(await read(second)).toBeUndefined();
  });
});

describe('listening', () => {
  it('says which port it could not take', async () => {
    const { server } = await serve();
    await expect(startHealthServer({ port: server.port, host: '127.0.0.1', metrics: createMetrics({ processMetrics: false }).registry, checks: {}, log: captureLog().log }))
      .rejects.toThrow(`HTTP_PORT ${server.port}: cannot listen on 127.0.0.1:${server.port} (EADDRINUSE)`);
  });
});

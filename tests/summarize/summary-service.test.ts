import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/article/build-article.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildServices, type Services } from '../../src/services.js';
import { LLM_FALLBACK_NOTE } from '../../src/summarize/index.js';
import { apiError, completion, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { scriptedReply } from '../../test-support/scripted-model.js';

const example = readFileSync(new URL('../../examples/briefing.txt', import.meta.url), 'utf8');
const article = articleFromText(example, { kind: 'text', url: null, path: null });
const standard = { length: 'standard', language: null, quotes: true } as const;

let fake: FakeOpenAi;
let services: Services | undefined;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await services?.close();
  services = undefined;
  await fake.close();
});

async function servicesWith(env: Record<string, string> = {}) {
  const config = loadConfig({ OPENAI_BASE_URL: fake.baseUrl, STORE_URL: 'memory', LLM_MAX_RETRIES: '0', ...env });
  services = await buildServices(config, createLogger({ level: 'silent' }));
  return services;
}

describe('summary service', () => {
  it('answers a repeat from the cache and says so', async () => {
    fake.respondWith((body) => completion(scriptedReply(body)));
    const { summaries } = await servicesWith();
    const first = await summaries.summarize(article, standard);
    const second = await summaries.summarize(article, standard);
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(second.result).toEqual(first.result);
    expect(fake.requestCount).toBe(1);
  });

  it('says when only the first part of a huge input was read', async () => {
    const { summaries } = await servicesWith({ LLM_PROVIDER: 'extractive' });
    const cut = await summaries.summarize({ ...article, truncated: { limit: 'length', keptShare: 0.4 } }, standard);
    expect(cut.result.notes[0]).toMatch(/^Only the first 40% of this text was read \([\d,]+ words\): it is too long to summarise whole\.$/);
    const whole = await summaries.summarize(article, standard);
    expect(whole.result.notes.some((note) => note.startsWith('Only the first'))).toBe(false);
  });

  it('keys the cache on every option: another length is another LLM call', async () => {
    fake.respondWith((body) => completion(scriptedReply(body)));
    const { summaries } = await servicesWith();
    await summaries.summarize(article, standard);
    await summaries.summarize(article, { ...standard, length: 'brief' });
    await summaries.summarize(article, { ...standard, quotes: false });
    await summaries.summarize(article, { ...standard, language: 'de' });
    expect(fake.requestCount).toBe(4);
  });

  it('shares one LLM call between 50 concurrent identical requests', async () => {
    fake.respondWith((body) => ({ ...completion(scriptedReply(body)), latencyMs: 100 }));
    const { summaries } = await servicesWith();
    const results = await Promise.all(Array.from({ length: 50 }, () => summaries.summarize(article, standard)));
    expect(fake.requestCount).toBe(1);
    expect(new Set(results.map((summary) => summary.result.headline)).size).toBe(1);
  });

  it('never caches an extractive fallback under the LLM key', async () => {
    fake.reply(apiError(500, 'down'));
    fake.respondWith((body) => completion(scriptedReply(body)));
    const { summaries } = await servicesWith();
    const during = await summaries.summarize(article, standard);
    expect(during.result.notes).toContain(LLM_FALLBACK_NOTE);
    const after = await summaries.summarize(article, standard);
    expect(after).toMatchObject({ cached: false, result: { provider: 'openai' } });
  });

  it('keeps the cache across a restart on a SQLite file', async () => {
    fake.respondWith((body) => completion(scriptedReply(body)));
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'newsbrief-')), 'data', 'cache.sqlite')}`;
    const first = await servicesWith({ STORE_URL: store });
    await first.summaries.summarize(article, standard);
    await first.close();
    const second = await servicesWith({ STORE_URL: store });
    expect((await second.summaries.summarize(article, standard)).cached).toBe(true);
    expect(fake.requestCount).toBe(1);
  });
});

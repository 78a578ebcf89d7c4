/**
 * Run as its own process with --expose-gc by bench:memory: 1,000 summaries of distinct texts
 * through the real services on SQLite, with an LLM endpoint (a fake in this process, its request
 * log cleared as it goes) or without. Prints the heap after a full GC at 100 and at 1,000, as one
 * JSON line: RSS seen from outside also holds garbage not yet collected, this is what is kept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleFromText } from '../../src/article/build-article.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildServices } from '../../src/services.js';
import { completion, startFakeOpenAi } from '../../test-support/fake-openai.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { EXAMPLE_TEXT } from '../../test-support/start-test-bot.js';

const SUMMARIES = 1000;
const WARM_UP = 100;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const withLlm = process.argv[2] === 'llm';

const openai = await startFakeOpenAi();
openai.respondWith((body) => completion(scriptedReply(body)));
const dir = mkdtempSync(join(tmpdir(), 'newsbrief-heap-'));
const config = loadConfig({
  STORE_URL: `sqlite://${join(dir, 'state.sqlite')}`,
  LLM_RPM: '1000000',
  LLM_TPM: '1000000000',
  GUILD_DAILY_TOKENS: '0',
  LOG_LEVEL: 'silent',
  ...(withLlm ? { OPENAI_BASE_URL: openai.baseUrl, OPENAI_API_KEY: 'sk-bench' } : {}),
});
const services = await buildServices(config, createLogger({ level: 'silent' }));
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const samples: Record<string, number> = {};
for (let index = 0; index < SUMMARIES; index++) {
  const article = articleFromText(`${EXAMPLE_TEXT}\n\nThis copy, number ${index}, was filed for the heap check.`, { kind: 'text', url: null, path: null });
  await services.summaries.summarize(article, { length: 'standard', language: null, quotes: true, guildId: 'guild-1' });
  // The fake keeps every request it saw; that is the bench's memory, not the bot's.
  openai.requests.length = 0;
  if (index + 1 === WARM_UP || index + 1 === SUMMARIES) samples[String(index + 1)] = heapMb();
}
await services.close();
await openai.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(samples)}\n`);

/**
 * Run as its own process with --expose-gc by bench:hostile: 1,000 ordinary articles through the
 * offline pipeline (clean, gate, summarise, find quotes) in one process, the services built by
 * the real composition root with the memory stores. Prints the RSS after a full GC every 100
 * articles, as one JSON line, so a leak shows as growth beyond the bounded caches.
 */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildServices } from '../../src/services.js';
import { articleFromText } from '../../src/article/build-article.js';
import { loadSummaryPairs } from './cnndm-pairs.js';

const ARTICLES = 1000;
const EVERY = 100;

const [dataPath] = process.argv.slice(2);
if (!dataPath) throw new Error('usage: load-articles.ts <cnndm pairs.jsonl>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const pairs = await loadSummaryPairs(dataPath);
const services = await buildServices(loadConfig({ STORE_URL: 'memory', CACHE_URL: 'memory', LOG_LEVEL: 'silent' }), createLogger({ level: 'silent' }));
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
gc();
const samples: Array<{ articles: number; rssMb: number }> = [{ articles: 0, rssMb: rssMb() }];
for (let index = 0; index < ARTICLES; index++) {
  const pair = pairs[index % pairs.length]!;
  // A different last line each round: each article is new to the cache, as in a day of real use.
  const text = `${pair.article}\n\nThis report was updated ${index} times.`;
  const article = articleFromText(text, { kind: 'text', url: null, path: null }, { applyGate: false });
  await services.summaries.summarize(article, { length: 'standard', language: null, quotes: true, provider: 'extractive' });
  if ((index + 1) % EVERY === 0) {
    gc();
    samples.push({ articles: index + 1, rssMb: rssMb() });
  }
}
await services.close();
process.stdout.write(`${JSON.stringify({ samples })}\n`);

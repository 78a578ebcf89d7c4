/**
 * Quote benchmark: the quote finder and the LLM quote path against our hand-annotated gold set
 * (bench/quotes-gold), on the eval articles in ../shared. Reports quote recall, quotes printed
 * that are not quotes, and for quotes whose true speaker is named: right, short, wrong and unattributed.
 * npm run bench:quotes -- [--data DIR] [--report FILE]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { benchOptions, resolveBenchPaths, runBench } from './lib/bench-args.js';
import { loadGoldArticles, type GoldArticle } from './lib/gold-quotes.js';
import { isDataMissing, readJsonFile, writeJsonFile } from './lib/json-files.js';
import { loadSummaryPairs } from './lib/cnndm-pairs.js';
import { printTable } from './lib/print-table.js';
import { modelQuotesFor } from './lib/speaker-model.js';
import { addCounts, emptyCounts, scoreArticle, type FoundQuote, type QuoteCounts } from './metrics/score-quotes.js';

const GOLD_DIR = fileURLToPath(new URL('./quotes-gold/', import.meta.url));

async function loadTexts(dataDir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const truth = (await readJsonFile(path.join(dataDir, 'aeb', 'ground-truth.json'))) as Record<string, { articleBody: string }>;
  for (const [id, page] of Object.entries(truth)) texts.set(id, page.articleBody);
  for (const pair of await loadSummaryPairs(path.join(dataDir, 'cnndm'))) texts.set(pair.id, pair.article);
  return texts;
}

/** Speakers the LLM path's check replaced or removed, of those the fake model gave. */
const corrections = { count: 0, given: 0 };

/** Imported once the data is known to exist, so that a missing folder never depends on src/ loading. */
async function loadPaths() {
  const { articleFromText } = await import('../src/article/build-article.js');
  const { findQuotes } = await import('../src/quotes/index.js');
  const { createKeyQuotesService } = await import('../src/summarize/key-quotes-service.js');
  const { loadPromptRegistry } = await import('../src/llm/prompt-registry.js');
  const { OUTPUT_SCHEMAS } = await import('../src/summarize/output-schemas.js');
  const { PROMPTS_DIR } = await import('../src/services.js');
  const { createLogger } = await import('../src/log.js');
  const { createRecordingLlm } = await import('../test-support/recording-llm.js');
  const prompts = await loadPromptRegistry({ dir: PROMPTS_DIR, schemas: OUTPUT_SCHEMAS });
  const log = createLogger({ level: 'silent' });
  const cleaned = (text: string) => articleFromText(text, { kind: 'text', url: null, path: null }, { applyGate: false });

  return {
    extractive: async (_gold: GoldArticle, text: string): Promise<FoundQuote[]> => findQuotes(cleaned(text).text),
    llm: async (gold: GoldArticle, text: string): Promise<FoundQuote[]> => {
      const article = cleaned(text);
      const answer = modelQuotesFor(gold, article.text);
      const llm = createRecordingLlm(() => ({ quotes: answer.quotes, language: 'en' }));
      const service = createKeyQuotesService({ llm, prompts, log });
      const result = await service.keyQuotes(article);
      for (const note of result.notes) corrections.count += Number(/^Corrected (\d+) quote/.exec(note)?.[1] ?? 0);
      corrections.given += answer.modes.filter((mode) => mode !== 'missing').length;
      return result.quotes;
    },
  };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}

function row(name: string, counts: QuoteCounts): string[] {
  return [
    name,
    String(counts.gold),
    (counts.gold === 0 ? 0 : (counts.named + counts.unnamed) / counts.gold).toFixed(3),
    percent(counts.notQuotes, counts.foundScored),
    String(counts.named),
    percent(counts.right, counts.named),
    percent(counts.short, counts.named),
    percent(counts.wrong, counts.named),
    percent(counts.unattributed, counts.named),
    percent(counts.unnamedGivenSpeaker, counts.unnamed),
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: benchOptions });
  const paths = resolveBenchPaths(values, '../shared/eval');
  if (isDataMissing('bench:quotes', paths.data)) return;
  const gold = await loadGoldArticles(GOLD_DIR);
  const texts = await loadTexts(paths.data);
  const systems = await loadPaths();
  const report: Record<string, { all: QuoteCounts; aeb: QuoteCounts; cnndm: QuoteCounts }> = {};
  for (const [name, run] of Object.entries(systems)) {
    const totals = { all: emptyCounts(), aeb: emptyCounts(), cnndm: emptyCounts() };
    for (const article of gold) {
      const text = texts.get(article.id);
      if (text === undefined) throw new Error(`gold article ${article.id} is not in ${paths.data}`);
      const counts = scoreArticle(article.quotes, await run(article, text));
      totals.all = addCounts(totals.all, counts);
      totals[article.source] = addCounts(totals[article.source], counts);
    }
    report[name] = totals;
  }

  const quotes = gold.reduce((sum, article) => sum + article.quotes.filter((quote) => quote.kind === 'speech').length, 0);
  console.log(`bench:quotes: ${gold.length} articles, ${quotes} gold quotes (bench/quotes-gold), texts from ${paths.data}`);
  const header = ['path', 'gold', 'recall', 'not quotes', 'named', 'right', 'short', 'wrong', 'none', 'named unnamed'];
  const rows = Object.entries(report).flatMap(([name, totals]) => [
    row(name, totals.all),
    row(`  aeb`, totals.aeb),
    row(`  cnndm`, totals.cnndm),
  ]);
  printTable(header, rows);
  console.log('right/short/wrong/none: of matched quotes whose gold speaker is named; short = part of the full name.');
  console.log('named unnamed: of matched quotes whose article names no speaker, how many we gave one.');
  console.log(
    `llm: the fake model named a speaker for ${corrections.given} quotes (right, wrong and surname-only in turn); the check corrected ${corrections.count} of them.`,
  );
  if (paths.report) await writeJsonFile(paths.report, report);
}

await runBench('bench:quotes', main);

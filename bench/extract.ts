/**
 * Article extraction benchmark: our extractor and plain Readability, side by side on the same pages.
 * npm run bench:extract -- [--data DIR] [--out FILE] [--report FILE] [--dom linkedom|jsdom] [--only ours|readability]
 *
 * Peak RSS belongs to the whole process. To compare DOMs, run `--only readability` once per `--dom`,
 * each in its own process. `--out` holds our texts, or Readability's under `--only readability`.
 */
import { parseArgs } from 'node:util';
import { loadAebPages, type AebPage } from './lib/aeb-pages.js';
import { countGateRejections, describeRejections } from './lib/count-gate-rejections.js';
import { benchOptions, pickChoice, resolveBenchPaths, runBench } from './lib/bench-args.js';
import { isDataMissing, writeJsonFile } from './lib/json-files.js';
import { domNames, loadPlainReadability, type DomName } from './lib/plain-readability.js';
import { printTable, round } from './lib/print-table.js';
import { peakRssMegabytes, runOverItems } from './lib/run-over-items.js';
import { matchShingles, scoreExtraction } from './metrics/shingle-f1.js';

interface System {
  name: string;
  extract: (page: AebPage) => string;
}

function readOptions() {
  const { values } = parseArgs({
    options: { ...benchOptions, dom: { type: 'string', default: 'linkedom' }, only: { type: 'string' } },
  });
  return {
    paths: resolveBenchPaths(values, '../shared/eval/aeb'),
    dom: pickChoice('dom', values.dom, domNames),
    only: values.only === undefined ? null : pickChoice('only', values.only, ['ours', 'readability']),
  };
}

function sourceOf(page: AebPage) {
  return { kind: 'url' as const, url: page.url, path: null };
}

async function loadSystems(dom: DomName, only: 'ours' | 'readability' | null): Promise<System[]> {
  const systems: System[] = [];
  // Imported on demand, so that `--only readability` measures Readability's DOM and nothing else.
  if (only !== 'readability') {
    const { articleFromHtml } = await import('../src/article/build-article.js');
    // Extraction and cleaning, as the product runs them; the gate is scored apart (CONTRACTS §3).
    systems.push({ name: 'ours', extract: (page) => articleFromHtml(page.readHtml(), sourceOf(page), { applyGate: false }).text });
  }
  if (only !== 'ours') {
    const extractText = await loadPlainReadability(dom);
    systems.push({ name: `readability (${dom})`, extract: (page) => extractText(page.readHtml(), page.url) });
  }
  return systems;
}

/** Runs after the timed pass, so the speed and memory figures stay those of extraction alone. */
async function measureGate(pages: readonly AebPage[]) {
  const { articleFromHtml } = await import('../src/article/build-article.js');
  return countGateRejections(pages, (page) => articleFromHtml(page.readHtml(), sourceOf(page)));
}

async function main(): Promise<void> {
  const { paths, dom, only } = readOptions();
  if (isDataMissing('bench:extract', paths.data)) return;
  const pages = await loadAebPages(paths.data);
  const scored = pages.every((page) => page.truth !== null);
  const runs = (await loadSystems(dom, only)).map((system) => ({ name: system.name, ...runOverItems(pages, system.extract, '') }));

  const figures = runs.map((run) => {
    const score = scored ? scoreExtraction(pages.map((page, index) => matchShingles(page.truth ?? '', run.outputs[index] ?? ''))) : null;
    return {
      system: run.name,
      f1: score && round(score.f1, 3),
      precision: score && round(score.precision, 3),
      recall: score && round(score.recall, 3),
      pagesPerSecond: round(pages.length / run.seconds, 1),
      errors: run.errors,
      firstError: run.firstError,
    };
  });
  const peakRssMb = Math.round(peakRssMegabytes());
  const gate = only === 'readability' ? null : await measureGate(pages);

  console.log(`bench:extract: ${pages.length} pages from ${paths.data}${scored ? '' : ' (no ground-truth.json: no scores)'}`);
  const show = (value: number | null) => (value === null ? '-' : value.toFixed(3));
  printTable(
    ['system', 'F1', 'precision', 'recall', 'pages/s', 'errors'],
    figures.map((row) => [row.system, show(row.f1), show(row.precision), show(row.recall), row.pagesPerSecond.toFixed(1), String(row.errors)]),
  );
  for (const row of figures) if (row.firstError) console.log(`${row.system}: first error: ${row.firstError}`);
  console.log(`peak RSS ${peakRssMb} MB (whole process${runs.length > 1 ? ', all systems' : ''})`);
  if (gate) console.log(describeRejections(gate, pages.length));

  const written = runs[0];
  if (paths.out && written) {
    const bodies = Object.fromEntries(pages.map((page, index) => [page.id, { articleBody: written.outputs[index] ?? '' }]));
    await writeJsonFile(paths.out, bodies);
  }
  if (paths.report) await writeJsonFile(paths.report, { benchmark: 'extract', data: paths.data, pages: pages.length, dom, systems: figures, peakRssMb, gateRejections: gate });
}

await runBench('bench:extract', main);

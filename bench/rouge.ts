/**
 * Summary benchmark: our extractive summariser against Lead-3, ROUGE F1 with stemming, same pairs.
 * npm run bench:rouge -- [--data FILE|DIR] [--out FILE] [--report FILE]
 */
import { parseArgs } from 'node:util';
import { benchOptions, resolveBenchPaths, runBench } from './lib/bench-args.js';
import { loadSummaryPairs, type SummaryPair } from './lib/cnndm-pairs.js';
import { countGateRejections, describeRejections } from './lib/count-gate-rejections.js';
import { isDataMissing, writeJsonFile } from './lib/json-files.js';
import { printTable, round } from './lib/print-table.js';
import { runOverItems } from './lib/run-over-items.js';
import { scoreRouge } from './metrics/rouge.js';

/** ROUGE-Lsum splits on newlines, so a sentence must not carry one of its own. */
function oneSentencePerLine(sentences: readonly string[]): string {
  return sentences.map((sentence) => sentence.replace(/\s*\n\s*/g, ' ').trim()).join('\n');
}

/** Imported once the data is known to exist, so that a missing folder never depends on src/ loading. */
async function loadSystems() {
  const { summarizeSentences } = await import('../src/summarize/index.js');
  const { splitSentences } = await import('../src/text/index.js');
  return [
    { name: 'ours', summarize: (pair: SummaryPair) => oneSentencePerLine(summarizeSentences(pair.article, 'standard', null)) },
    { name: 'lead-3', summarize: (pair: SummaryPair) => oneSentencePerLine(splitSentences(pair.article).slice(0, 3)) },
  ];
}

function meanF1(summaries: readonly string[], pairs: readonly SummaryPair[]) {
  const totals = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
  pairs.forEach((pair, index) => {
    const scores = scoreRouge(summaries[index] ?? '', pair.reference, { stem: true });
    totals.rouge1 += scores.rouge1.f1;
    totals.rouge2 += scores.rouge2.f1;
    totals.rougeLsum += scores.rougeLsum.f1;
  });
  const asPercent = (total: number) => (pairs.length === 0 ? 0 : (100 * total) / pairs.length);
  return { rouge1: asPercent(totals.rouge1), rouge2: asPercent(totals.rouge2), rougeLsum: asPercent(totals.rougeLsum) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: benchOptions });
  const paths = resolveBenchPaths(values, '../shared/eval/cnndm/pairs.jsonl');
  if (isDataMissing('bench:rouge', paths.data)) return;
  const pairs = await loadSummaryPairs(paths.data);
  const runs = (await loadSystems()).map((system) => ({ name: system.name, ...runOverItems(pairs, system.summarize, '') }));
  const means = runs.map((run) => ({ system: run.name, errors: run.errors, firstError: run.firstError, ...meanF1(run.outputs, pairs) }));
  const [ours, lead3] = means;
  if (!ours || !lead3) return;
  const difference = {
    rouge1: ours.rouge1 - lead3.rouge1,
    rouge2: ours.rouge2 - lead3.rouge2,
    rougeLsum: ours.rougeLsum - lead3.rougeLsum,
  };

  console.log(`bench:rouge: ${pairs.length} pairs from ${paths.data} (F1 x100, Porter-stemmed)`);
  const fixed = (value: number) => value.toFixed(2);
  const signed = (value: number) => {
    const shown = round(value, 2) || 0; // never "-0.00"
    return (shown > 0 ? '+' : '') + shown.toFixed(2);
  };
  printTable(['system', 'R1', 'R2', 'RLsum', 'errors'], [
    ...means.map((row) => [row.system, fixed(row.rouge1), fixed(row.rouge2), fixed(row.rougeLsum), String(row.errors)]),
    ['ours - lead-3', signed(difference.rouge1), signed(difference.rouge2), signed(difference.rougeLsum), ''],
  ]);
  for (const row of means) if (row.firstError) console.log(`${row.system}: first error: ${row.firstError}`);
  const { articleFromText } = await import('../src/article/build-article.js');
  const gate = countGateRejections(pairs, (pair) => articleFromText(pair.article, { kind: 'text', url: null, path: null }));
  console.log(describeRejections(gate, pairs.length));

  const ourSummaries = runs[0]?.outputs ?? [];
  if (paths.out) await writeJsonFile(paths.out, Object.fromEntries(pairs.map((pair, index) => [pair.id, ourSummaries[index] ?? ''])));
  if (paths.report) {
    const rounded = (figures: typeof difference) => ({ rouge1: round(figures.rouge1, 2), rouge2: round(figures.rouge2, 2), rougeLsum: round(figures.rougeLsum, 2) });
    await writeJsonFile(paths.report, {
      benchmark: 'rouge',
      data: paths.data,
      pairs: pairs.length,
      stemmed: true,
      systems: means.map((row) => ({ system: row.system, errors: row.errors, firstError: row.firstError, ...rounded(row) })),
      difference: rounded(difference),
      gateRejections: gate,
    });
  }
}

await runBench('bench:rouge', main);

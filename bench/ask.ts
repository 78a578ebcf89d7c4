/**
 * Ask-the-article benchmark: twenty questions of our own (bench/lib/ask-questions.ts) about
 * articles in ../shared/eval/cnndm, answered by the offline path (BM25 passages) and by the LLM
 * path with a fake model that cites the article word for word, nearly, paraphrased or not at all
 * (bench/lib/ask-model.ts). Prints how many answers carry verified support, how many are right,
 * and how many printed passages are not word for word in the article, which must be 0.
 * npm run bench:ask -- [--data DIR] [--report FILE]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ASK_QUESTIONS, type AskQuestion } from './lib/ask-questions.js';
import { createAskModel, SUPPORT_MODES, type SupportMode } from './lib/ask-model.js';
import { benchOptions, resolveBenchPaths, runBench } from './lib/bench-args.js';
import { loadSummaryPairs } from './lib/cnndm-pairs.js';
import { isDataMissing, writeJsonFile } from './lib/json-files.js';
import { printTable } from './lib/print-table.js';

interface PathCounts {
  questions: number;
  /** Answers with at least one passage (kind `answer` or `passages`). */
  withSupport: number;
  /** Of the answerable questions, answers with a passage that holds the expected words. */
  right: number;
  answerable: number;
  /** Of the questions the article does not answer, those answered "The article doesn't say." */
  rightlyNotFound: number;
  unanswerable: number;
  /** Passages printed in all: and those not word for word in the article (must be 0). */
  passages: number;
  unverified: number;
}

const emptyCounts = (): PathCounts => ({ questions: 0, withSupport: 0, right: 0, answerable: 0, rightlyNotFound: 0, unanswerable: 0, passages: 0, unverified: 0 });

/** Imported once the data is known to exist, so that a missing folder never depends on src/ loading. */
async function loadPaths() {
  const { default: Keyv } = await import('keyv');
  const { articleFromText } = await import('../src/article/build-article.js');
  const { createInFlight } = await import('../src/cache/in-flight.js');
  const { createTypedCache } = await import('../src/cache/typed-cache.js');
  const { countTextTokens } = await import('../src/llm/count-tokens.js');
  const { loadPromptRegistry } = await import('../src/llm/prompt-registry.js');
  const { createLogger } = await import('../src/log.js');
  const { PROMPTS_DIR } = await import('../src/services.js');
  const { answerResultSchema, createAnswerService, OUTPUT_SCHEMAS } = await import('../src/summarize/index.js');
  type AnswerResult = import('../src/summarize/index.js').AnswerResult;
  const { createRecordingLlm } = await import('../test-support/recording-llm.js');
  const prompts = await loadPromptRegistry({ dir: PROMPTS_DIR, schemas: OUTPUT_SCHEMAS });
  const log = createLogger({ level: 'silent' });
  const model = createAskModel();
  const fenced = (content: string, name: string) => new RegExp(`<${name}>\\n([\\s\\S]*?)\\n</${name}>`).exec(content)?.[1] ?? '';
  const llm = createRecordingLlm((request) => {
    const user = request.messages.find((message) => message.role === 'user')?.content ?? '';
    return model.answer(fenced(user, 'article').replace(/^Title: [^\n]*\n\n/, ''), fenced(user, 'question'));
  });
  const service = (withModel: boolean) =>
    createAnswerService({
      llm: withModel ? llm : null,
      prompts,
      log,
      cache: createTypedCache<AnswerResult>(new Keyv(), answerResultSchema),
      inFlight: createInFlight<AnswerResult>(),
      contextTokens: 16_000,
      countTokens: countTextTokens,
    });
  return {
    model,
    cleaned: (text: string) => articleFromText(text, { kind: 'text', url: null, path: null }, { applyGate: false }),
    systems: { extractive: service(false), 'llm (fake)': service(true) },
  };
}

function score(counts: PathCounts, item: AskQuestion, result: { kind: string; support: string[] }, articleText: string): void {
  counts.questions += 1;
  if (result.support.length > 0) counts.withSupport += 1;
  counts.passages += result.support.length;
  counts.unverified += result.support.filter((passage) => !articleText.includes(passage)).length;
  if (item.expect === null) {
    counts.unanswerable += 1;
    if (result.kind === 'not-found') counts.rightlyNotFound += 1;
  } else {
    counts.answerable += 1;
    const expected = item.expect.toLowerCase();
    if (result.support.some((passage) => passage.toLowerCase().includes(expected))) counts.right += 1;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: benchOptions });
  const paths = resolveBenchPaths(values, '../shared/eval');
  if (isDataMissing('bench:ask', paths.data)) return;
  const pairs = new Map((await loadSummaryPairs(path.join(paths.data, 'cnndm'))).map((pair) => [pair.id, pair.article]));
  const { model, cleaned, systems } = await loadPaths();
  const report: Record<string, PathCounts> = {};
  const byMode = new Map<SupportMode, PathCounts>(SUPPORT_MODES.map((mode) => [mode, emptyCounts()]));
  for (const [name, service] of Object.entries(systems)) {
    const counts = emptyCounts();
    for (const item of ASK_QUESTIONS) {
      const text = pairs.get(item.article);
      if (text === undefined) throw new Error(`article ${item.article} is not in ${paths.data}/cnndm`);
      const article = cleaned(text);
      const calls = model.calls;
      const { result } = await service.answer(article, item.question);
      score(counts, item, result, article.text);
      // Answers the fake model gave, by how it cited the article.
      const mode = model.lastMode;
      if (model.calls > calls && mode !== null) score(byMode.get(mode) ?? emptyCounts(), item, result, article.text);
    }
    report[name] = counts;
  }

  const articles = new Set(ASK_QUESTIONS.map((item) => item.article)).size;
  console.log(`bench:ask: ${ASK_QUESTIONS.length} questions (bench/lib/ask-questions.ts) about ${articles} articles of ${paths.data}/cnndm`);
  printTable(
    ['path', 'questions', 'with verified support', 'right (answerable)', "doesn't say (unanswerable)", 'passages', 'not verbatim'],
    Object.entries(report).map(([name, counts]) => [
      name,
      String(counts.questions),
      String(counts.withSupport),
      `${counts.right}/${counts.answerable}`,
      `${counts.rightlyNotFound}/${counts.unanswerable}`,
      String(counts.passages),
      String(counts.unverified),
    ]),
  );
  console.log('llm (fake), by how the model cited the article:');
  printTable(
    ['  cited', 'questions', 'with verified support', 'passages printed', 'not verbatim'],
    [...byMode].map(([mode, counts]) => [`  ${mode}`, String(counts.questions), String(counts.withSupport), String(counts.passages), String(counts.unverified)]),
  );
  const sent = model.sent;
  console.log(
    `llm (fake): the model cited ${sent.verbatim} passages word for word, ${sent.near} nearly (one word in five changed), ${sent.paraphrased} paraphrased and ${sent.invented} made up; ` +
      'near ones are printed in the article’s words, paraphrased and made-up ones are dropped, and an answer left with none is "The article doesn\'t say."',
  );
  const unverified = Object.values(report).reduce((sum, counts) => sum + counts.unverified, 0);
  console.log(`passages printed that are not word for word in the article: ${unverified}`);
  if (paths.report) await writeJsonFile(paths.report, { ...report, fakeModelByMode: Object.fromEntries(byMode), fakeModelSupport: sent });
  if (unverified > 0) process.exitCode = 1;
}

await runBench('bench:ask', main);

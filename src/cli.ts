import { tooLarge } from './article/content-type.js';
import type { Article } from './article/types.js';
import { parseCliArgs, type CliOptions } from './cli/parse-cli-args.js';
import { articleToJson, summaryToJson } from './cli/summary-json.js';
import { renderArticleText, renderSummaryText } from './cli/render-text.js';
import { loadConfig } from './config.js';
import { ConfigError, UserFacingError } from './errors.js';
import { createLogger } from './log.js';
import { buildServices, type Services } from './services.js';
import { loadProjectEnv } from './project-env.js';
import { createSecretScrubber, type SecretScrubber } from './secrets/index.js';

const EXIT_BAD_INPUT = 2;
const EXIT_FAILURE = 1;

async function main(argv: readonly string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  let services: Services | undefined;
  // Everything this process prints passes through it: the answer, errors, the stack with --verbose, logs.
  let secrets = createSecretScrubber(process.env);
  try {
    const parsed = parseCliArgs(argv);
    if (parsed.help) {
      process.stdout.write(`${parsed.usage}\n`);
      return 0;
    }
    const envFile = loadProjectEnv();
    // From the environment, before it is validated, so that a configuration error is scrubbed too.
    secrets = createSecretScrubber(process.env);
    const config = loadConfig(process.env);
    // Logs go to stderr so that stdout holds only the answer (one JSON object under --json).
    const log = createLogger({ level: config.LOG_LEVEL, fd: 2, scrubber: secrets });
    if (envFile) log.info({ envFile }, `settings from ${envFile}`);
    services = await buildServices(config, log);
    const output = await run(parsed.options, services);
    process.stdout.write(`${secrets.scrub(output)}\n`);
    return 0;
  } catch (error) {
    return reportError(error, { json: wantsJson, verbose, secrets });
  } finally {
    await services?.close();
  }
}

async function run(options: CliOptions, services: Services): Promise<string> {
  const article = await loadArticle(options.input, services);
  if (options.extractOnly) {
    return options.json ? JSON.stringify(articleToJson(article), null, 2) : renderArticleText(article);
  }
  const provider = options.provider === null || options.provider === 'auto' ? undefined : options.provider;
  const started = performance.now();
  const summary = await services.summaries.summarize(article, {
    length: options.length,
    language: options.language,
    quotes: options.quotes,
    ...(provider ? { provider } : {}),
  });
  services.log.debug(
    { source: article.source, provider: summary.result.provider, ...summary.stats, quotes: summary.result.quotes.length, ms: Math.round(performance.now() - started) },
    'summarised',
  );
  return options.json ? JSON.stringify(summaryToJson(summary), null, 2) : renderSummaryText(summary);
}

async function loadArticle(input: string, services: Services): Promise<Article> {
  if (input === '-') {
    const bytes = await readCapped(process.stdin, services.config.FETCH_MAX_BYTES);
    return services.articles.fromBytes(bytes, { kind: 'stdin', url: null, path: null });
  }
  if (/^[a-z][a-z\d+.-]*:/i.test(input) && !/^[a-z]:[\\/]/i.test(input)) return services.articles.fromUrl(input);
  return services.articles.fromFile(input);
}

/** Reads standard input as bytes, so its charset is decoded like a file's, and stops at the size cap. */
async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) throw tooLarge(maxBytes, 'input');
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function reportError(error: unknown, { json, verbose, secrets }: { json: boolean; verbose: boolean; secrets: SecretScrubber }): number {
  const known = error instanceof UserFacingError;
  const code = known ? error.code : error instanceof ConfigError ? 'config' : 'internal';
  const said = known || error instanceof ConfigError ? error.message : `Unexpected error: ${(error as Error)?.message ?? String(error)}`;
  // An unexpected error's message is whatever a library or a server wrote, and may quote a key.
  const message = secrets.scrub(said);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`error: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${secrets.scrub(error.stack)}\n`);
  // A bad configuration (a malformed variable, a store that cannot be opened) is input to fix too.
  return (known && error.badInput) || error instanceof ConfigError ? EXIT_BAD_INPUT : EXIT_FAILURE;
}

process.exitCode = await main(process.argv.slice(2));

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';

const USAGE = `Usage: npm run summarize -- [options] <url|file|->

Options:
  --length brief|standard|detailed   summary length (default: standard)
  --language <BCP-47>                output language (default: the article's own)
  --provider auto|openai|extractive  summariser (default: LLM_PROVIDER)
  --no-quotes                        leave out key quotes
  --json                             print one JSON object
  --extract-only                     print the cleaned article, no summary
  --verbose                          stack traces on errors
  -h, --help                         this help`;

const cliOptions = z.object({
  input: z.string().min(1),
  length: z.enum(['brief', 'standard', 'detailed']),
  language: z.string().min(2).nullable(),
  provider: z.enum(['auto', 'openai', 'extractive']).nullable(),
  quotes: z.boolean(),
  json: z.boolean(),
  extractOnly: z.boolean(),
  verbose: z.boolean(),
});

export type CliOptions = z.infer<typeof cliOptions>;

export type ParsedCli = { help: true; usage: string } | { help: false; options: CliOptions };

/** CONTRACTS §2. Bad flags are bad input (exit 2), with the usage text attached. */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        length: { type: 'string' },
        language: { type: 'string' },
        provider: { type: 'string' },
        'no-quotes': { type: 'boolean' },
        json: { type: 'boolean' },
        'extract-only': { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UserFacingError('bad_arguments', `${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true, usage: USAGE };
  if (positionals.length !== 1) {
    throw new UserFacingError('bad_arguments', `Give exactly one URL, file or "-" for standard input.\n\n${USAGE}`);
  }
  const result = cliOptions.safeParse({
    input: positionals[0],
    length: values.length ?? 'standard',
    language: values.language ?? null,
    provider: values.provider ?? null,
    quotes: !values['no-quotes'],
    json: values.json ?? false,
    extractOnly: values['extract-only'] ?? false,
    verbose: values.verbose ?? false,
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = String(issue?.path[0] ?? 'input').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new UserFacingError('bad_arguments', `--${flag}: ${issue?.message ?? 'invalid'}\n\n${USAGE}`);
  }
  if (result.data.language) {
    try {
      Intl.getCanonicalLocales(result.data.language);
    } catch {
      throw new UserFacingError('bad_arguments', `--language: "${result.data.language}" is not a BCP-47 language tag.`);
    }
  }
  return { help: false, options: result.data };
}

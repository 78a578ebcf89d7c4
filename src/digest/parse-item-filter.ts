import { shortenForMessage } from '../article/shorten-for-message.js';
import { UserFacingError } from '../errors.js';
import type { FilterRule } from './item-filter.js';
import { compileFilterRegex, foldText, hasWords } from './match-item-filter.js';

/** Terms in one include or exclude; more is a list no one can read back in `/digest list`. */
export const MAX_FILTER_TERMS = 20;
export const MAX_FILTER_TERM_CHARS = 100;
/** Together with the linear-time engine, this keeps a regex's compiled program small. */
export const MAX_FILTER_REGEX_CHARS = 200;

const REGEX_FORM = /^\/(.*)\/([A-Za-z]*)$/s;
const EXAMPLE = 'for example `/elect(ion|ed)/i`';

/**
 * Reads what a person typed as `include` or `exclude`: comma-separated words or phrases, or one
 * `/regex/` (`/regex/i` too; it ignores case either way). Refuses, with a message that says why, a
 * regex that does not compile on the linear-time engine (backreferences and lookarounds, which
 * only a backtracking engine runs, among them), one that would match every item, and terms with
 * nothing to match.
 */
export function parseFilterRule(text: string, option: 'include' | 'exclude'): FilterRule {
  const typed = text.trim();
  if (typed.startsWith('/')) return { kind: 'regex', source: parseRegex(typed, option) };

  const seen = new Set<string>();
  const terms: string[] = [];
  for (const part of typed.split(',')) {
    const term = part.replace(/\s+/g, ' ').trim();
    if (term === '') continue;
    if (term.length > MAX_FILTER_TERM_CHARS) {
      throw refusal(`Each \`${option}\` word or phrase is at most ${MAX_FILTER_TERM_CHARS} characters; “${shortenForMessage(term, 40)}” is ${term.length}.`);
    }
    if (!hasWords(term)) throw refusal(`“${shortenForMessage(term, 40)}” in \`${option}\` has no letters or digits to match.`);
    const key = foldText(term);
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  if (terms.length === 0) throw refusal(`\`${option}\` needs at least one word or phrase (separate several with commas), or one regex, ${EXAMPLE}.`);
  if (terms.length > MAX_FILTER_TERMS) throw refusal(`\`${option}\` takes at most ${MAX_FILTER_TERMS} words or phrases; that was ${terms.length}.`);
  return { kind: 'terms', terms };
}

/** A rule as `/digest list` and the replies show it: `budget, city council` or `/elect(ion|ed)/i`. */
export function describeFilterRule(rule: FilterRule): string {
  return rule.kind === 'regex' ? `/${rule.source}/i` : rule.terms.join(', ');
}

function parseRegex(typed: string, option: string): string {
  const form = REGEX_FORM.exec(typed);
  if (!form) throw refusal(`A regex in \`${option}\` goes between two slashes, ${EXAMPLE}. For words that start with a slash, leave the slash out.`);
  const [, source = '', flags = ''] = form;
  if (flags !== '' && flags.toLowerCase() !== 'i') {
    throw refusal(`A filter regex takes no flags but \`i\` (it ignores case anyway); \`${shortenForMessage(flags, 10)}\` is not accepted.`);
  }
  if (source === '') throw refusal(`That regex is empty, so it would match every item. Write what to match between the slashes, ${EXAMPLE}.`);
  if (source.length > MAX_FILTER_REGEX_CHARS) throw refusal(`A filter regex is at most ${MAX_FILTER_REGEX_CHARS} characters; that one is ${source.length}.`);
  let test: (text: string) => boolean;
  try {
    test = compileFilterRegex(source);
  } catch (error) {
    throw refusal(regexProblem(error, source), error);
  }
  if (test('')) throw refusal('That regex matches an empty text, so it would match every item. Make it match at least one character, for example `+` instead of `*`.');
  return source;
}

/** Why the engine refused a pattern, in words a server manager can act on. */
function regexProblem(error: unknown, source: string): string {
  const detail = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp:\s*/i, '');
  const why = 'Filters run on a linear-time regex engine (RE2), so that no pattern can stall the bot';
  if (/invalid escape sequence: `\\([1-9]|k)/.test(detail)) return `Backreferences such as \`\\1\` are not supported. ${why}.`;
  // The engine names a lookbehind a bad group name; the pattern itself says what was meant.
  if (/\(\?<?[=!]/.test(source)) return `Lookaheads and lookbehinds such as \`(?=…)\` are not supported. ${why}.`;
  if (/invalid repeat count/.test(detail)) return `A repeat count goes up to 1000, and nested repeats may not multiply past it. ${why}.`;
  return `That regex is not valid: ${shortenForMessage(detail, 150)}.`;
}

function refusal(message: string, cause?: unknown): UserFacingError {
  return new UserFacingError('bad_filter', message, cause === undefined ? {} : { cause });
}

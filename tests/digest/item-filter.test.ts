import { describe, expect, it } from 'vitest';
import type { ItemFilter } from '../../src/digest/item-filter.js';
import { compileItemFilter, type FilterableItem } from '../../src/digest/match-item-filter.js';
import { describeFilterRule, MAX_FILTER_REGEX_CHARS, MAX_FILTER_TERMS, parseFilterRule } from '../../src/digest/parse-item-filter.js';
import { isolatedEnv, PROJECT_DIR, runScript } from '../../test-support/run-cli.js';
import { userFacingErrorOf } from '../../test-support/user-facing-error.js';

/**
 * The feed filter's matcher and parser: whole words and phrases in any case, in the title, the
 * description and the categories; one regex on a linear-time engine; refusals with reasons.
 */

/** `run` throws a UserFacingError with this code and a message that matches. */
function expectUserFacingError(run: () => unknown, code: string, message: RegExp): void {
  const error = userFacingErrorOf(run);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

const item = (title: string, more: Partial<FilterableItem> = {}): FilterableItem => ({ title, ...more });

/** Whether `filter`, typed as in /digest filter, keeps `subject`. */
function keeps(filter: { include?: string; exclude?: string }, subject: FilterableItem): boolean {
  const parsed: ItemFilter = {
    include: filter.include === undefined ? null : parseFilterRule(filter.include, 'include'),
    exclude: filter.exclude === undefined ? null : parseFilterRule(filter.exclude, 'exclude'),
  };
  return compileItemFilter(parsed)(subject);
}

describe('words and phrases', () => {
  it('match whole words only, in any case and through punctuation', () => {
    expect(keeps({ include: 'art' }, item('Art fair opens on Sunday'))).toBe(true);
    expect(keeps({ include: 'art' }, item('Smart meters for every flat'))).toBe(false);
    expect(keeps({ include: 'art' }, item('Partial results are in'))).toBe(false);
    expect(keeps({ include: 'NASA' }, item('nasa delays the launch'))).toBe(true);
    expect(keeps({ include: 'biden' }, item("BIDEN'S budget, explained"))).toBe(true);
    expect(keeps({ include: 'covid-19' }, item('New Covid 19 rules'))).toBe(true);
    // Compatibility forms fold: a full-width "ＡＩ" typed on a Japanese keyboard is "ai".
    expect(keeps({ include: 'ＡＩ' }, item('The AI act passes'))).toBe(true);
    expect(keeps({ include: 'élection' }, item('Les ÉLECTIONS régionales'))).toBe(false);
    expect(keeps({ include: 'élections' }, item('Les ÉLECTIONS régionales'))).toBe(true);
  });

  it('match phrases as words in a row, never across the title and the description', () => {
    expect(keeps({ include: 'city council' }, item('The City  Council votes today'))).toBe(true);
    expect(keeps({ include: 'city council' }, item('Council of the city meets'))).toBe(false);
    expect(keeps({ include: 'city council' }, item('Vote in the city', { description: 'Council members agree' }))).toBe(false);
  });

  it('read the description and the categories as well as the title', () => {
    expect(keeps({ include: 'flood' }, item('Barrier plan approved', { description: 'After the spring flood, the council acts.' }))).toBe(true);
    expect(keeps({ include: 'sport' }, item('Final tonight', { categories: ['Culture', 'Sport'] }))).toBe(true);
    expect(keeps({ exclude: 'sport' }, item('Final tonight', { categories: ['Sport'] }))).toBe(false);
    expect(keeps({ exclude: 'sport' }, item('Final tonight', { categories: ['Sports'] }))).toBe(true);
  });

  it('keep an item that matches any include and no exclude', () => {
    const filter = { include: 'budget, city council', exclude: 'opinion' };
    expect(keeps(filter, item('Budget passes'))).toBe(true);
    expect(keeps(filter, item('City council meets'))).toBe(true);
    expect(keeps(filter, item('Weather turns cold'))).toBe(false);
    expect(keeps(filter, item('Opinion: the budget is wrong'))).toBe(false);
    expect(keeps({ exclude: 'opinion' }, item('Weather turns cold'))).toBe(true);
  });

  it('match words in scripts written without spaces as text', () => {
    expect(keeps({ include: '東京' }, item('東京都庁で会見'))).toBe(true);
    expect(keeps({ include: '大阪' }, item('東京都庁で会見'))).toBe(false);
  });

  it('are read from what was typed: trimmed, deduplicated, and refused when they cannot match', () => {
    expect(parseFilterRule(' budget ,, City  Council, BUDGET ', 'include')).toEqual({ kind: 'terms', terms: ['budget', 'City Council'] });
    expectUserFacingError(() => parseFilterRule('!!!, ???', 'include'), 'bad_filter', /has no letters or digits/);
    expectUserFacingError(() => parseFilterRule(' , ', 'exclude'), 'bad_filter', /at least one word/);
    const many = Array.from({ length: MAX_FILTER_TERMS + 1 }, (_, index) => `word${index}`).join(',');
    expectUserFacingError(() => parseFilterRule(many, 'include'), 'bad_filter', new RegExp(`at most ${MAX_FILTER_TERMS}`));
  });
});

describe('a regex', () => {
  it('matches as written, ignoring case, anywhere in a field', () => {
    expect(parseFilterRule('/elect(ion|ed)/i', 'include')).toEqual({ kind: 'regex', source: 'elect(ion|ed)' });
    expect(parseFilterRule('/\\bwar\\b/', 'include')).toEqual({ kind: 'regex', source: '\\bwar\\b' });
    expect(keeps({ include: '/elect(ion|ed)/i' }, item('Mayor ELECTED on Sunday'))).toBe(true);
    expect(keeps({ include: '/elect(ion|ed)/i' }, item('Elect a mayor'))).toBe(false);
    expect(keeps({ include: '/\\bwar\\b/' }, item('A software update'))).toBe(false);
    expect(keeps({ exclude: '/^live:/' }, item('Live: the count goes on'))).toBe(false);
    expect(keeps({ exclude: '/^live:/' }, item('Results, live'))).toBe(true);
    expect(describeFilterRule(parseFilterRule('/elect(ion|ed)/', 'include'))).toBe('/elect(ion|ed)/i');
  });

  it('is refused, with the reason, when it cannot be run safely or would match everything', () => {
    expectUserFacingError(() => parseFilterRule('/(a)\\1/', 'include'), 'bad_filter', /Backreferences .* linear-time/);
    expectUserFacingError(() => parseFilterRule('/war(?= ends)/', 'exclude'), 'bad_filter', /Lookaheads and lookbehinds/);
    expectUserFacingError(() => parseFilterRule('/(?<!cold )war/', 'exclude'), 'bad_filter', /Lookaheads and lookbehinds/);
    expectUserFacingError(() => parseFilterRule('/a{5000}/', 'include'), 'bad_filter', /repeat count goes up to 1000/);
    expectUserFacingError(() => parseFilterRule('/(unclosed/', 'include'), 'bad_filter', /not valid: missing closing \)/);
    expectUserFacingError(() => parseFilterRule('/a*/', 'exclude'), 'bad_filter', /matches an empty text/);
    expectUserFacingError(() => parseFilterRule('//', 'exclude'), 'bad_filter', /empty/);
    expectUserFacingError(() => parseFilterRule('/sport/g', 'exclude'), 'bad_filter', /no flags but `i`/);
    expectUserFacingError(() => parseFilterRule('/sport', 'exclude'), 'bad_filter', /between two slashes/);
    expectUserFacingError(() => parseFilterRule(`/${'a'.repeat(MAX_FILTER_REGEX_CHARS + 1)}/`, 'exclude'), 'bad_filter', new RegExp(`at most ${MAX_FILTER_REGEX_CHARS}`));
  });

  // A backtracking engine takes about 2^n steps for /(a+)+$/ on n a's and a '!': years for a title.
  // It runs in a child process with a deadline, so a catastrophic engine fails this test instead of
  // hanging the test run (a synchronous loop would block vitest's own timeout).
  it('answers at once on a catastrophic pattern (/(a+)+$/ on a long "aaaa…!" title)', async () => {
    const code = `
      const { compileItemFilter } = await import('./src/digest/match-item-filter.ts');
      const { parseFilterRule } = await import('./src/digest/parse-item-filter.ts');
      const exclude = parseFilterRule('/(a+)+$/', 'exclude');
      const passes = compileItemFilter({ include: null, exclude });
      const long = 'a'.repeat(290);
      console.log(JSON.stringify({ bang: passes({ title: long + '!', description: long + '!', categories: [long + '!'] }), plain: passes({ title: long }) }));
    `;
    // runScript puts node's options before its "script": here the module code to evaluate.
    const run = await runScript('--input-type=module', ['-e', code], { env: isolatedEnv(), cwd: PROJECT_DIR, timeoutMs: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The '!' defeats the match, so the item is kept; without it the pattern matches and excludes it.
    expect(JSON.parse(run.stdout)).toEqual({ bang: true, plain: false });
  }, 70_000);
});

import { lazyModule } from '../lazy-module.js';
import type { FeedItem } from './feed-item.js';
import type { FilterRule, ItemFilter } from './item-filter.js';

/**
 * User regexes run on RE2 (re2js, a pure-JavaScript port): matching takes time linear in the text
 * whatever the pattern, so `/(a+)+$/` on a long "aaaa…!" title answers at once, where
 * JavaScript's own backtracking engine would never finish. Loaded only when a feed has a regex.
 */
const re2 = lazyModule<typeof import('re2js')>('re2js');

/** What a filter reads of an item. */
export type FilterableItem = Pick<FeedItem, 'title' | 'description' | 'categories'>;

/** A compiled regex: whether it matches somewhere in `text`. */
export type RegexTest = (text: string) => boolean;

/**
 * Compiles a filter regex, case-insensitive, on the linear-time engine. Throws the engine's error
 * for a pattern it cannot run (a syntax error, a backreference, a lookaround, a repeat over 1000).
 */
export function compileFilterRegex(source: string): RegexTest {
  const { RE2JS } = re2();
  const pattern = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return (text) => pattern.matcher(text).find();
}

/**
 * Whether an item passes a feed's filter: it matches one of the include rule's terms (or there is
 * no include rule) and does not match the exclude rule. Terms match whole words and phrases,
 * case-insensitively, in the title, the description or a category, each read on its own (a phrase
 * never spans the end of the title and the start of the description). A regex matches as written,
 * case-insensitively, anywhere in one of them. A stored regex the engine no longer accepts is
 * ignored: the filter was checked when it was set, and an unreadable rule must not hide a feed.
 */
export function compileItemFilter(filter: ItemFilter): (item: FilterableItem) => boolean {
  const include = filter.include && compileRule(filter.include);
  const exclude = filter.exclude && compileRule(filter.exclude);
  return (item) => {
    const fields = [item.title, item.description ?? '', ...(item.categories ?? [])].filter((field) => field !== '');
    if (include && !fields.some(include)) return false;
    return !(exclude && fields.some(exclude));
  };
}

/** A rule as a test on one field; null for a rule that cannot be read (then it filters nothing). */
function compileRule(rule: FilterRule): ((field: string) => boolean) | null {
  if (rule.kind === 'regex') {
    try {
      return compileFilterRegex(rule.source);
    } catch {
      return null;
    }
  }
  const terms = rule.terms.map(compileTerm).filter((term): term is (field: FieldText) => boolean => term !== null);
  if (terms.length === 0) return null;
  return (field) => {
    const text = fieldText(field);
    return terms.some((term) => term(text));
  };
}

interface FieldText {
  /** Normalised (NFKC, lower case), whitespace collapsed: where substring terms look. */
  folded: string;
  /** Its words, in order. */
  words: string[];
}

/** A word: a run of letters, marks and digits. Punctuation, spaces and symbols separate words. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/**
 * Scripts written without spaces between words: a word boundary says nothing there, so a term in
 * one of them matches as a substring ("東京" in "東京都庁で").
 */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Case and compatibility forms folded, so "ＡＩ", "Ai" and "ai" are one word. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether a term has anything to match: a word, or text in a script written without spaces. */
export function hasWords(term: string): boolean {
  return compileTerm(term) !== null;
}

function fieldText(field: string): FieldText {
  const folded = foldText(field);
  return { folded, words: folded.match(WORD) ?? [] };
}

/** A term as a test on a field: its words in a row, or a substring in unspaced scripts; null when it has no word. */
function compileTerm(term: string): ((field: FieldText) => boolean) | null {
  const folded = foldText(term);
  if (UNSPACED_SCRIPT.test(folded)) return (field) => field.folded.includes(folded);
  const words = folded.match(WORD) ?? [];
  if (words.length === 0) return null;
  return (field) => containsRun(field.words, words);
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  outer: for (let start = 0; start + run.length <= words.length; start += 1) {
    for (let offset = 0; offset < run.length; offset += 1) {
      if (words[start + offset] !== run[offset]) continue outer;
    }
    return true;
  }
  return false;
}

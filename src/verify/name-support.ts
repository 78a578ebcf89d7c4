/**
 * Whether the source supports a name a claim states, however either spells it: case, accents,
 * initials, possessives, hyphens, aliases ("Britain" for "UK"), initialisms ("FDA"), demonyms
 * and first names said short all fold away. The source is indexed once; each name is checked
 * against sets and one padded key.
 */
import { aliasesOf } from './name-aliases.js';
import { initialsOf, readCapitalisedRuns } from './name-initials.js';
import { cachedNameKey, nameKey } from './name-key.js';
import { lowerCaseWords, searchKey } from './search-key.js';

/** What of the source a name can be checked against, each built in one pass over it. */
export interface SourceNameIndex {
  /** The whole source as one name key (see `nameKey`), padded with a space each side. */
  readonly key: string;
  /** Every word the source capitalises, with its demonym roots ("Israeli" → "israel"). */
  readonly capitalised: ReadonlySet<string>;
  /** Words the source writes in lower case: sentence-initial capitals of these are no names. */
  readonly plain: ReadonlySet<string>;
  /** The acronyms the source writes: "us" for "U.S.", "nhs". */
  readonly acronyms: ReadonlySet<string>;
  /** The initials of its runs of capitalised words: "us" for "United States". */
  readonly initialisms: ReadonlySet<string>;
  /** Each capitalised word with those written just before it, for first names said short. */
  readonly predecessors: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A name as a claim writes it: `checked` is what must be in the source, `key` its name key. */
export interface CheckedName {
  readonly checked: string;
  readonly key: string;
}

const CAPITALISED_WORD = /(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{M}'’]*/gu;
/** "US", "U.S.", "NATO": a word of capitals, or of dotted capitals. */
export const ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,}$/u;
/** Every acronym in a text. */
export const ACRONYMS = /(?<![\p{L}\p{N}.])(?:(?:\p{Lu}\.){2,}|\p{Lu}{2,}(?![\p{L}\p{N}]))/gu;
/** "Israeli", "Ukrainians", "Chinese", "Gazans" → the place: an adjective is no new name. */
const DEMONYM_ENDINGS = ['ians', 'ian', 'ans', 'an', 'ese', 'ish', 'is', 'i', 'ns', 'n', 's'];
const MIN_ROOT_LENGTH = 4;
/** "Alex" for "Alexander", "Chris" for "Christopher": shorter than this, a first name is too vague to match by its start. */
const MIN_SHORT_NAME = 3;

/** Reads the source once into everything its names are checked against (see SourceNameIndex). */
export function indexSourceNames(sourceText: string): SourceNameIndex {
  const wordKey = cachedNameKey();
  const capitalised = new Set<string>();
  for (const [word] of sourceText.matchAll(CAPITALISED_WORD)) {
    for (const part of wordKey(word).split(' ')) for (const root of roots(part)) capitalised.add(root);
  }
  const acronyms = new Set(Array.from(sourceText.matchAll(ACRONYMS), ([acronym]) => wordKey(acronym)));
  const { initialisms, predecessors } = readCapitalisedRuns(sourceText, wordKey);
  return { key: ` ${nameKey(sourceText)} `, capitalised, plain: lowerCaseWords(sourceText), acronyms, initialisms, predecessors };
}

/**
 * A name is supported when the source writes it (any case, "U.S." as "US", "Israel’s" holding
 * "Israel", "Kanté" as "Kante", "J. K." as "JK"), or an alias of it ("Britain" for "UK"), or its
 * initials or expansion ("US" for "United States" and back), or capitalises every one of its words
 * somewhere ("John Kirby" for "John F. Kirby", "Israeli" for "Israel"), or gives its first name in
 * full before the same surname ("Alexander Soumbadze" for "Alex Soumbadze"). The word test is
 * lenient on purpose: a false flag costs the reader's trust, and so it lets an invented pairing of
 * two names the source has ("John Netanyahu") pass.
 */
export function isNameSupported(mention: CheckedName, source: SourceNameIndex): boolean {
  if (hasKey(source, mention.key) || aliasesOf(mention.key).some((alias) => hasKey(source, alias))) return true;
  const words = mention.checked.split(' ').filter(Boolean);
  const initials = initialsOf(words);
  if (initials.length >= 2 && source.acronyms.has(initials)) return true;
  const capitals = words.filter((word) => /^\P{Ll}/u.test(word));
  if (capitals.length > 0 && wordsCapitalised(capitals, source)) return true;
  return isShortFirstName(capitals, source);
}

function hasKey(source: SourceNameIndex, key: string): boolean {
  return key !== '' && source.key.includes(` ${key} `);
}

/**
 * Every word capitalised in the source, or an acronym the source spells out ("FDA" for "Food and
 * Drug Administration", "MPs"). The last may be a common noun the source writes in lower case
 * after one of the name's other words ("Wear-Tyne Derby" for "Tyne-Wear derby").
 */
function wordsCapitalised(words: readonly string[], source: SourceNameIndex): boolean {
  const parts = words.flatMap((word) => (isAcronym(word) ? [{ key: nameKey(word), acronym: true }] : nameKey(word).split(' ').map((key) => ({ key, acronym: false }))));
  return parts.every(({ key, acronym }, index) => {
    if (key === '' || roots(key).some((root) => source.capitalised.has(root))) return true;
    if (acronym) return isAcronymSupported(key, source);
    return index === parts.length - 1 && parts.slice(0, index).some((before) => hasKey(source, `${before.key} ${key}`));
  });
}

/** "MPs" is an acronym too. */
function isAcronym(word: string): boolean {
  return ACRONYM.test(word.replace(/s$/, ''));
}

function isAcronymSupported(key: string, source: SourceNameIndex): boolean {
  const singular = key.replace(/s$/, '');
  return [key, singular].some((form) => hasKey(source, form) || source.initialisms.has(form) || aliasesOf(form).some((alias) => hasKey(source, alias)));
}

/** "Alex Soumbadze" where the source has "Alexander Soumbadze": a first name cut short, before a surname the source pairs with it. */
function isShortFirstName(words: readonly string[], source: SourceNameIndex): boolean {
  const [first, next, ...rest] = words;
  if (first === undefined || next === undefined) return false;
  const short = nameKey(first);
  if (short.length < MIN_SHORT_NAME || short.includes(' ') || !wordsCapitalised([next, ...rest], source)) return false;
  const before = source.predecessors.get(nameKey(next).split(' ')[0] ?? '');
  return before !== undefined && Array.from(before).some((full) => full.length > short.length && full.startsWith(short));
}

/** Whether a capitalised word is an ordinary word to this source: one it writes in lower case, or never capitalises. */
export function isOrdinaryWord(word: string, source: SourceNameIndex): boolean {
  return source.plain.has(searchKey(word)) || !source.capitalised.has(nameKey(word));
}

function roots(word: string): string[] {
  const found = [word];
  for (const ending of DEMONYM_ENDINGS) {
    const stem = word.slice(0, -ending.length);
    if (word.endsWith(ending) && stem.length >= MIN_ROOT_LENGTH) found.push(stem, `${stem}e`, `${stem}a`);
  }
  return found;
}

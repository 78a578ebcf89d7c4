import { boundedRuns } from '../text/index.js';

/** A number written in words: "nine", "twenty-five", "a dozen", "nine million", "third", "the nineties". */
export interface SpelledNumber {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** The value before its scale word: 9 for "nine million", which the source backs a bare "9" with. */
  readonly unscaled: number;
  readonly form: 'cardinal' | 'ordinal' | 'decade';
  /** Made of one word below ten ("one", "two", "six"): counts a writer infers rather than copies. */
  readonly small: boolean;
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ORDINAL_TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const ORDINAL_TENS = ['twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];
const DECADES = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
const SCALES = new Map([['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12]]);
const ORDINAL_SCALES = new Map([['hundredth', 100], ['thousandth', 1e3], ['millionth', 1e6], ['billionth', 1e9]]);

type WordKind = 'unit' | 'teen' | 'tens' | 'hundred' | 'dozen' | 'scale' | 'ordinal' | 'ordinalScale' | 'decade' | 'and' | 'article' | 'half';
interface NumberWord {
  readonly kind: WordKind;
  readonly value: number;
}

const NUMBER_WORDS = new Map<string, NumberWord>([
  ...UNITS.map((word, value): [string, NumberWord] => [word, { kind: 'unit', value }]),
  ...TEENS.map((word, index): [string, NumberWord] => [word, { kind: 'teen', value: 10 + index }]),
  ...TENS.map((word, index): [string, NumberWord] => [word, { kind: 'tens', value: 20 + 10 * index }]),
  ...ORDINAL_UNITS.slice(1).map((word, index): [string, NumberWord] => [word, { kind: 'ordinal', value: index + 1 }]),
  ...ORDINAL_TEENS.map((word, index): [string, NumberWord] => [word, { kind: 'ordinal', value: 10 + index }]),
  ...ORDINAL_TENS.map((word, index): [string, NumberWord] => [word, { kind: 'ordinal', value: 20 + 10 * index }]),
  ...DECADES.map((word, index): [string, NumberWord] => [word, { kind: 'decade', value: 20 + 10 * index }]),
  ...Array.from(SCALES, ([word, value]): [string, NumberWord] => [word, { kind: 'scale', value }]),
  ...Array.from(ORDINAL_SCALES, ([word, value]): [string, NumberWord] => [word, { kind: 'ordinalScale', value }]),
  ['hundred', { kind: 'hundred', value: 100 }],
  ['dozen', { kind: 'dozen', value: 12 }],
  ['and', { kind: 'and', value: 0 }],
  ['a', { kind: 'article', value: 1 }],
  ['an', { kind: 'article', value: 1 }],
  ['half', { kind: 'half', value: 0.5 }],
]);

const LETTER = '\\p{L}';
/** Words of one number are joined by a space or a hyphen ("twenty-five", "two hundred"), nothing else. */
const JOINER = /^[ -]$/;

interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every number the text spells out, left to right, each read as far as English number grammar
 * allows: "two three-bedroom houses" is two numbers, not five; "a" and "and" count only inside a
 * number ("a million", "one hundred and five"). One pass over the words.
 */
export function spelledNumbers(text: string): SpelledNumber[] {
  // Bounded runs, not /\p{L}+/gu: that overflows V8's stack on a few megabytes of Chinese.
  const tokens: Token[] = Array.from(boundedRuns(text, LETTER), ({ start, end }) => ({ word: text.slice(start, end).toLowerCase(), start, end }));
  const found: SpelledNumber[] = [];
  let index = 0;
  while (index < tokens.length) {
    const parsed = parseAt(tokens, index, text);
    if (parsed) {
      found.push(parsed.number);
      index = parsed.next;
    } else {
      index++;
    }
  }
  return found;
}

/** The number that starts at `tokens[first]`, if one does, and the index of the first token after it. */
function parseAt(tokens: readonly Token[], first: number, text: string): { number: SpelledNumber; next: number } | null {
  let total = 0;
  let group = 0;
  let last: WordKind | 'start' = 'start';
  let lastScale = Infinity;
  let form: SpelledNumber['form'] = 'cardinal';
  let unscaled = 0;
  let numberWords = 0;
  let end = -1;
  let next = first;
  let index = first;

  for (; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (index > first && !JOINER.test(text.slice(tokens[index - 1]!.end, token.start))) break;
    const word = NUMBER_WORDS.get(token.word);
    if (!word) break;
    const afterGroupStart = last === 'start' || last === 'hundred' || last === 'scale' || last === 'and';
    let done = false;
    switch (word.kind) {
      case 'article':
        // Only "a million", "a hundred", "a dozen": elsewhere "a" is no number.
        if (last !== 'start' || !isMultiplier(tokens[index + 1]?.word)) return finish();
        group = 1;
        break;
      case 'and':
        // "three and a half thousand", "two and a half": the half is part of the number.
        if ((last === 'unit' || last === 'teen' || last === 'tens') && tokens[index + 1]?.word === 'a' && tokens[index + 2]?.word === 'half') {
          group += 0.5;
          index += 2;
          last = 'half';
          end = tokens[index]!.end;
          next = index + 1;
          continue;
        }
        if ((last !== 'hundred' && last !== 'scale') || !isAdditive(tokens[index + 1]?.word)) return finish();
        break;
      case 'half':
        // "half a million"; a half of anything else is no number.
        if (last !== 'start' || tokens[index + 1]?.word !== 'a' || NUMBER_WORDS.get(tokens[index + 2]?.word ?? '')?.kind !== 'scale') return finish();
        group = 0.5;
        index += 1;
        break;
      case 'unit':
        if (!(afterGroupStart || last === 'tens') || (word.value === 0 && last !== 'start')) return finish();
        group += word.value;
        break;
      case 'teen':
      case 'tens':
        if (!afterGroupStart) return finish();
        group += word.value;
        break;
      case 'hundred':
        if (last !== 'unit' && last !== 'teen' && last !== 'article') return finish();
        group *= 100;
        break;
      case 'dozen':
        if (last !== 'unit' && last !== 'article') return finish();
        group *= 12;
        done = true;
        break;
      case 'scale':
        if (last === 'start' || last === 'and' || word.value >= lastScale) return finish();
        unscaled = total + group;
        total += group * word.value;
        group = 0;
        lastScale = word.value;
        break;
      case 'ordinal':
        if (!(afterGroupStart || (last === 'tens' && word.value < 10))) return finish();
        group += word.value;
        form = 'ordinal';
        done = true;
        break;
      case 'ordinalScale':
        if (last !== 'unit' && last !== 'teen' && last !== 'article' && last !== 'start') return finish();
        group = (group || 1) * word.value;
        form = 'ordinal';
        done = true;
        break;
      case 'decade':
        if (last !== 'start') return finish();
        group = word.value;
        form = 'decade';
        done = true;
        break;
    }
    last = word.kind;
    if (word.kind !== 'article' && word.kind !== 'and') {
      numberWords++;
      end = token.end;
      next = index + 1;
    }
    if (done) break;
  }
  return finish();

  function finish(): { number: SpelledNumber; next: number } | null {
    if (numberWords === 0) return null;
    const value = total + group;
    const small = numberWords === 1 && form === 'cardinal' && Number.isInteger(value) && value < 10;
    return { number: { start: tokens[first]!.start, end, value, unscaled: unscaled || value, form, small }, next };
  }
}

function isMultiplier(word: string | undefined): boolean {
  const kind = word === undefined ? undefined : NUMBER_WORDS.get(word)?.kind;
  return kind === 'hundred' || kind === 'dozen' || kind === 'scale' || kind === 'ordinalScale';
}

function isAdditive(word: string | undefined): boolean {
  const kind = word === undefined ? undefined : NUMBER_WORDS.get(word)?.kind;
  return kind === 'unit' || kind === 'teen' || kind === 'tens' || kind === 'ordinal';
}

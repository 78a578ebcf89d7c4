import { foldText, originalSpan } from '../text/index.js';

/** A number as a claim writes it, with the value it stands for. */
export interface NumberMention {
  /** As written: "$48 million", "3.5%", "7–2". */
  readonly text: string;
  readonly index: number;
  /** The value in one spelling: "48000000", "3.5%", "7-2". Equal values, equal keys. */
  readonly key: string;
}

const SCALES = new Map([
  ['thousand', 1e3], ['k', 1e3], ['million', 1e6], ['mn', 1e6], ['m', 1e6], ['billion', 1e9], ['bn', 1e9], ['trillion', 1e12],
]);
const AMOUNT = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
/**
 * "$48 million", "48m", "3.5 per cent", "21st", "1990s", and compounds such as scores, ranges and
 * times ("7-2", "2020-2024", "9:30"). Not part of a word: "F-35" and "COP28" are names, see ALPHANUMERIC.
 */
const NUMBER = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,]|\p{L}-)(?:[$€£¥]\s?)?(?<amount>${AMOUNT})` +
    String.raw`(?<unit>\s?(?:%|percent|per cent)|\s(?:thousand|million|billion|trillion)|(?:k|mn|m|bn|st|nd|rd|th|s))?` +
    String.raw`(?<rest>(?:[-:/]${AMOUNT}%?)*)(?![\p{L}\p{N}])`,
  'giu',
);
/** Words with digits in them: "F-35", "COP28", "G7", "Covid-19". */
const ALPHANUMERIC = /(?<![\p{L}\p{N}-])(?:\p{L}+-?\d|\d+\p{L})[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*/gu;
const SPELLED_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const SPELLED_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SPELLED = new RegExp(
  String.raw`(?<![\p{L}-])(?:(?<tens>${SPELLED_TENS.join('|')})(?:-(?<ones>${SPELLED_UNITS.slice(1, 10).join('|')}))?|(?<unit>${SPELLED_UNITS.join('|')}|dozen|hundred))` +
    String.raw`(?:\s(?<scale>thousand|million|billion|trillion))?(?![\p{L}-])`,
  'giu',
);
/** "from 2020 to 2024" supports "2020-2024". */
const RANGE_JOINER = /^\s*(?:-|to|and|through)\s*$/i;

/** Every number a claim states, in order. Spelled-out numbers are left alone: cheap to write, rarely invented. */
export function numberMentions(text: string): NumberMention[] {
  const folded = foldText(text);
  const mentions: NumberMention[] = [];
  const taken: [number, number][] = [];
  const mention = (match: RegExpExecArray, key: string): NumberMention => {
    const span = originalSpan(folded, match.index, match.index + match[0].length);
    return { text: text.slice(span.start, span.end), index: span.start, key };
  };
  for (const match of folded.text.matchAll(NUMBER)) {
    mentions.push(mention(match, numberKeys(match.groups ?? {})[0]!));
    taken.push([match.index, match.index + match[0].length]);
  }
  for (const match of folded.text.matchAll(ALPHANUMERIC)) {
    if (taken.some(([start, end]) => match.index < end && start < match.index + match[0].length)) continue;
    mentions.push(mention(match, match[0].toLowerCase()));
  }
  return mentions.sort((a, b) => a.index - b.index);
}

/**
 * Every key under which the source supports a number: as written, without its scale or
 * percent sign ("48 million" also backs a bare "48"), each side of a compound, spelled-out
 * numbers, and ranges written out in words.
 */
export function sourceNumberKeys(text: string): Set<string> {
  const folded = foldText(text).text;
  const keys = new Set<string>();
  let previous: { end: number; value: string } | undefined;
  for (const match of folded.matchAll(NUMBER)) {
    const groups = match.groups ?? {};
    for (const key of numberKeys(groups)) keys.add(key);
    const value = plain(groups.amount ?? '');
    if (previous && !groups.rest && RANGE_JOINER.test(folded.slice(previous.end, match.index))) keys.add(`${previous.value}-${value}`);
    previous = groups.rest ? undefined : { end: match.index + match[0].length, value };
  }
  for (const match of folded.matchAll(ALPHANUMERIC)) keys.add(match[0].toLowerCase());
  for (const match of folded.matchAll(SPELLED)) {
    const value = spelledValue(match.groups ?? {});
    const scale = SCALES.get(match.groups?.scale?.toLowerCase() ?? '') ?? 1;
    keys.add(canonical(value)).add(canonical(value * scale));
  }
  return keys;
}

/** The claim's key first, then the looser keys a source number also supports. */
function numberKeys(groups: Record<string, string | undefined>): string[] {
  const value = plain(groups.amount ?? '');
  const unit = (groups.unit ?? '').trim().toLowerCase();
  if (groups.rest) {
    const parts = [value, ...groups.rest.split(/[-:/]/).filter(Boolean).map((part) => plain(part.replace('%', '')))];
    const separator = /[-:/]/.exec(groups.rest)?.[0] ?? '-';
    return [`${parts.join(separator)}${groups.rest.endsWith('%') ? '%' : ''}`, parts.join(separator), ...parts];
  }
  if (unit === '%' || unit.startsWith('per')) return [`${value}%`, value];
  const scale = SCALES.get(unit);
  return scale ? [canonical(Number(value) * scale), value] : [value];
}

/** "1,200.50" → "1200.5": thousands separators and trailing zeros are spelling, not value. */
function plain(amount: string): string {
  return canonical(Number(amount.replaceAll(',', '')));
}

function canonical(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function spelledValue(groups: Record<string, string | undefined>): number {
  const word = (groups.unit ?? '').toLowerCase();
  if (word === 'dozen') return 12;
  if (word === 'hundred') return 100;
  if (word) return SPELLED_UNITS.indexOf(word);
  const tens = (SPELLED_TENS.indexOf((groups.tens ?? '').toLowerCase()) + 2) * 10;
  return tens + Math.max(0, SPELLED_UNITS.indexOf((groups.ones ?? '').toLowerCase()));
}

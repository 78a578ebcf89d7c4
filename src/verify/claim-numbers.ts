import { foldText, originalSpan } from '../text/index.js';
import { valueKey, type NumberReading } from './number-keys.js';
import { readNumbers } from './read-numbers.js';

/** A number as a claim writes it, with the values it can stand for. */
export interface NumberMention {
  /** As written: "$48 million", "3.5%", "7–2", "nine million", "6.30pm". */
  readonly text: string;
  readonly index: number;
  /** Its first reading in one spelling: "48000000", "3.5%", "7-2", "18:30h". Equal values, equal keys. */
  readonly key: string;
  /** Each way to read it, as keys that must all be in the source (see NumberReading). */
  readonly readings: readonly (readonly string[])[];
}

/**
 * Words with digits in them and a capital: "F-35", "COP28", "G7", "Covid-19", "4G". Only lower
 * case before the first capital, so that a long word is scanned once, not once per capital.
 */
const ALPHANUMERIC = /(?<![\p{L}\p{N}-])(?:\p{Ll}*\p{Lu}\p{L}*-?\d|\d+\p{Lu})[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*/gu;
/** "from 2020 to 2024" supports "2020-2024". */
const RANGE_JOINER = /^\s*(?:-|to|and|through)\s*$/i;
const DIGITS = /\d+/g;

/**
 * Every number a claim states, in order, in digits or in words. A lone small number in words
 * ("two men", "one of") and a spelled ordinal ("third straight") are left alone: a writer counts
 * or ranks what the source lists without the source saying the number, so checking them would
 * cry wolf (the CNN/DM highlights say "two weeks" for "a fortnight"); "twelve", "nine million"
 * and "five per cent" are claims and are checked.
 */
export function numberMentions(text: string): NumberMention[] {
  const folded = foldText(text);
  const taken = new Uint8Array(folded.text.length);
  const mentions: NumberMention[] = [];
  const mention = (start: number, end: number, readings: readonly (readonly string[])[]): NumberMention => {
    const span = originalSpan(folded, start, end);
    return { text: text.slice(span.start, span.end), index: span.start, key: readings[0]?.join(' ') ?? '', readings };
  };
  for (const number of readNumbers(folded.text)) {
    taken.fill(1, number.start, number.end);
    if (number.spelled === 'small' || number.spelled === 'ordinal') continue;
    mentions.push(mention(number.start, number.end, number.readings));
  }
  for (const match of folded.text.matchAll(ALPHANUMERIC)) {
    const end = match.index + match[0].length;
    if (taken.subarray(match.index, end).includes(1)) continue;
    mentions.push(mention(match.index, end, [[match[0].toLowerCase()]]));
  }
  return mentions.sort((a, b) => a.index - b.index);
}

/**
 * Every key under which the source supports a number: each reading of each number, in digits or
 * in words, its looser keys (without its scale, percent sign or time of day: "48 million" also
 * backs a bare "48"), ranges written out in words, and names with digits, whose digits also back
 * a number ("Covid-19" backs a lower-case "covid-19"). One pass over the text.
 */
export function sourceNumberKeys(text: string): Set<string> {
  const folded = foldText(text).text;
  const keys = new Set<string>();
  let previous: NumberReading | undefined;
  for (const number of readNumbers(folded)) {
    for (const reading of number.readings) for (const key of reading) keys.add(key);
    for (const key of number.looser) keys.add(key);
    if (previous?.plain && number.plain && RANGE_JOINER.test(folded.slice(previous.end, number.start))) keys.add(`${previous.plain}-${number.plain}`);
    previous = number;
  }
  for (const [name] of folded.matchAll(ALPHANUMERIC)) {
    keys.add(name.toLowerCase());
    for (const [digits] of name.matchAll(DIGITS)) keys.add(valueKey(Number(digits)));
  }
  return keys;
}

/** Supported when some reading of the number has every one of its keys in the source. */
export function isNumberSupported(mention: NumberMention, sourceKeys: ReadonlySet<string>): boolean {
  return mention.readings.some((reading) => reading.every((key) => sourceKeys.has(key)));
}

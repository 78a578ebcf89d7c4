import { decadeKey, percentKey, readMeridiem, timeKeys, valueKey, isClockTime, type NumberReading } from './number-keys.js';
import { spelledNumbers, type SpelledNumber } from './spelled-numbers.js';
import { writtenNumbers } from './written-numbers.js';

/** What may follow a spelled number and change what it states: "five per cent", "six p.m.", "six o'clock". */
const SPELLED_SUFFIX = /(?:\s?%|\s(?:per ?cent|percent))(?!\p{L})|\s[aApP](?:\.[mM]\.?|[mM])(?!\p{L})|\s(?:o'clock)(?!\p{L})/uy;

/** Times of day said in a word. */
const NAMED_TIMES = /(?<!\p{L})(?:noon|midday|midnight)(?!\p{L})/giu;

/** Every number in `text` (folded), in digits or in words, in order of appearance. */
export function readNumbers(text: string): NumberReading[] {
  const spelled = spelledNumbers(text).map((number) => readSpelled(number, text));
  return writtenNumbers(text).concat(spelled, namedTimes(text)).sort((a, b) => a.start - b.start);
}

/**
 * "noon" backs "12pm" and "midnight" backs "12am". Counted as small words, so that a summary's own
 * "by noon" is not checked: a writer rounds times of day to these.
 */
function namedTimes(text: string): NumberReading[] {
  return Array.from(text.matchAll(NAMED_TIMES), (match): NumberReading => {
    const meridiem = match[0].toLowerCase() === 'midnight' ? 'am' : 'pm';
    return { start: match.index, end: match.index + match[0].length, readings: [timeKeys(12, 0, meridiem)], looser: [], plain: null, spelled: 'small' };
  });
}

function readSpelled(number: SpelledNumber, text: string): NumberReading {
  const { start, value, unscaled } = number;
  SPELLED_SUFFIX.lastIndex = number.end;
  const suffix = SPELLED_SUFFIX.exec(text)?.[0] ?? '';
  const end = number.end + suffix.length;
  const spelled = number.form === 'ordinal' ? 'ordinal' : number.small && !suffix ? 'small' : 'yes';
  const reading = (readings: string[][], looser: string[], plain: string | null = null): NumberReading => ({ start, end, readings, looser, plain, spelled });
  const unscaledKey = valueKey(unscaled);

  if (number.form === 'decade') return reading([[decadeKey(value)], [valueKey(value)]], []);
  if (number.form === 'ordinal') return reading([[valueKey(value)]], []);
  if (/%|cent/.test(suffix)) return reading([[percentKey(value)]], [valueKey(value)]);
  const meridiem = readMeridiem(suffix);
  if ((meridiem || suffix.includes('clock')) && isClockTime(value, 0, meridiem)) return reading(timeKeys(value, 0, meridiem).map((key) => [key]), [valueKey(value)]);
  return reading([[valueKey(value)]], unscaled === value ? [] : [unscaledKey], valueKey(value));
}

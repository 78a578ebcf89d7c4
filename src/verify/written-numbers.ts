import { decadeKey, isClockTime, percentKey, readMeridiem, timeKeys, valueKey, type Meridiem, type NumberReading } from './number-keys.js';

/**
 * An amount in digits: thousands by comma ("1,000"), by dots when there are two groups or more
 * ("1.000.000"; a lone "1.000" is ambiguous and read both ways), by spaces ("1 000"), or none.
 */
const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?: \d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?`;
/** Attached to the digits: "3pm", "21st", "1990s", "$5m", "20kg". Upper case only for scales and units ("£3BN", "30C"; "6PM" is a time below): "4G" and "3D" are names. */
const UPPER_CASE_UNITS = 'M|MN|BN|B|K|TN|KM|KG|MPH|KPH|FT|LBS?|C|F|GB|MB|TB|KW|MW|GW|KWH|MWH|GWH';
/**
 * A number in digits with what it carries: a currency before it ("$", "US$", "£"), a fraction,
 * further parts (scores "7-2", ranges "2020-2024", times "6:30", dates "9/11"), and one suffix:
 * a percentage, a time of day, a scale, a decade or a unit. Not part of a word, nor of a name
 * with digits ("F-35", "COP28", see ALPHANUMERIC); after a lower-case prefix it is a number still
 * ("mid-2014", "then-11-week-old").
 */
const NUMBER = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,]|[\p{Lu}\p{N}][\p{L}\p{N}]*-)(?<currency>(?:\p{Lu}{1,2})?[$€£¥]\s?)?` +
    String.raw`(?<amount>${AMOUNT})(?<fraction>[½¼¾])?(?<rest>(?:[-:/](?:${AMOUNT})%?)*)` +
    String.raw`(?<suffix>\s?(?:%|per ?cent(?!\p{L})|pc(?!\p{L}))|\s?[aApP](?:\.[mM]\.?|[mM])(?!\p{L})|\s?o'clock|\s(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion)(?!\p{L})` +
    String.raw`|'?s(?!\p{L})|\p{Ll}+|(?:${UPPER_CASE_UNITS})(?!\p{L}))?(?![\p{L}\p{N}])`,
  'gu',
);
const SCALES = new Map([
  ['thousand', 1e3], ['k', 1e3], ['million', 1e6], ['mn', 1e6], ['m', 1e6], ['billion', 1e9], ['bn', 1e9], ['b', 1e9], ['trillion', 1e12], ['tn', 1e12],
]);
/** "5m" is five million or five metres, "5k" five thousand or five kilometres: without a currency, both. */
const AMBIGUOUS_SCALES = new Set(['m', 'k']);
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const FRACTIONS = new Map([['½', 0.5], ['¼', 0.25], ['¾', 0.75]]);
/** "6.30", "18.45": two decimals that could be minutes past the hour. */
const DOTTED_TIME = /^(\d{1,2})\.(\d{2})$/;
/** "1.000": a dot before three digits is a decimal point or a thousands separator. */
const ONE_DOTTED_GROUP = /^\d{1,3}\.\d{3}$/;

/** Every number written in digits in `text` (folded), in order, with its readings. */
export function writtenNumbers(text: string): NumberReading[] {
  return Array.from(text.matchAll(NUMBER), (match) => readMatch(match, text));
}

function readMatch(match: RegExpExecArray, text: string): NumberReading {
  const groups = match.groups ?? {};
  const start = match.index;
  const end = start + match[0].length;
  const amount = groups.amount ?? '';
  const rest = groups.rest ?? '';
  const suffix = (groups.suffix ?? '').trim().toLowerCase();
  const hasCurrency = Boolean(groups.currency);
  const fraction = FRACTIONS.get(groups.fraction ?? '') ?? 0;
  const values = amountValues(amount).map((value) => value + fraction);
  const value = values[0] ?? 0;
  const reading = (readings: string[][], looser: string[] = [], plain: string | null = null): NumberReading => ({
    start, end, readings, looser, plain, spelled: 'no',
  });

  const meridiem: Meridiem = suffix === "o'clock" ? null : readMeridiem(suffix);
  const marked = suffix === "o'clock" || meridiem !== null;
  // "6.30%", "1.30m": a number with another suffix is no time.
  const time = marked || suffix === '' ? clockTime(amount, rest, meridiem, marked, hasCurrency) : null;
  if (time) {
    const times = timeKeys(time.hour, time.minute, meridiem);
    // "6.30" without "pm" may be a price or a decimal; "6:30" a ratio.
    const others = time.certain ? [] : rest ? [compoundKey(amount, rest)] : values.map(valueKey);
    return reading([...times, ...others].map((key) => [key]), [valueKey(time.hour), ...others], null);
  }
  if (rest) {
    const parts = [valueKey(value), ...rest.split(/[-:/]/).filter(Boolean).map((part) => valueKey(amountValues(part.replace('%', ''))[0] ?? 0))];
    const key = compoundKey(amount, rest);
    return reading([[key]], [key.replace(/%$/, ''), ...parts]);
  }
  if (suffix === '%' || suffix.startsWith('per') || suffix === 'pc') return reading([[percentKey(value)]], [valueKey(value)]);
  const scale = SCALES.get(suffix);
  if (scale) {
    const scaled = valueKey(value * scale);
    const alsoBare = AMBIGUOUS_SCALES.has(suffix) && !hasCurrency;
    return reading(alsoBare ? [[scaled], [valueKey(value)]] : [[scaled]], [valueKey(value)]);
  }
  if (ORDINAL_SUFFIXES.has(suffix)) return reading([[valueKey(value)]], []);
  if ((suffix === 's' || suffix === "'s") && Number.isInteger(value) && value % 10 === 0 && (value < 100 || (value >= 1000 && value < 2100))) {
    const decade = decadeKey(value);
    // "the '90s" is a decade; "in their 90s" may be an age, and "the 1990s" stands near "1990".
    const apostrophed = text.charAt(start - 1) === "'";
    return reading(apostrophed ? [[decade]] : [[decade], [valueKey(value)]], [valueKey(value)]);
  }
  const plain = valueKey(value);
  const readings = values.map((alternative) => [valueKey(alternative)]);
  // "45 100 metres" may be two numbers that only look like one with a space for thousands.
  if (amount.includes(' ')) readings.push(amount.split(' ').map((part) => valueKey(Number(part))));
  return reading(readings, readings.flat().slice(1), plain);
}

/** The values an amount can stand for, the likeliest first. */
function amountValues(amount: string): number[] {
  if (ONE_DOTTED_GROUP.test(amount)) return [Number(amount), Number(amount.replace('.', ''))];
  if (/^\d{1,3}(?:\.\d{3}){2,}/.test(amount)) return [Number(amount.replaceAll('.', '').replace(',', '.'))];
  return [Number(amount.replaceAll(',', '').replaceAll(' ', ''))];
}

/** "7-2", "2020-2024", "1:35.782": each part by value, the separators kept. */
function compoundKey(amount: string, rest: string): string {
  const parts = rest.split(/([-:/])/);
  const spelt = parts.map((part, index) => (index % 2 === 0 && part ? valueKey(amountValues(part.replace('%', ''))[0] ?? 0) + (part.endsWith('%') ? '%' : '') : part));
  return `${valueKey(amountValues(amount)[0] ?? 0)}${spelt.join('')}`;
}

/**
 * The clock time a number states, if it states one: "6pm", "6 o'clock", "6:30", "18:30",
 * "6.30pm" for certain; "6.30" alone perhaps (a decimal too). A price is no time.
 */
function clockTime(amount: string, rest: string, meridiem: Meridiem, marked: boolean, hasCurrency: boolean) {
  if (hasCurrency) return null;
  const colon = /^:(\d{2})$/.exec(rest);
  if (colon && /^\d{1,2}$/.test(amount)) {
    const hour = Number(amount);
    const minute = Number(colon[1]);
    return isClockTime(hour, minute, meridiem) ? { hour, minute, certain: true } : null;
  }
  if (rest) return null;
  const dotted = DOTTED_TIME.exec(amount);
  if (dotted) {
    const hour = Number(dotted[1]);
    const minute = Number(dotted[2]);
    return isClockTime(hour, minute, meridiem) ? { hour, minute, certain: marked } : null;
  }
  if (marked && /^\d{1,2}$/.test(amount) && isClockTime(Number(amount), 0, meridiem)) return { hour: Number(amount), minute: 0, certain: true };
  return null;
}

/**
 * One spelling per value, so that a number the summary writes one way meets the source's other
 * way: "1,200.50" and "1200.5", "5%" and "five per cent", "6.30pm" and "18:30", "the '90s" and
 * "the 1990s" each end up as the same key.
 */

/** A number as a text writes it, with every key it can be read as. Offsets are into the folded text. */
export interface NumberReading {
  readonly start: number;
  readonly end: number;
  /**
   * The ways to read it, each a list of keys that must all be in the source; the first is the
   * number's own. "6.30" is a time or a decimal; "45 100" is 45100 or a 45 then a 100.
   */
  readonly readings: readonly (readonly string[])[];
  /** Keys it also backs when the source writes it, looser than itself: "48 million" backs a bare "48". */
  readonly looser: readonly string[];
  /** Its value when it is a bare number, for ranges the source writes in words ("from 2020 to 2024"). */
  readonly plain: string | null;
  /**
   * Written in words, and how. "small" words a writer uses loosely, inferring them rather than
   * copying ("two men" for two named men, "noon" for "12.05pm"); "ordinal" ranks ("third straight").
   */
  readonly spelled: 'no' | 'small' | 'ordinal' | 'yes';
}

export type Meridiem = 'am' | 'pm' | null;

export function valueKey(value: number): string {
  return String(Number(value.toPrecision(12)));
}

export function percentKey(value: number): string {
  return `${valueKey(value)}%`;
}

/**
 * A clock time on the 24-hour clock, as a key that no plain number has. Without "am" or "pm"
 * a time below 13 o'clock is either half of the day, so it stands for both.
 */
export function timeKeys(hour: number, minute: number, meridiem: Meridiem): string[] {
  const key = (hours: number): string => `${hours % 24}:${String(minute).padStart(2, '0')}h`;
  if (meridiem) return [key((hour % 12) + (meridiem === 'pm' ? 12 : 0))];
  return hour >= 1 && hour <= 12 ? [key(hour), key(hour + 12)] : [key(hour)];
}

/** Whether an hour and minute make a clock time. */
export function isClockTime(hour: number, minute: number, meridiem: Meridiem): boolean {
  return Number.isInteger(hour) && minute >= 0 && minute < 60 && (meridiem ? hour >= 1 && hour <= 12 : hour >= 0 && hour <= 24);
}

/** "am", "p.m.", "PM" → the half of the day; anything else → null. */
export function readMeridiem(written: string): Meridiem {
  const letter = written.replace(/[^a-z]/gi, '').toLowerCase();
  return letter === 'am' ? 'am' : letter === 'pm' ? 'pm' : null;
}

/** "1990s", "the '90s", "the nineties": a two-digit decade is taken for the last century, or this one below 20. */
export function decadeKey(value: number): string {
  const year = value >= 100 ? value : value >= 20 ? 1900 + value : 2000 + value;
  return `${year}s`;
}

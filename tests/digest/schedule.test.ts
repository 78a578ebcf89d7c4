import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.js';
import { catchUpDecision, localDateOf, missedRun, nextRunAfter } from '../../src/digest/next-run.js';
import { messageNonce, runKey } from '../../src/digest/run-key.js';
import { cronPatternFor, parseSlot } from '../../src/digest/schedule-slot.js';

/**
 * The digest schedule's time logic on an injected clock: next runs in several zones, the DST
 * spring gap and autumn overlap, catch-up after downtime, run keys and message nonces.
 */

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
/** Wall-clock "YYYY-MM-DD HH:MM" of an instant in a zone, to assert on local time. */
const local = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(instant);

/** Every run in [from, to), found by calling nextRunAfter from each run found. */
function runsBetween(slot: ReturnType<typeof parseSlot>, from: Date, to: Date): Date[] {
  const runs: Date[] = [];
  for (let run = nextRunAfter(slot, new Date(from.getTime() - 1)); run < to; run = nextRunAfter(slot, run)) runs.push(run);
  return runs;
}

describe('parseSlot', () => {
  it('normalises time, zone casing and days', () => {
    expect(parseSlot('7:05', 'europe/berlin', undefined)).toEqual({ time: '07:05', timezone: 'Europe/Berlin', days: 'daily' });
    expect(parseSlot('18:30', 'UTC', 'Weekdays')).toEqual({ time: '18:30', timezone: 'UTC', days: 'weekdays' });
    expect(cronPatternFor(parseSlot('07:05', 'UTC', 'weekdays'))).toBe('5 7 * * 1-5');
    expect(cronPatternFor(parseSlot('00:00', 'UTC', 'daily'))).toBe('0 0 * * *');
  });

  it.each(['25:00', '7:5', '12:60', '1230', '', 'noon'])('rejects the time %j with a clear error', (time) => {
    expect(() => parseSlot(time, 'UTC')).toThrow(UserFacingError);
    expect(() => parseSlot(time, 'UTC')).toThrow(/is not a time\. Use 24-hour HH:MM/);
  });

  it('rejects an unknown zone and an unknown day choice', () => {
    expect(() => parseSlot('08:00', 'Mars/Olympus')).toThrow(/"Mars\/Olympus" is not a time zone\. Use an IANA name/);
    expect(() => parseSlot('08:00', 'UTC', 'weekends')).toThrow(/"weekends" is not a day choice/);
  });
});

describe('nextRunAfter', () => {
  it('runs daily in UTC, strictly after `from`', () => {
    const slot = parseSlot('08:00', 'UTC', 'daily');
    expect(nextRunAfter(slot, at('2025-01-01T07:59:59Z'))).toEqual(at('2025-01-01T08:00:00Z'));
    expect(nextRunAfter(slot, at('2025-01-01T08:00:00Z'))).toEqual(at('2025-01-02T08:00:00Z'));
  });

  it('skips the weekend on weekdays: Friday after the slot → Monday', () => {
    const slot = parseSlot('09:30', 'Asia/Kolkata', 'weekdays');
    // 2025-01-03 is a Friday; 05:00Z is 10:30 IST, after the slot. 09:30 IST (+05:30) is 04:00Z.
    expect(nextRunAfter(slot, at('2025-01-03T05:00:00Z'))).toEqual(at('2025-01-06T04:00:00Z'));
    expect(nextRunAfter(slot, at('2025-01-03T03:00:00Z'))).toEqual(at('2025-01-03T04:00:00Z'));
    expect(nextRunAfter(parseSlot('09:30', 'Asia/Kolkata', 'daily'), at('2025-01-03T05:00:00Z'))).toEqual(at('2025-01-04T04:00:00Z'));
  });

  it('follows each zone’s offset, summer and winter', () => {
    expect(nextRunAfter(parseSlot('08:00', 'America/New_York'), at('2025-01-15T00:00:00Z'))).toEqual(at('2025-01-15T13:00:00Z'));
    expect(nextRunAfter(parseSlot('08:00', 'America/New_York'), at('2025-07-15T00:00:00Z'))).toEqual(at('2025-07-15T12:00:00Z'));
    expect(nextRunAfter(parseSlot('08:00', 'Europe/Berlin'), at('2025-01-15T00:00:00Z'))).toEqual(at('2025-01-15T07:00:00Z'));
    expect(nextRunAfter(parseSlot('08:00', 'Europe/Berlin'), at('2025-07-15T00:00:00Z'))).toEqual(at('2025-07-15T06:00:00Z'));
    // Lord Howe is +10:30 in winter, +11 in summer (a 30-minute shift).
    expect(nextRunAfter(parseSlot('08:00', 'Australia/Lord_Howe'), at('2025-07-14T00:00:00Z'))).toEqual(at('2025-07-14T21:30:00Z'));
    expect(nextRunAfter(parseSlot('08:00', 'Australia/Lord_Howe'), at('2025-01-14T00:00:00Z'))).toEqual(at('2025-01-14T21:00:00Z'));
  });

  it.each([
    // [zone, slot, day before, gap day, expected instant, expected local]
    ['Europe/Berlin', '02:30', '2025-03-29T12:00:00Z', '2025-03-30', '2025-03-30T01:00:00Z', '2025-03-30 03:00'],
    ['America/New_York', '02:30', '2025-03-08T12:00:00Z', '2025-03-09', '2025-03-09T07:00:00Z', '2025-03-09 03:00'],
    ['Australia/Lord_Howe', '02:15', '2025-10-04T00:00:00Z', '2025-10-05', '2025-10-04T15:30:00Z', '2025-10-05 02:30'],
  ])('%s spring gap: %s runs once, at the next valid minute', (zone, time, dayBefore, gapDay, expected, expectedLocal) => {
    const slot = parseSlot(time, zone);
    const run = nextRunAfter(slot, at(dayBefore));
    expect(run).toEqual(at(expected));
    expect(local(run, zone)).toBe(expectedLocal);
    expect(localDateOf(run, zone)).toBe(gapDay);
    // And only once that day: the next run is the slot time the day after.
    expect(local(nextRunAfter(slot, run), zone)).toBe(`${localDateOf(new Date(run.getTime() + 24 * HOUR), zone)} ${time}`);
  });

  it('America/New_York autumn overlap: 01:30 on the fall-back day runs exactly once, at the first 01:30', () => {
    const slot = parseSlot('01:30', 'America/New_York');
    // 2025-11-02 local runs 04:00Z (00:00 EDT) to 05:00Z next day (00:00 EST): 25 hours; 01:30 occurs at 05:30Z and 06:30Z.
    const runs = runsBetween(slot, at('2025-11-02T04:00:00Z'), at('2025-11-03T05:00:00Z'));
    expect(runs).toEqual([at('2025-11-02T05:30:00Z')]);
    // From inside the repeated hour, the next run is tomorrow's, not the second 01:30.
    expect(nextRunAfter(slot, at('2025-11-02T06:00:00Z'))).toEqual(at('2025-11-03T06:30:00Z'));
  });

  it('Australia/Lord_Howe autumn overlap (30 minutes): 01:45 runs exactly once', () => {
    const slot = parseSlot('01:45', 'Australia/Lord_Howe');
    // 2025-04-06 02:00 +11 falls back to 01:30 +10:30; 01:45 occurs at 14:45Z and 15:15Z on 04-05.
    const runs = runsBetween(slot, at('2025-04-05T13:00:00Z'), at('2025-04-06T13:30:00Z'));
    expect(runs).toEqual([at('2025-04-05T14:45:00Z')]);
  });
});

describe('localDateOf', () => {
  it('gives the date on wall clocks in the zone', () => {
    const instant = at('2025-01-01T20:00:00Z');
    expect(localDateOf(instant, 'UTC')).toBe('2025-01-01');
    expect(localDateOf(instant, 'Asia/Kolkata')).toBe('2025-01-02');
    expect(localDateOf(at('2025-01-01T03:00:00Z'), 'America/New_York')).toBe('2024-12-31');
  });
});

describe('catch-up', () => {
  const slot = parseSlot('08:00', 'Europe/Berlin');
  const lastCheckedAt = at('2025-01-14T20:00:00Z'); // bot went down the evening before

  it('2 h late → run once', () => {
    const missed = missedRun(slot, lastCheckedAt, at('2025-01-15T09:00:00Z'));
    expect(missed).toEqual({ due: at('2025-01-15T07:00:00Z'), lateMs: 2 * HOUR });
    expect(catchUpDecision(missed!)).toBe('run');
    // Once the catch-up check has run, the same run is not missed again.
    expect(missedRun(slot, at('2025-01-15T09:00:00Z'), at('2025-01-15T09:05:00Z'))).toBeNull();
  });

  it('7 h late → skip; the 6 h limit is exclusive', () => {
    const missed = missedRun(slot, lastCheckedAt, at('2025-01-15T14:00:00Z'));
    expect(missed?.lateMs).toBe(7 * HOUR);
    expect(catchUpDecision(missed!)).toBe('skip');
    expect(catchUpDecision({ due: at('2025-01-15T07:00:00Z'), lateMs: 6 * HOUR - 1 })).toBe('run');
    expect(catchUpDecision({ due: at('2025-01-15T07:00:00Z'), lateMs: 6 * HOUR })).toBe('skip');
    expect(catchUpDecision({ due: at('2025-01-15T07:00:00Z'), lateMs: 2 * HOUR }, HOUR)).toBe('skip');
  });

  it('returns the most recent run in (lastCheckedAt, now] only, and null when none', () => {
    expect(missedRun(slot, lastCheckedAt, at('2025-01-15T06:59:59Z'))).toBeNull();
    expect(missedRun(slot, lastCheckedAt, at('2025-01-15T07:00:00Z'))).toEqual({ due: at('2025-01-15T07:00:00Z'), lateMs: 0 });
    expect(missedRun(slot, at('2025-01-15T07:00:00Z'), at('2025-01-15T08:00:00Z'))).toBeNull();
    expect(missedRun(slot, lastCheckedAt, at('2025-01-18T10:00:00Z'))).toEqual({ due: at('2025-01-18T07:00:00Z'), lateMs: 3 * HOUR });
    expect(missedRun(slot, lastCheckedAt, lastCheckedAt)).toBeNull();
  });

  it('after the fall-back hour it sees the single 01:30 run, not a second one', () => {
    const overlap = parseSlot('01:30', 'America/New_York');
    const missed = missedRun(overlap, at('2025-11-02T04:00:00Z'), at('2025-11-02T07:00:00Z'));
    expect(missed).toEqual({ due: at('2025-11-02T05:30:00Z'), lateMs: 1.5 * HOUR });
  });
});

describe('runKey and messageNonce', () => {
  const slot = parseSlot('01:30', 'America/New_York');

  it('is the same for both 01:30 candidates of the fall-back day, and differs across days', () => {
    const first = runKey('123', slot, at('2025-11-02T05:30:00Z'));
    expect(first).toBe('digest:123:2025-11-02:01:30:America/New_York');
    expect(runKey('123', slot, at('2025-11-02T06:30:00Z'))).toBe(first);
    expect(runKey('123', slot, at('2025-11-03T06:30:00Z'))).toBe('digest:123:2025-11-03:01:30:America/New_York');
    expect(runKey('456', slot, at('2025-11-02T05:30:00Z'))).not.toBe(first);
  });

  it('uses the slot zone’s local date, not UTC’s', () => {
    // 23:30 in New York on 01-01 is 04:30Z on 01-02.
    expect(runKey('1', parseSlot('23:30', 'America/New_York'), at('2025-01-02T04:30:00Z'))).toBe('digest:1:2025-01-01:23:30:America/New_York');
    expect(runKey('1', parseSlot('08:00', 'UTC'), at('2025-01-02T08:00:00Z'))).not.toBe(runKey('1', parseSlot('08:00', 'Europe/Berlin'), at('2025-01-02T07:00:00Z')));
  });

  it('nonce: at most 25 characters, stable, distinct per part and per key', () => {
    const key = runKey('123456789012345678', slot, at('2025-11-02T05:30:00Z'));
    const nonces = [0, 1, 2, 3].map((part) => messageNonce(key, part));
    for (const nonce of nonces) expect(nonce).toMatch(/^[\w-]{1,25}$/);
    expect(nonces[0]).toHaveLength(25);
    expect(new Set(nonces).size).toBe(4);
    expect(messageNonce(key, 1)).toBe(nonces[1]);
    expect(messageNonce(runKey('123456789012345678', slot, at('2025-11-03T06:30:00Z')), 0)).not.toBe(nonces[0]);
    expect(() => messageNonce(key, -1)).toThrow(RangeError);
    expect(() => messageNonce(key, 1.5)).toThrow(RangeError);
  });
});

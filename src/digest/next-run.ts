import { Cron } from 'croner';
import { cronPatternFor, type ScheduleSlot } from './schedule-slot.js';

/** A slot missed while the bot was down: its scheduled instant and how late `now` is. */
export interface MissedRun {
  due: Date;
  lateMs: number;
}

/** A missed run is posted on start only if it is less than this late. */
export const CATCH_UP_MAX_LATE_MS = 6 * 60 * 60 * 1000;

/**
 * A paused croner job: computes times, never starts a timer. Its pattern has a single hour and
 * minute, so croner (11.x) applies its fixed-time DST rule: a time in the spring-forward gap runs
 * at the first valid minute after it the same day, and a time repeated at fall-back runs once,
 * at its first occurrence. tests/digest/schedule.test.ts pins both.
 */
function cronFor(slot: ScheduleSlot): Cron {
  return new Cron(cronPatternFor(slot), { timezone: slot.timezone, paused: true, mode: '5-part' });
}

/** The first scheduled instant strictly after `from`. */
export function nextRunAfter(slot: ScheduleSlot, from: Date): Date {
  const next = cronFor(slot).nextRun(from);
  if (!next) throw new Error(`No next run for ${slot.time} ${slot.timezone} (${slot.days}) after ${from.toISOString()}`);
  return next;
}

/** The calendar date (YYYY-MM-DD) of `instant` on wall clocks in `timezone`. */
export function localDateOf(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The most recent scheduled instant in (lastCheckedAt, now], or null. Older misses in the same
 * window are dropped on purpose: a long outage posts at most one digest per slot.
 */
export function missedRun(slot: ScheduleSlot, lastCheckedAt: Date, now: Date): MissedRun | null {
  if (now.getTime() <= lastCheckedAt.getTime()) return null;
  // previousRuns excludes its reference, so look back from just after `now` to include it.
  const [due] = cronFor(slot).previousRuns(1, new Date(now.getTime() + 1));
  if (!due || due.getTime() <= lastCheckedAt.getTime()) return null;
  return { due, lateMs: now.getTime() - due.getTime() };
}

/** Post a missed run only if it is less than `maxLateMs` late; otherwise skip it (and log). */
export function catchUpDecision(missed: MissedRun, maxLateMs: number = CATCH_UP_MAX_LATE_MS): 'run' | 'skip' {
  return missed.lateMs < maxLateMs ? 'run' : 'skip';
}

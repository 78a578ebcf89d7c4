import { z } from 'zod';
import { UserFacingError } from '../errors.js';

/** True when `Intl` knows the zone (an IANA name such as "Europe/Berlin", or "UTC"). */
function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** One daily posting time of a channel's digest, in local wall-clock time of `timezone`. */
export const scheduleSlotSchema = z.object({
  /** Local wall-clock time, zero-padded 24-hour `HH:MM`. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM, 00:00 to 23:59'),
  /** IANA time zone, as `Intl.DateTimeFormat` accepts it. */
  timezone: z.string().refine(isKnownTimeZone, 'timezone must be an IANA time zone'),
  days: z.enum(['daily', 'weekdays']),
});

export type ScheduleSlot = z.infer<typeof scheduleSlotSchema>;

/**
 * Checks the `/digest schedule` options. Accepts "7:05" as "07:05" and any casing of the zone,
 * returning its canonical spelling; `days` defaults to daily. Throws a `UserFacingError`.
 */
export function parseSlot(time: string, timezone: string, days?: string | null): ScheduleSlot {
  const clock = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  const hour = Number(clock?.[1]);
  const minute = Number(clock?.[2]);
  if (!clock || hour > 23 || minute > 59) {
    throw new UserFacingError('bad_arguments', `"${time}" is not a time. Use 24-hour HH:MM, for example 07:30 or 18:00.`);
  }
  const zone = timezone.trim();
  if (!isKnownTimeZone(zone)) {
    throw new UserFacingError('bad_arguments', `"${timezone}" is not a time zone. Use an IANA name such as Europe/Berlin, America/New_York or UTC.`);
  }
  const dayChoice = days?.trim().toLowerCase() || 'daily';
  if (dayChoice !== 'daily' && dayChoice !== 'weekdays') {
    throw new UserFacingError('bad_arguments', `"${days}" is not a day choice. Use daily or weekdays.`);
  }
  return scheduleSlotSchema.parse({
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    timezone: new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone,
    days: dayChoice,
  });
}

/** Five-field cron pattern ("30 7 * * 1-5"); a single hour and minute, so croner treats it as a fixed-time job. */
export function cronPatternFor(slot: ScheduleSlot): string {
  const [hour, minute] = slot.time.split(':').map(Number);
  return `${minute} ${hour} * * ${slot.days === 'weekdays' ? '1-5' : '*'}`;
}

import { createHash } from 'node:crypto';
import { localDateOf } from './next-run.js';
import type { ScheduleSlot } from './schedule-slot.js';

/** Discord rejects a message `nonce` longer than 25 characters. */
export const MAX_NONCE_LENGTH = 25;

/**
 * Idempotency key of one digest run: channel, local date in the slot's zone, slot time and zone
 * (`digest:<channel>:<YYYY-MM-DD>:<HH:MM>:<zone>`). The zone is part of the key so that 08:00
 * Berlin and 08:00 New York in one channel stay two runs. Both candidate instants of a repeated
 * fall-back time share a local date, so they share a key and can only post once.
 */
export function runKey(channelId: string, slot: ScheduleSlot, instant: Date): string {
  return `digest:${channelId}:${localDateOf(instant, slot.timezone)}:${slot.time}:${slot.timezone}`;
}

/** Deterministic Discord nonce for part `part` of a run: 25 base64url characters of sha256(key + part). */
export function messageNonce(key: string, part: number): string {
  if (!Number.isSafeInteger(part) || part < 0) throw new RangeError(`part must be a non-negative integer, got ${part}`);
  return createHash('sha256').update(`${key}#${part}`).digest('base64url').slice(0, MAX_NONCE_LENGTH);
}

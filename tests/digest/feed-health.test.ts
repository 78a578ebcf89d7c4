import { describe, expect, it } from 'vitest';
import { HEALTHY, nextHealth, type FeedHealth, type FeedHealthOptions, type FetchOutcome } from '../../src/digest/feed-health.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = new Date('2024-01-02T10:00:00Z');
const OPTIONS: FeedHealthOptions = { failuresBeforeNotice: 3, baseIntervalMs: 15 * MINUTE };

const failure = (at: Date, retryAfterMs?: number): FetchOutcome => ({ ok: false, at, error: 'The page answered 500.', retryAfterMs: retryAfterMs ?? null });
const success = (at: Date, extra: { ttlMinutes?: number; retryAfterMs?: number } = {}): FetchOutcome => ({ ok: true, at, ...extra });

/** Runs outcomes in order, each at the time the previous step scheduled. */
function run(count: number, outcome: (at: Date) => FetchOutcome, start: FeedHealth = HEALTHY) {
  let health = start;
  let at = START;
  const steps = [];
  for (let index = 0; index < count; index += 1) {
    const step = nextHealth(health, outcome(at), OPTIONS);
    steps.push({ ...step, waitMs: step.nextFetchAt.getTime() - at.getTime() });
    health = step.health;
    at = step.nextFetchAt;
  }
  return steps;
}

describe('nextHealth', () => {
  it('backs off from the base interval, doubling per failure up to 6 h', () => {
    const steps = run(8, (at) => failure(at));
    expect(steps.map((step) => step.waitMs)).toEqual([15, 30, 60, 120, 240, 360, 360, 360].map((minutes) => minutes * MINUTE));
    expect(steps.map((step) => step.health.consecutiveFailures)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(steps.every((step) => step.health.failingSince === START.toISOString())).toBe(true);
    expect(steps.at(-1)?.health.lastError).toBe('The page answered 500.');
  });

  it('honours a smaller maxBackoffMs', () => {
    const step = nextHealth({ ...HEALTHY, consecutiveFailures: 10 }, failure(START), { ...OPTIONS, maxBackoffMs: HOUR });
    expect(step.nextFetchAt.getTime() - START.getTime()).toBe(HOUR);
  });

  it('makes one notice due when failures reach the threshold, and no more', () => {
    const steps = run(6, (at) => failure(at));
    expect(steps.map((step) => step.noticeDue)).toEqual([false, false, true, false, false, false]);
    expect(steps.map((step) => step.health.noticeSent)).toEqual([false, false, true, true, true, true]);
    expect(steps.some((step) => step.recovered)).toBe(false);
  });

  it('reports recovery once, on the first success after a notice, and resets', () => {
    const failing = run(3, (at) => failure(at)).at(-1)?.health ?? HEALTHY;
    const [recovery, after] = run(2, (at) => success(at), failing);
    expect(recovery).toMatchObject({ recovered: true, noticeDue: false, health: HEALTHY, waitMs: 15 * MINUTE });
    expect(after).toMatchObject({ recovered: false, noticeDue: false });
  });

  it('does not report recovery when failures stayed under the threshold', () => {
    const failing = run(2, (at) => failure(at)).at(-1)?.health ?? HEALTHY;
    const step = nextHealth(failing, success(START), OPTIONS);
    expect(step).toMatchObject({ recovered: false, health: HEALTHY });
  });

  it('starts a new run of failures, with a new notice, after recovering', () => {
    const failing = run(3, (at) => failure(at)).at(-1)?.health ?? HEALTHY;
    const healthy = nextHealth(failing, success(START), OPTIONS).health;
    const again = run(3, (at) => failure(at), healthy);
    expect(again.map((step) => step.noticeDue)).toEqual([false, false, true]);
    expect(again.map((step) => step.waitMs)).toEqual([15 * MINUTE, 30 * MINUTE, 60 * MINUTE]);
  });

  it('waits the longest of the base interval, the feed ttl and Retry-After after a success', () => {
    const wait = (outcome: FetchOutcome) => nextHealth(HEALTHY, outcome, OPTIONS).nextFetchAt.getTime() - START.getTime();
    expect(wait(success(START))).toBe(15 * MINUTE);
    expect(wait(success(START, { ttlMinutes: 5 }))).toBe(15 * MINUTE);
    expect(wait(success(START, { ttlMinutes: 60 }))).toBe(60 * MINUTE);
    expect(wait(success(START, { ttlMinutes: 60, retryAfterMs: 2 * HOUR }))).toBe(2 * HOUR);
    expect(wait({ ok: true, at: START, ttlMinutes: null, retryAfterMs: null })).toBe(15 * MINUTE);
  });

  it('never retries a failure sooner than Retry-After', () => {
    const step = nextHealth(HEALTHY, failure(START, 3 * HOUR), OPTIONS);
    expect(step.nextFetchAt.getTime() - START.getTime()).toBe(3 * HOUR);
    const shortRetry = nextHealth(HEALTHY, failure(START, MINUTE), OPTIONS);
    expect(shortRetry.nextFetchAt.getTime() - START.getTime()).toBe(15 * MINUTE);
  });
});

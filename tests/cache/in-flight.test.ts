import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../src/cache/in-flight.js';

describe('createInFlight', () => {
  it('runs the work once for 50 concurrent calls with one key, and gives all of them its value', async () => {
    const inFlight = createInFlight<{ answer: number }>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { answer: 42 };
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => inFlight.run('k', work)));
    expect(runs).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toEqual({ answer: 42 });
    expect(inFlight.size).toBe(0);
  });

  it('runs different keys separately', async () => {
    const inFlight = createInFlight<string>();
    const results = await Promise.all(['a', 'b', 'a'].map((key) => inFlight.run(key, async () => key.toUpperCase())));
    expect(results).toEqual(['A', 'B', 'A']);
  });

  it('shares a failure with those waiting, then lets the next call run again', async () => {
    const inFlight = createInFlight<string>();
    let runs = 0;
    const failing = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('upstream 500');
    };
    const outcomes = await Promise.allSettled([inFlight.run('k', failing), inFlight.run('k', failing)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toBe(1);
    expect(inFlight.size).toBe(0);

    await expect(inFlight.run('k', async () => 'recovered')).resolves.toBe('recovered');
  });

  it('turns a synchronous throw into a rejection and forgets it', async () => {
    const inFlight = createInFlight<string>();
    await expect(
      inFlight.run('k', () => {
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(inFlight.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createUserLimits } from '../../src/discord/user-limits.js';

describe('createUserLimits', () => {
  it('allows USER_RATE_PER_MIN uses per user, then says how long to wait', async () => {
    let now = 1_000_000;
    const limits = createUserLimits(3, () => now);
    for (let use = 0; use < 3; use += 1) expect(await limits.take('alice')).toEqual({ allowed: true });
    now += 20_000;
    expect(await limits.take('alice')).toEqual({ allowed: false, retryAfterMs: 40_000 });
    expect(await limits.take('bob')).toEqual({ allowed: true });
    await limits.stop();
  });
});

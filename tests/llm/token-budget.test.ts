import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { TokenBudgetExhaustedError } from '../../src/llm/errors.js';
import { createTokenBudget } from '../../src/llm/token-budget.js';

describe('createTokenBudget', () => {
  it('keys the count per guild per UTC day, with a TTL, and refuses once it is spent', async () => {
    const store = new Keyv();
    let now = new Date('2025-03-01T23:30:00Z');
    const budget = createTokenBudget({ store, dailyTokens: 100, now: () => now });

    await budget.assertAvailable('guild-1');
    await budget.record('guild-1', 60);
    await budget.assertAvailable('guild-1');
    await budget.record('guild-1', 40);

    expect(await store.get('budget:guild-1:2025-03-01')).toBe(100);
    const error = await budget.assertAvailable('guild-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenBudgetExhaustedError);
    expect((error as TokenBudgetExhaustedError).resetsAt.toISOString()).toBe('2025-03-02T00:00:00.000Z');
    expect((error as TokenBudgetExhaustedError).message).toContain('00:00 UTC');

    // Other guilds are unaffected, and the next UTC day starts from zero.
    await budget.assertAvailable('guild-2');
    now = new Date('2025-03-02T00:00:01Z');
    await budget.assertAvailable('guild-1');
    expect(await budget.spentToday('guild-1')).toBe(0);
  });

  it('sets the counter to expire after about two days', async () => {
    const writes: Array<{ key: string; ttl: number | undefined }> = [];
    const store = new Keyv();
    const set = store.set.bind(store);
    store.set = (key: string, value: unknown, ttl?: number) => {
      writes.push({ key, ttl });
      return set(key, value, ttl);
    };
    const budget = createTokenBudget({ store, dailyTokens: 100, now: () => new Date('2025-03-01T08:00:00Z') });

    await budget.record('guild-1', 5);

    expect(writes).toEqual([{ key: 'budget:guild-1:2025-03-01', ttl: 2 * 86_400_000 }]);
  });

  it('treats 0 as unlimited, and a null guild (the CLI) as unlimited', async () => {
    const store = new Keyv();
    const unlimited = createTokenBudget({ store, dailyTokens: 0 });
    await unlimited.record('guild-1', 1_000_000);
    await expect(unlimited.assertAvailable('guild-1')).resolves.toBeUndefined();

    const limited = createTokenBudget({ store, dailyTokens: 1 });
    await limited.record(null, 50);
    await expect(limited.assertAvailable(null)).resolves.toBeUndefined();
    await expect(limited.assertAvailable(undefined)).resolves.toBeUndefined();
  });

  it('loses no update when calls finish at the same time', async () => {
    const budget = createTokenBudget({ store: new Keyv(), dailyTokens: 1_000 });

    await Promise.all(Array.from({ length: 20 }, () => budget.record('guild-1', 5)));

    expect(await budget.spentToday('guild-1')).toBe(100);
  });
});

describe('reservations (one process, no Redis)', () => {
  const noon = () => new Date('2025-03-01T12:00:00Z');

  it('lets exactly as many of 20 concurrent calls through as the budget allows', async () => {
    const budget = createTokenBudget({ store: new Keyv(), dailyTokens: 50, now: noon });

    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => budget.reserve('guild-1', 10)));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused).toHaveLength(15);
    for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(TokenBudgetExhaustedError);
    expect(await budget.spentToday('guild-1')).toBe(50);
  });

  it('replaces the estimate with what the call spent, gives it back when nothing was sent, and counts a settle once', async () => {
    const store = new Keyv();
    const budget = createTokenBudget({ store, dailyTokens: 1_000, now: noon });

    const answered = await budget.reserve('guild-1', 300);
    const failed = await budget.reserve('guild-1', 200);
    expect(await budget.spentToday('guild-1')).toBe(500);
    await answered.settle(120);
    await answered.settle(999);
    await failed.settle(0);

    expect(await budget.spentToday('guild-1')).toBe(120);
    expect(await store.get('budget:guild-1:2025-03-01')).toBe(120);
  });

  it('admits nothing once spent, and no limit for a null guild or a 0 budget', async () => {
    const budget = createTokenBudget({ store: new Keyv(), dailyTokens: 100, now: noon });
    await budget.record('guild-1', 100);
    await expect(budget.reserve('guild-1', 1)).rejects.toBeInstanceOf(TokenBudgetExhaustedError);
    await expect(budget.reserve(null, 1_000_000)).resolves.toBeDefined();
    const unlimited = createTokenBudget({ store: new Keyv(), dailyTokens: 0 });
    await expect(unlimited.reserve('guild-1', 1_000_000)).resolves.toBeDefined();
  });
});

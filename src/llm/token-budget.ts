import type Keyv from 'keyv';
import { TokenBudgetExhaustedError } from './errors.js';

/** GUILD_DAILY_TOKENS: what each guild may spend per UTC day. A null guild (the CLI, DMs) is never limited. */
export interface TokenBudget {
  /** @throws TokenBudgetExhaustedError when the guild has spent today's tokens. */
  assertAvailable(guildId: string | null | undefined): Promise<void>;
  record(guildId: string | null | undefined, tokens: number): Promise<void>;
  /** Tokens spent today; for status commands and tests. */
  spentToday(guildId: string): Promise<number>;
}

export interface TokenBudgetOptions {
  /** The durable state store (budgets must survive a restart). */
  store: Keyv;
  /** 0 means unlimited. */
  dailyTokens: number;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
/** A day's counter is read only on its day; two days covers any clock skew between processes. */
const COUNTER_TTL_MS = 2 * DAY_MS;

export function createTokenBudget(options: TokenBudgetOptions): TokenBudget {
  const now = options.now ?? (() => new Date());
  const unlimited = options.dailyTokens <= 0;
  // Read-add-write on a key-value store is not atomic; chaining the writes per key keeps this
  // process from losing its own concurrent updates.
  const pendingWrites = new Map<string, Promise<void>>();

  const keyFor = (guildId: string) => `budget:${guildId}:${now().toISOString().slice(0, 10)}`;
  const spentToday = async (guildId: string) => (await options.store.get<number>(keyFor(guildId))) ?? 0;

  return {
    spentToday,
    async assertAvailable(guildId) {
      if (unlimited || !guildId) return;
      await pendingWrites.get(keyFor(guildId));
      if ((await spentToday(guildId)) >= options.dailyTokens) throw new TokenBudgetExhaustedError(nextUtcMidnight(now()));
    },
    async record(guildId, tokens) {
      if (unlimited || !guildId || tokens <= 0) return;
      const key = keyFor(guildId);
      const write = (pendingWrites.get(key) ?? Promise.resolve()).then(async () => {
        const spent = (await options.store.get<number>(key)) ?? 0;
        await options.store.set(key, spent + tokens, COUNTER_TTL_MS);
      });
      const settled = write.catch(() => undefined);
      pendingWrites.set(key, settled);
      void settled.then(() => {
        if (pendingWrites.get(key) === settled) pendingWrites.delete(key);
      });
      await write;
    },
  };
}

function nextUtcMidnight(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS + DAY_MS);
}

import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { z } from 'zod';
import { articleSchema } from '../article/article-schema.js';
import { createTypedCache } from '../cache/typed-cache.js';
import type { Logger } from '../log.js';

/** What the buttons under a summary need later: the article, the options, and every verified quote. */
export const buttonStateSchema = z.object({
  article: articleSchema,
  language: z.string().nullable(),
  quotes: z.array(z.object({ text: z.string(), speaker: z.string().nullable(), context: z.string() })),
  provider: z.enum(['openai', 'extractive']),
});
export type ButtonState = z.infer<typeof buttonStateSchema>;

/** A custom_id holds 100 characters; a short random id keys the state in the durable store instead. */
const ID_BYTES = 6;
const TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface ButtonStates {
  save(state: ButtonState): Promise<string>;
  /** Undefined when the state has expired (or never existed). */
  load(id: string): Promise<ButtonState | undefined>;
}

/** Kept in the durable state store, so buttons work after a restart, for a week. */
export function createButtonStates(store: Keyv, log?: Logger): ButtonStates {
  const states = createTypedCache<ButtonState>(store, buttonStateSchema, { ttlMs: TTL_MS, ...(log ? { log } : {}) });
  return {
    async save(state) {
      const id = randomBytes(ID_BYTES).toString('base64url');
      await states.set(`button:${id}`, state);
      return id;
    },
    async load(id) {
      if (!/^[\w-]{1,16}$/.test(id)) return undefined;
      return states.get(`button:${id}`);
    },
  };
}

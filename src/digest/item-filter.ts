import { z } from 'zod';

/*
 * A feed's filter, as `/digest filter` sets it and the subscription stores it: which of the feed's
 * items a channel's digest considers. Parsing is in parse-item-filter.ts, matching in
 * match-item-filter.ts.
 */

const filterRuleSchema = z.discriminatedUnion('kind', [
  /** Words or phrases, any of which matches (whole words, any case). */
  z.object({ kind: z.literal('terms'), terms: z.array(z.string()) }),
  /** One regex, without its slashes; always case-insensitive. */
  z.object({ kind: z.literal('regex'), source: z.string() }),
]);

export const itemFilterSchema = z.object({
  /** Keep only items that match; null keeps every item. */
  include: filterRuleSchema.nullable(),
  /** Drop items that match; null drops none. */
  exclude: filterRuleSchema.nullable(),
});

export type FilterRule = z.infer<typeof filterRuleSchema>;
export type ItemFilter = z.infer<typeof itemFilterSchema>;

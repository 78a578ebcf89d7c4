import { z } from 'zod';

/** A direct quote as every part of newsbrief hands it on; checked on every cache read as part of a summary. */
export const quoteSchema = z.object({
  /** Verbatim from the source text, without the surrounding quotation marks. */
  text: z.string(),
  /** The speaker's fullest name found in the source, or null when none is named. */
  speaker: z.string().nullable(),
  /** The sentence(s) the quote sits in, so a reader can judge it. */
  context: z.string(),
});

export type Quote = z.infer<typeof quoteSchema>;

import type { z } from 'zod';
import type { ArticleSummary } from '../summarize/index.js';
import type { Story } from './group-stories.js';

/*
 * What a digest run produces, as data. The digest never builds a message: the delivery side (for
 * the bot, src/discord/render/) turns these into its own messages through a `DigestRenderer`.
 */

export interface DigestEntry {
  story: Story;
  /** Null when the story's page could not be summarised: the story still appears, with a note. */
  summary: ArticleSummary | null;
  showQuotes: boolean;
}

export interface Digest {
  /** E.g. "Morning digest — 25 Nov"; also the name of the thread the later parts go in. */
  title: string;
  /** A short paragraph over the whole digest; null for none. */
  briefing: string | null;
  entries: readonly DigestEntry[];
  /** The run's idempotency key (runKey in run-key.ts); each part's nonce derives from it. */
  runKey: string;
  /** Lines shown under the briefing, e.g. "LLM budget spent — extractive summaries". */
  notes?: readonly string[];
  /** `/digest ping`: the one role the header mentions (and the only one its message may ping); null or absent for none. */
  pingRoleId?: string | null;
  /** The header is a message of its own, the stories come after it: it opens a forum post as its starter message. */
  headerAlone?: boolean;
}

/** A feed's health changed in a way the channel is told about, once each way. */
export type FeedNotice =
  | { kind: 'failing'; feed: { title: string; url: string }; failingSince: string | null; lastError: string | null }
  | { kind: 'recovered'; feed: { title: string; url: string } };

/**
 * How a digest and feed notices become what a channel posts, handed in by the composition root.
 * `Part` is one message, opaque to the digest: it is stored in the run record as it is (JSON) before
 * anything is posted, and sent as it is, so a resumed run sends exactly the same parts.
 */
export interface DigestRenderer<Part> {
  /** The parts of one digest, in order, each with its own nonce derived from `digest.runKey`; none for no entries. */
  parts(digest: Digest): Part[];
  /** A feed notice as one plain line for the channel. */
  notice(notice: FeedNotice): string;
  /** Checks a part read back from a run record (a corrupt one makes the record a miss). */
  partSchema: z.ZodType<Part>;
}

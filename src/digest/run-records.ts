import type Keyv from 'keyv';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';
import type { FeedItem } from './feed-item.js';
import type { SeenExtra } from './seen-stories.js';

/** Longer than any catch-up window and than Discord's nonce memory: the record is what remembers after that. */
const RECORD_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** The record of a run whose parts `partSchema` checks. */
function recordSchemaOf<Part>(partSchema: z.ZodType<Part>) {
  return z.object({
    key: z.string(),
    channelId: z.string(),
    /** composed: the messages are fixed and the stories marked seen; done: every part is posted (or there were none). */
    status: z.enum(['composed', 'done']),
    title: z.string(),
    stories: z.number(),
    /** The exact parts to post, as the renderer made them. */
    messages: z.array(partSchema),
    /** The id of each part once Discord accepted it; a resumed run posts only the parts without one. */
    postedIds: z.array(z.string().nullable()),
    /** Where parts after the first go: a thread on the first message, or the channel itself when a thread was refused. */
    continueIn: z.string().nullable(),
    /** The channel is a forum: the first part opens a new post there, and the rest go in that post. */
    opensPost: z.boolean().optional(),
    /**
     * Set just before the post is opened: a run resumed with it set and no id for the first part may
     * have opened its post unrecorded (a forum post takes no nonce), so it looks for that post first.
     */
    postAttempted: z.boolean().optional(),
    createdAt: z.number(),
    /**
     * What the run marks seen, kept until it is marked: a crash between writing the record and
     * marking resumes by marking, so a resumed digest's stories are never posted again later.
     */
    pendingSeen: z.array(z.object({
      item: z.object({
        feedUrl: z.string(), feedTitle: z.string(), guid: z.string().nullable(), link: z.string().nullable(), title: z.string(), publishedAt: z.number().nullable(),
      }),
      canonicalUrl: z.string().nullable(),
      textHash: z.string().nullable(),
    })),
    /** New feeds whose first run this is, initialised with the seen marks. */
    pendingFeeds: z.array(z.string()),
  });
}

export interface PendingSeen {
  item: FeedItem;
  extra: SeenExtra;
}

type StoredRecord<Part> = z.infer<ReturnType<typeof recordSchemaOf<Part>>>;

export type RunRecord<Part> = Omit<StoredRecord<Part>, 'messages' | 'pendingSeen'> & { messages: Part[]; pendingSeen: PendingSeen[] };

export interface RunRecords<Part> {
  get(key: string): Promise<RunRecord<Part> | undefined>;
  set(record: RunRecord<Part>): Promise<void>;
}

/**
 * The idempotency record of each digest run, in durable state under its run key. It is written
 * before anything is posted (with the exact messages, so a resumed run sends the same parts with
 * the same nonces) and after each part, so a crash at any step resumes instead of posting twice.
 */
export function createRunRecords<Part>(store: Keyv, partSchema: z.ZodType<Part>): RunRecords<Part> {
  const records = createTypedCache(store, recordSchemaOf(partSchema), { ttlMs: RECORD_TTL_MS });
  return {
    async get(key) {
      const record = await records.get(key);
      if (!record) return undefined;
      return {
        ...record,
        pendingSeen: record.pendingSeen.map(({ item, canonicalUrl, textHash }) => ({
          item: { ...item, publishedAt: item.publishedAt === null ? null : new Date(item.publishedAt) },
          extra: { canonicalUrl, textHash },
        })),
      };
    },
    async set(record) {
      await records.set(record.key, {
        ...record,
        pendingSeen: record.pendingSeen.map(({ item, extra }) => ({
          item: { ...item, publishedAt: item.publishedAt?.getTime() ?? null },
          canonicalUrl: extra.canonicalUrl ?? null,
          textHash: extra.textHash ?? null,
        })),
      });
    },
  };
}

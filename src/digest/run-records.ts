import type Keyv from 'keyv';
import type { APIEmbed } from 'discord.js';
import { z } from 'zod';
import { createTypedCache } from '../cache/typed-cache.js';
import type { FeedItem } from './feed-item.js';
import type { DigestMessage } from './render-digest.js';
import type { SeenExtra } from './seen-stories.js';

/** Longer than any catch-up window and than Discord's nonce memory: the record is what remembers after that. */
const RECORD_TTL_MS = 14 * 24 * 60 * 60 * 1000;

const recordSchema = z.object({
  key: z.string(),
  channelId: z.string(),
  /** composed: the messages are fixed and the stories marked seen; done: every part is posted (or there were none). */
  status: z.enum(['composed', 'done']),
  title: z.string(),
  stories: z.number(),
  messages: z.array(
    z.object({
      embeds: z.array(z.looseObject({})),
      nonce: z.string(),
    }),
  ),
  /** The id of each part once Discord accepted it; a resumed run posts only the parts without one. */
  postedIds: z.array(z.string().nullable()),
  /** Where parts after the first go: a thread on the first message, or the channel itself when a thread was refused. */
  continueIn: z.string().nullable(),
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

export interface PendingSeen {
  item: FeedItem;
  extra: SeenExtra;
}

export type RunRecord = Omit<z.infer<typeof recordSchema>, 'messages' | 'pendingSeen'> & { messages: DigestMessage[]; pendingSeen: PendingSeen[] };

export interface RunRecords {
  get(key: string): Promise<RunRecord | undefined>;
  set(record: RunRecord): Promise<void>;
}

/**
 * The idempotency record of each digest run, in durable state under its run key. It is written
 * before anything is posted (with the exact messages, so a resumed run sends the same parts with
 * the same nonces) and after each part, so a crash at any step resumes instead of posting twice.
 */
export function createRunRecords(store: Keyv): RunRecords {
  const records = createTypedCache(store, recordSchema, { ttlMs: RECORD_TTL_MS });
  return {
    async get(key) {
      const record = await records.get(key);
      if (!record) return undefined;
      return {
        ...record,
        messages: record.messages.map((message) => ({
          embeds: message.embeds as APIEmbed[],
          nonce: message.nonce,
          enforceNonce: true,
          allowedMentions: { parse: [] },
        })),
        pendingSeen: record.pendingSeen.map(({ item, canonicalUrl, textHash }) => ({
          item: { ...item, publishedAt: item.publishedAt === null ? null : new Date(item.publishedAt) },
          extra: { canonicalUrl, textHash },
        })),
      };
    },
    async set(record) {
      await records.set(record.key, {
        ...record,
        messages: record.messages.map((message) => ({ embeds: message.embeds as Array<Record<string, unknown>>, nonce: message.nonce })),
        pendingSeen: record.pendingSeen.map(({ item, extra }) => ({
          item: { ...item, publishedAt: item.publishedAt?.getTime() ?? null },
          canonicalUrl: extra.canonicalUrl ?? null,
          textHash: extra.textHash ?? null,
        })),
      });
    },
  };
}

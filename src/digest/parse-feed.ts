import { createHash } from 'node:crypto';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import type { FeedItem } from './feed-item.js';
import { createHtmlTextDecoder, type HtmlTextDecoder } from './html-text.js';
import { absoluteHttpUrl } from '../article/absolute-http-url.js';
import { shortenForMessage } from '../article/shorten-for-message.js';
import { lazyModule } from '../lazy-module.js';

/** Loaded when the first feed is read: a bot with no digest never needs it. */
const feedsmith = lazyModule<typeof import('feedsmith')>('feedsmith');

export interface ParsedFeed {
  title: string;
  items: FeedItem[];
  /** RSS `<ttl>`: how long the publisher asks readers to cache the feed; null when absent. */
  ttlMinutes: number | null;
}

/** One item before it becomes a `FeedItem`: every format maps onto this. */
interface RawItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  date: string | null;
  description: string | null;
  categories: string[];
}

/**
 * Items read from one feed: real feeds list 10 to 100, newest first, and a run posts a handful.
 * A 5 MiB feed can list 70,000; those past this many are never stories we would post.
 */
export const MAX_FEED_ITEMS = 1_000;
/**
 * A feed or item title is cut to this many characters before its markup is decoded (a title of
 * 100,000 escaped nested elements overflowed the stack of the HTML parser), and to the shorter
 * length after: real titles run to 200 or 300.
 */
const MAX_RAW_TITLE_CHARS = 2_000;
export const MAX_FEED_TITLE_CHARS = 300;
/**
 * An item's description is read only by feed filters, and is stored with the item (200 a feed):
 * its text is kept to this many characters. Its markup is cut to MAX_RAW_TITLE_CHARS before it is
 * decoded, as a title's is, for the same reason.
 */
export const MAX_ITEM_DESCRIPTION_CHARS = 500;
/** Categories kept for an item, and the characters of each: real items carry a handful of short ones. */
export const MAX_ITEM_CATEGORIES = 10;
const MAX_CATEGORY_CHARS = 100;

const NOT_A_FEED_MESSAGE = 'That address is not an RSS, Atom or JSON feed.';

/*
 * Schemas for the parts of feedsmith's output we read. feedsmith turns XML or JSON into plain
 * objects without fetching or running anything; these check that what came back has the shape
 * we rely on, since the feed itself is untrusted input.
 */
const optionalText = z.string().optional();
const dcSchema = z.object({ dates: z.array(z.string()).optional(), subjects: z.array(z.string()).optional().catch(undefined) }).optional();
/** Descriptions and categories only feed filters: an odd one is dropped, never the item with it. */
const looseText = optionalText.catch(undefined);
const looseList = <T extends z.ZodType>(entry: T) => z.array(entry).optional().catch(undefined);

const rssItemSchema = z.object({
  title: optionalText,
  link: optionalText,
  guid: z.object({ value: optionalText, isPermaLink: z.boolean().optional() }).optional(),
  pubDate: optionalText,
  description: looseText,
  categories: looseList(z.object({ name: optionalText })),
  dc: dcSchema,
});
const rssFeedSchema = z.object({
  title: optionalText,
  ttl: z.number().int().positive().optional(),
  items: z.array(z.unknown()).optional(),
});

const rdfItemSchema = z.object({
  title: optionalText,
  link: optionalText,
  rdf: z.object({ about: optionalText }).optional(),
  description: looseText,
  dc: dcSchema,
});
const rdfFeedSchema = z.object({ title: optionalText, items: z.array(z.unknown()).optional() });

const atomTextSchema = z.object({ value: optionalText }).optional();
const atomEntrySchema = z.object({
  id: optionalText,
  title: atomTextSchema,
  links: z.array(z.object({ href: optionalText, rel: optionalText })).optional(),
  published: optionalText,
  updated: optionalText,
  summary: atomTextSchema.catch(undefined),
  content: atomTextSchema.catch(undefined),
  categories: looseList(z.object({ term: optionalText, label: optionalText })),
});
const atomFeedSchema = z.object({ title: atomTextSchema, entries: z.array(z.unknown()).optional() });

const jsonItemSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  url: optionalText,
  external_url: optionalText,
  title: optionalText,
  date_published: optionalText,
  date_modified: optionalText,
  summary: looseText,
  content_text: looseText,
  content_html: looseText,
  tags: looseList(z.string()),
});
const jsonFeedSchema = z.object({ title: optionalText, items: z.array(z.unknown()).optional() });

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed document into `FeedItem`s.
 * Links are resolved against `feedUrl`; items with neither a title nor a link are dropped,
 * and an item whose own shape is unexpected is skipped rather than failing the whole feed.
 * Throws `UserFacingError('not_a_feed')` when the body is none of those formats.
 */
export function parseFeed(body: string, feedUrl: string): ParsedFeed {
  const parsed = parseAnyFeed(body);
  const decoder = createHtmlTextDecoder();
  const { title, ttlMinutes, rawItems } = readFeed(parsed);
  const feedTitle = cleanText(title, decoder) ?? hostnameOf(feedUrl);
  const items: FeedItem[] = [];
  for (const raw of rawItems) {
    const itemTitle = cleanText(raw.title, decoder);
    const link = absoluteHttpUrl(raw.link, feedUrl);
    if (itemTitle === null && link === null) continue;
    const description = cleanDescription(raw.description, decoder);
    const categories = cleanCategories(raw.categories, decoder);
    items.push({
      feedUrl,
      feedTitle,
      guid: boundedGuid(cleanText(raw.guid, null, Infinity)),
      link,
      title: itemTitle ?? link ?? '',
      publishedAt: parseDate(raw.date),
      ...(description === null ? {} : { description }),
      ...(categories.length === 0 ? {} : { categories }),
    });
  }
  return { title: feedTitle, items, ttlMinutes };
}

type AnyFeed = ReturnType<typeof import('feedsmith').parseFeed>;

function parseAnyFeed(body: string): AnyFeed {
  const text = body.replace(/^\uFEFF/, '').trimStart();
  try {
    if (text.startsWith('{')) {
      // JSON Feed is recognised by its leading brace; feedsmith then checks it is a feed.
      return { format: 'json', feed: feedsmith().parseJsonFeed(JSON.parse(text) as unknown) };
    }
    return feedsmith().parseFeed(text);
  } catch (error) {
    throw new UserFacingError('not_a_feed', NOT_A_FEED_MESSAGE, { cause: error });
  }
}

function readFeed(parsed: AnyFeed): { title: string | null; ttlMinutes: number | null; rawItems: RawItem[] } {
  switch (parsed.format) {
    case 'rss': {
      const feed = validate(rssFeedSchema, parsed.feed);
      return {
        title: feed.title ?? null,
        ttlMinutes: feed.ttl ?? null,
        rawItems: readItems(feed.items, rssItemSchema, (item) => {
          const guid = item.guid?.value ?? null;
          // A permalink GUID (the default) is the item's URL when it has no <link>.
          const guidLink = guid !== null && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : null;
          return {
            guid,
            link: item.link ?? guidLink,
            title: item.title ?? null,
            date: item.pubDate ?? item.dc?.dates?.[0] ?? null,
            description: item.description ?? null,
            categories: [...(item.categories ?? []).flatMap((category) => category.name ?? []), ...(item.dc?.subjects ?? [])],
          };
        }),
      };
    }
    case 'rdf': {
      const feed = validate(rdfFeedSchema, parsed.feed);
      return {
        title: feed.title ?? null,
        ttlMinutes: null,
        rawItems: readItems(feed.items, rdfItemSchema, (item) => ({
          guid: item.rdf?.about ?? null,
          link: item.link ?? item.rdf?.about ?? null,
          title: item.title ?? null,
          date: item.dc?.dates?.[0] ?? null,
          description: item.description ?? null,
          categories: item.dc?.subjects ?? [],
        })),
      };
    }
    case 'atom': {
      const feed = validate(atomFeedSchema, parsed.feed);
      return {
        title: feed.title?.value ?? null,
        ttlMinutes: null,
        rawItems: readItems(feed.entries, atomEntrySchema, (entry) => ({
          guid: entry.id ?? null,
          // A link without rel is rel="alternate" (RFC 4287 §4.2.7.2); self, edit, enclosure and the like are not the story.
          link: entry.links?.find((candidate) => (candidate.rel ?? 'alternate') === 'alternate')?.href ?? null,
          title: entry.title?.value ?? null,
          date: entry.published ?? entry.updated ?? null,
          description: entry.summary?.value ?? entry.content?.value ?? null,
          categories: (entry.categories ?? []).flatMap((category) => category.label ?? category.term ?? []),
        })),
      };
    }
    case 'json': {
      const feed = validate(jsonFeedSchema, parsed.feed);
      return {
        title: feed.title ?? null,
        ttlMinutes: null,
        rawItems: readItems(feed.items, jsonItemSchema, (item) => ({
          guid: item.id === undefined ? null : String(item.id),
          link: item.url ?? item.external_url ?? null,
          title: item.title ?? null,
          date: item.date_published ?? item.date_modified ?? null,
          description: item.summary ?? item.content_text ?? item.content_html ?? null,
          categories: item.tags ?? [],
        })),
      };
    }
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UserFacingError('not_a_feed', NOT_A_FEED_MESSAGE, { cause: result.error });
  return result.data;
}

function readItems<T>(items: unknown[] | undefined, schema: z.ZodType<T>, toRaw: (item: T) => RawItem): RawItem[] {
  const rawItems: RawItem[] = [];
  for (const item of (items ?? []).slice(0, MAX_FEED_ITEMS)) {
    const result = schema.safeParse(item);
    if (result.success) rawItems.push(toRaw(result.data));
  }
  return rawItems;
}

/** Decodes entities (feeds often escape HTML twice), drops markup and collapses whitespace. */
function cleanText(value: string | null, decoder: HtmlTextDecoder | null, maxChars = MAX_FEED_TITLE_CHARS): string | null {
  if (value === null) return null;
  const raw = decoder ? value.slice(0, MAX_RAW_TITLE_CHARS) : value;
  const text = (decoder ? decoder(raw) : raw).replace(/\s+/g, ' ').trim();
  return text === '' ? null : shortenForMessage(text, maxChars);
}

/**
 * A description as plain text, or null. Markup that still defeats the decoder (it is cut first, as
 * titles are) costs the item its description, not the feed its items.
 */
function cleanDescription(value: string | null, decoder: HtmlTextDecoder): string | null {
  try {
    return cleanText(value, decoder, MAX_ITEM_DESCRIPTION_CHARS);
  } catch {
    return null;
  }
}

/** Each category once, as plain text, at most MAX_ITEM_CATEGORIES of them. */
function cleanCategories(values: readonly string[], decoder: HtmlTextDecoder): string[] {
  const kept = new Set<string>();
  for (const value of values) {
    if (kept.size >= MAX_ITEM_CATEGORIES) break;
    let text: string | null = null;
    try {
      text = cleanText(value, decoder, MAX_CATEGORY_CHARS);
    } catch {
      continue;
    }
    if (text !== null) kept.add(text);
  }
  return [...kept];
}

/** A GUID is an identity, so it is never cut (two long ones would become one); one too long to store is kept as its hash. */
function boundedGuid(guid: string | null): string | null {
  if (guid === null || guid.length <= MAX_FEED_TITLE_CHARS) return guid;
  return `sha256:${createHash('sha256').update(guid).digest('hex')}`;
}

function parseDate(value: string | null): Date | null {
  if (value === null || value.trim() === '') return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

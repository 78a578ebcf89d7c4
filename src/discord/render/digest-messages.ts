import { embedLength, type APIEmbed, type APIEmbedField } from 'discord.js';
import { absoluteHttpUrl } from '../../article/absolute-http-url.js';
import type { Digest, DigestEntry } from '../../digest/digest.js';
import { withoutTracking } from '../../digest/normalise-link.js';
import { messageNonce } from '../../digest/run-key.js';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, EMBED_FOOTER_TEXT_MAX, EMBED_TITLE_MAX, EMBED_TOTAL_MAX, EMBEDS_PER_MESSAGE_MAX } from './discord-limits.js';
import { clean, embedTimestamp, FIELD_NOTES, FIELD_QUOTES, formatQuote, plainLine, renderBullets, renderNotes } from './embed-text.js';
import { fitLines, fitText } from './fit-text.js';
import { NO_MENTIONS } from './neutralise-mentions.js';
import { packInOrder } from './pack-in-order.js';

/** One message of a digest run, as stored in its run record before anything is posted and sent as it is. */
export interface DigestMessage {
  embeds: APIEmbed[];
  /** messageNonce(runKey, part): at most 25 characters, distinct per part, the same on a retry. */
  nonce: string;
  /** With this, Discord drops a second message with the same nonce sent shortly after the first. */
  enforceNonce: true;
  /** The header's only text: the mention of the role `/digest ping` chose. Nothing else is ever content. */
  content?: string;
  /** NO_MENTIONS, or on a header with a ping exactly that one role (see `pingParts`). */
  allowedMentions: DigestMentions;
}

/** Pings nothing, or (on a header) exactly the roles listed: `parse` stays empty, so `@everyone` in any text never pings. */
export type DigestMentions = { readonly parse: readonly []; readonly roles?: readonly string[] };

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * The header's ping: the role's mention as the message's text, and `allowedMentions` that lets
 * through that one role id and nothing else, so a story that says `@everyone` or mentions another
 * role still pings no one. No role (or anything that is not a role id): no text, no mentions.
 */
export function pingParts(roleId: string | null | undefined): Pick<DigestMessage, 'content' | 'allowedMentions'> {
  if (!roleId || !SNOWFLAKE.test(roleId)) return { allowedMentions: NO_MENTIONS };
  return { content: `<@&${roleId}>`, allowedMentions: Object.freeze({ parse: Object.freeze([] as const), roles: Object.freeze([roleId]) }) };
}

/** The role a stored header's text mentions, when that text is a ping (`pingParts`) and nothing else. */
export function pingedRoleOf(content: string | undefined): string | null {
  return /^<@&(\d{17,20})>$/.exec(content ?? '')?.[1] ?? null;
}

/**
 * What Discord is sent for a part, without its nonce: the body of a channel message, and the
 * `message` of a forum post's starter message alike, so that both carry the same things.
 */
export function digestMessageBody(message: DigestMessage) {
  const { nonce: _nonce, enforceNonce: _enforceNonce, allowedMentions, ...rest } = message;
  return { ...rest, allowed_mentions: allowedMentions };
}

/*
 * Room for each part of the digest. A story embed is at most ~1,700 characters (title 256,
 * bullets 900, quotes 10 + 400, footer 150), so at least three fit in one message, and the header
 * (title 256, briefing 2,000, notes 5 + 500) leaves room for a story beside it.
 */
const BRIEFING_MAX = 2000;
const HEADER_NOTES_MAX = 500;
const STORY_BULLETS_MAX = 900;
/** One bullet over this is cut at a sentence or word boundary, so it cannot crowd out the rest. */
const BULLET_MAX = 300;
const QUOTES_SHOWN = 2;
const QUOTES_FIELD_MAX = 400;
const SOURCES_FOOTER_MAX = 150;

const SOURCE_SEPARATOR = ' · ';
const SUMMARY_UNAVAILABLE = '_Summary unavailable: the page could not be summarised._';
const UNTITLED_STORY = 'Untitled story';
const UNTITLED_DIGEST = 'Digest';

/**
 * The messages of one digest run: a header embed (title, briefing, notes), then one embed per story
 * (title linking to the story without its tracking parameters, the summary's bullets, up to two
 * quotes when asked, the sources in the footer), in order, in one message when they fit (10 embeds,
 * 6,000 characters) and otherwise split evenly (`splitStories`). With `headerAlone` (a forum post's
 * starter message) the header is a message of its own and the stories are split after it. No
 * entries, no messages: an empty digest posts nothing.
 */
export function renderDigestMessages(digest: Digest): DigestMessage[] {
  if (digest.entries.length === 0) return [];
  const header = headerEmbed(digest);
  const stories = digest.entries.map(storyEmbed);
  const counts = digest.headerAlone ? [0, ...splitStories(null, stories.map(embedLength))] : splitStories(embedLength(header), stories.map(embedLength));

  const groups: APIEmbed[][] = [];
  let next = 0;
  for (const [part, count] of counts.entries()) {
    groups.push([...(part === 0 ? [header] : []), ...stories.slice(next, next + count)]);
    next += count;
  }

  return groups.map((group, part) => ({
    embeds: group,
    nonce: messageNonce(digest.runKey, part),
    enforceNonce: true,
    // Only the header pings, and only the chosen role; the stories' parts ping no one.
    ...pingParts(part === 0 ? digest.pingRoleId : null),
  }));
}

/** Parts looked at beyond the fewest possible before settling for the fewest. */
const EXTRA_PARTS_TRIED = 3;

/**
 * How many stories each message of a digest holds, in order; the header goes first in the first.
 * Everything in one message when it fits (10 embeds, 6,000 characters). Otherwise the fewest
 * messages in which no story stands alone while another message holds several, as evenly filled
 * as the sizes allow (ten stories: the header and five, then five; never nine and one). The first
 * message keeps at least its share of stories with the header when it can, else the header alone.
 * A null `headerSize`: the messages carry stories only (the header is posted on its own).
 */
export function splitStories(headerSize: number | null, storySizes: readonly number[]): number[] {
  const total = storySizes.length;
  const prefix = [0];
  for (const size of storySizes) prefix.push((prefix[prefix.length - 1] ?? 0) + size);
  const fits = (from: number, to: number, withHeader: boolean): boolean => {
    const header = withHeader && headerSize !== null;
    const embeds = to - from + (header ? 1 : 0);
    const characters = (prefix[to] ?? 0) - (prefix[from] ?? 0) + (header ? headerSize : 0);
    return embeds <= EMBEDS_PER_MESSAGE_MAX && characters <= EMBED_TOTAL_MAX;
  };
  if (fits(0, total, true)) return [total];

  const fewest = greedyCounts(total, fits).length;
  // Without a header, a first message of no stories would be an empty one.
  const hasHeader = headerSize !== null;
  for (let parts = fewest; parts <= Math.min(total + 1, fewest + EXTRA_PARTS_TRIED); parts += 1) {
    const found = balancedCounts(total, parts, fits, true, hasHeader);
    if (found) return found;
  }
  return balancedCounts(total, fewest, fits, false, hasHeader) ?? greedyCounts(total, fits);
}

type Fits = (from: number, to: number, withHeader: boolean) => boolean;

/** As many stories in each message as fit, in order: the fewest messages, not the most even. */
function greedyCounts(total: number, fits: Fits): number[] {
  // A story too large for any message still gets one of its own (the renderer keeps each far below).
  return packInOrder(total, (part, from, to) => ((part > 0 && to - from === 1) || fits(from, to, part === 0) ? 'fits' : 'full'));
}

/**
 * `parts` messages whose story counts lie in the narrowest window [low, high] that the sizes allow.
 * With `noLoneStory`, only windows where no message holds a single story beside one that holds
 * several (low ≥ 2, or every message one story). The header's message shares the window; failing
 * that, it may carry the header alone.
 */
function balancedCounts(total: number, parts: number, fits: Fits, noLoneStory: boolean, hasHeader = true): number[] | null {
  for (const headerAlone of hasHeader ? [false, true] : [false]) {
    const counted = headerAlone ? parts - 1 : parts;
    if (counted < 1) continue;
    for (let spread = 0; spread < total; spread += 1) {
      for (let low = Math.floor(total / counted); low >= 1; low -= 1) {
        const high = low + spread;
        if (high * counted < total) break;
        if (noLoneStory && low < 2 && high > 1) continue;
        const counts = countsWithin(total, parts, low, high, headerAlone, fits);
        if (counts) return counts;
      }
    }
  }
  return null;
}

/** One split into `parts` messages of `low`..`high` stories each (the first holds none when `headerAlone`), fuller first; null when none fits. */
function countsWithin(total: number, parts: number, low: number, high: number, headerAlone: boolean, fits: Fits): number[] | null {
  const dead = new Set<number>();
  const from = (part: number, start: number): number[] | null => {
    if (part === parts) return start === total ? [] : null;
    const key = part * (total + 1) + start;
    if (dead.has(key)) return null;
    const withHeader = part === 0;
    const [fewest, most] = withHeader && headerAlone ? [0, 0] : [low, high];
    for (let count = Math.min(most, total - start); count >= fewest; count -= 1) {
      if (!fits(start, start + count, withHeader)) continue;
      const rest = from(part + 1, start + count);
      if (rest) return [count, ...rest];
    }
    dead.add(key);
    return null;
  };
  return from(0, 0);
}

function headerEmbed({ title, briefing, notes = [] }: Digest): APIEmbed {
  const description = fitText(clean(briefing ?? ''), Math.min(BRIEFING_MAX, EMBED_DESCRIPTION_MAX));
  const noteLines = renderNotes(notes, Math.min(HEADER_NOTES_MAX, EMBED_FIELD_VALUE_MAX));
  return {
    title: plainLine(title, EMBED_TITLE_MAX) || UNTITLED_DIGEST,
    ...(description ? { description } : {}),
    ...(noteLines ? { fields: [{ name: FIELD_NOTES, value: noteLines }] } : {}),
  };
}

function storyEmbed({ story, summary, showQuotes }: DigestEntry): APIEmbed {
  const url = shownLink(story.link) ?? (summary ? shownLink(summary.article.source.url) : null);
  const title = plainLine(story.title, EMBED_TITLE_MAX) || (summary ? plainLine(summary.result.headline, EMBED_TITLE_MAX) : '') || UNTITLED_STORY;
  const description = summary ? storyBullets(summary.result.bullets) || SUMMARY_UNAVAILABLE : SUMMARY_UNAVAILABLE;

  const fields: APIEmbedField[] = [];
  if (summary && showQuotes) {
    const quotes = summary.result.quotes.filter((quote) => quote.text.trim());
    const value = fitLines(
      quotes.map((quote) => formatQuote(quote, QUOTES_FIELD_MAX)),
      Math.min(QUOTES_FIELD_MAX, EMBED_FIELD_VALUE_MAX),
      '\n',
      { maxLines: QUOTES_SHOWN },
    ).text;
    if (value) fields.push({ name: FIELD_QUOTES, value });
  }

  const footer = sourcesLine(story.sources);
  return {
    title,
    ...(url ? { url } : {}),
    description,
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer ? { footer: { text: footer } } : {}),
    ...embedTimestamp(story.publishedAt),
  };
}

/** "• " lines in at most STORY_BULLETS_MAX characters; long bullets are cut, and ones that do not fit are counted. */
function storyBullets(bullets: readonly string[]): string {
  return renderBullets(bullets.map(clean).filter(Boolean), {
    budget: Math.min(STORY_BULLETS_MAX, EMBED_DESCRIPTION_MAX),
    longest: BULLET_MAX,
    overflow: (omitted) => `_${omitted} more ${omitted === 1 ? 'point' : 'points'}._`,
  });
}

/** "BBC · Reuters": each source once, in order. */
function sourcesLine(sources: readonly string[]): string {
  const names = [...new Set(sources.map((source) => plainLine(source, SOURCES_FOOTER_MAX)).filter(Boolean))];
  return fitText(names.join(SOURCE_SEPARATOR), Math.min(SOURCES_FOOTER_MAX, EMBED_FOOTER_TEXT_MAX));
}

/** A link as a reader gets it: http(s) only, tracking parameters removed. */
function shownLink(link: string | null): string | null {
  const url = absoluteHttpUrl(link, null);
  return url === null ? null : withoutTracking(url);
}


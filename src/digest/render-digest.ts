import type { APIEmbed, APIEmbedField } from 'discord.js';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE_MAX,
  measureEmbed,
} from '../discord/render/discord-limits.js';
import { fitLines, fitText } from '../discord/render/fit-text.js';
import { neutraliseMentions } from '../discord/render/neutralise-mentions.js';
import { formatQuote, noMentions } from '../discord/render/summary-embed.js';
import type { ArticleSummary } from '../summarize/summarize-article.js';
import type { Story } from './group-stories.js';
import { messageNonce } from './run-key.js';
import { clean, embedTimestamp, flatten, linkable } from '../discord/render/embed-text.js';

export interface DigestEntry {
  story: Story;
  /** Null when the story's page could not be summarised: the story still appears, with a note. */
  summary: ArticleSummary | null;
  showQuotes: boolean;
}

export interface DigestInput {
  /** E.g. "Morning digest — 25 Nov". */
  title: string;
  /** A short paragraph over the whole digest; null for none. */
  briefing: string | null;
  entries: readonly DigestEntry[];
  /** The run's idempotency key (runKey in run-key.ts); each message's nonce derives from it. */
  runKey: string;
  /** Lines shown under the briefing, e.g. "LLM budget spent — extractive summaries". */
  notes?: readonly string[];
}

export interface DigestMessage {
  embeds: APIEmbed[];
  /** messageNonce(runKey, part): at most 25 characters, distinct per part, the same on a retry. */
  nonce: string;
  /** With this, Discord drops a second message with the same nonce sent shortly after the first. */
  enforceNonce: true;
  allowedMentions: { parse: [] };
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

const FIELD_QUOTES = 'Key quotes';
const FIELD_NOTES = 'Notes';
const SOURCE_SEPARATOR = ' · ';
const SUMMARY_UNAVAILABLE = '_Summary unavailable: the page could not be summarised._';
const UNTITLED_STORY = 'Untitled story';
const UNTITLED_DIGEST = 'Digest';

/**
 * The messages of one digest run: a header embed (title, briefing, notes), then one embed per story
 * (title linking to the story, the summary's bullets, up to two quotes when asked, the sources in
 * the footer), packed in order into as many messages as needed, each with at most 10 embeds and
 * 6,000 characters. No entries, no messages: an empty digest posts nothing.
 */
export function renderDigestMessages(input: DigestInput): DigestMessage[] {
  if (input.entries.length === 0) return [];
  const embeds = [headerEmbed(input), ...input.entries.map(storyEmbed)];

  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  for (const embed of embeds) {
    const size = measureEmbed(embed);
    if (current.length > 0 && (current.length >= EMBEDS_PER_MESSAGE_MAX || used + size > EMBED_TOTAL_MAX)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(embed);
    used += size;
  }
  groups.push(current);

  return groups.map((group, part) => ({
    embeds: group,
    nonce: messageNonce(input.runKey, part),
    enforceNonce: true,
    allowedMentions: noMentions(),
  }));
}

function headerEmbed({ title, briefing, notes = [] }: DigestInput): APIEmbed {
  const description = fitText(clean(briefing ?? ''), Math.min(BRIEFING_MAX, EMBED_DESCRIPTION_MAX));
  const noteLines = fitLines(
    notes.map(clean).filter(Boolean).map((note) => `⚠️ ${note}`),
    Math.min(HEADER_NOTES_MAX, EMBED_FIELD_VALUE_MAX),
    '\n',
    { overflow: (omitted) => `_${omitted} more ${omitted === 1 ? 'note' : 'notes'}._` },
  ).text;
  return {
    title: plainLine(title, EMBED_TITLE_MAX) || UNTITLED_DIGEST,
    ...(description ? { description } : {}),
    ...(noteLines ? { fields: [{ name: FIELD_NOTES, value: noteLines }] } : {}),
  };
}

function storyEmbed({ story, summary, showQuotes }: DigestEntry): APIEmbed {
  const url = linkable(story.link) ?? (summary ? linkable(summary.article.source.url) : null);
  const title = plainLine(story.title, EMBED_TITLE_MAX) || (summary ? plainLine(summary.result.headline, EMBED_TITLE_MAX) : '') || UNTITLED_STORY;
  const description = summary ? renderBullets(summary.result.bullets) || SUMMARY_UNAVAILABLE : SUMMARY_UNAVAILABLE;

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
function renderBullets(bullets: readonly string[]): string {
  const lines = bullets
    .map(clean)
    .filter(Boolean)
    .map((bullet) => `• ${fitText(bullet, BULLET_MAX)}`);
  return fitLines(lines, Math.min(STORY_BULLETS_MAX, EMBED_DESCRIPTION_MAX), '\n', {
    overflow: (omitted) => `_${omitted} more ${omitted === 1 ? 'point' : 'points'}._`,
  }).text;
}

/** "BBC · Reuters": each source once, in order. */
function sourcesLine(sources: readonly string[]): string {
  const names = [...new Set(sources.map((source) => plainLine(source, SOURCES_FOOTER_MAX)).filter(Boolean))];
  return fitText(names.join(SOURCE_SEPARATOR), Math.min(SOURCES_FOOTER_MAX, EMBED_FOOTER_TEXT_MAX));
}

/** One line of plain text with mentions neutralised, at most `max` characters. */
function plainLine(text: string, max: number): string {
  return fitText(neutraliseMentions(flatten(text)), max);
}


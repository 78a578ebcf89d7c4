import {
  ButtonStyle,
  ComponentType,
  embedLength,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { absoluteHttpUrl } from '../../article/absolute-http-url.js';
import type { Article } from '../../article/types.js';
import type { Quote } from '../../quotes/index.js';
import { summaryFooterLine, type ArticleSummary } from '../../summarize/index.js';
import {
  BUTTON_URL_MAX,
  CUSTOM_ID_MAX,
  EMBED_AUTHOR_NAME_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE_MAX,
  measureEmbeds,
} from './discord-limits.js';
import { clean, embedTimestamp, FIELD_NOTES, FIELD_QUOTES, formatQuote, plainLine, renderBullets, renderNotes } from './embed-text.js';
import { fitLines, fitText } from './fit-text.js';
import { NO_MENTIONS } from './neutralise-mentions.js';
import { packInOrder } from './pack-in-order.js';

/**
 * Every payload built here carries `allowedMentions: NO_MENTIONS`, and article text goes only in
 * embeds, never in `content`. The interaction boundary and the client's defaults set the same
 * allowedMentions again: a second lock, not a reason to leave this one out.
 */
export interface RenderedMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
}

export interface SummaryMessageOptions {
  /** custom_id of the More detail button (`more:<shortid>`); no button without it. At most 100 characters. */
  moreDetailId?: string;
  /** custom_id of the Quotes button (`quotes:<shortid>`); no button without it, or when there are no quotes. At most 100 characters. */
  quotesId?: string;
  /** custom_id of the Ask button (`ask:<shortid>`), which opens a box for a question about the article; no button without it. */
  askId?: string;
  /**
   * Whether the reply is private. It changes nothing in the payload: visibility is fixed when the
   * reply is deferred, and editReply cannot change it.
   */
  ephemeral?: boolean;
}

export interface QuotesMessageMeta {
  title: string;
  /** The source's link; no link for pasted text. */
  url: string | null;
  footer: string;
}

/** A link reply shows at most this many summaries (find-article-links returns at most three links). */
export const SUMMARIES_PER_MESSAGE = 3;

/** How much room each part of a summary embed may take: one summary gets more than each of several. */
interface EmbedCaps {
  author: number;
  footer: number;
  quotesField: number;
  quotesShown: number;
  notesField: number;
  claimsField: number;
  claimsShown: number;
  claimChars: number;
}
const SINGLE: EmbedCaps = {
  author: EMBED_AUTHOR_NAME_MAX,
  footer: 512,
  quotesField: EMBED_FIELD_VALUE_MAX,
  quotesShown: 5,
  notesField: EMBED_FIELD_VALUE_MAX,
  claimsField: 512,
  claimsShown: 3,
  claimChars: 200,
};
const COMPACT: EmbedCaps = {
  author: 128,
  footer: 256,
  quotesField: 400,
  quotesShown: 2,
  notesField: 300,
  claimsField: 200,
  claimsShown: 2,
  claimChars: 120,
};
/** A bullet longer than this is cut at a sentence or word boundary, so one bullet cannot crowd out the rest. */
const BULLET_MAX = 1000;
/** When bullets share too little room, they are not cut below this; later ones are dropped instead. */
const BULLET_MIN = 120;
/** The quotes message keeps its footer short, so the room goes to quotes. */
const QUOTES_FOOTER_MAX = 1024;
const QUOTES_SEPARATOR = '\n\n';

const FIELD_CLAIMS = 'Not found in the source';

/**
 * The answer to /summarize (and the More detail button): an embed whose title links to the source,
 * the summary as bullets, the top quotes with their speakers, notes and unsupported claims, and a
 * footer like `gpt-4o-mini · summarize@1 · cached · 812 → 96 words (−88%)`; then the buttons More
 * detail, Quotes and, when there is a link, Source. Never over Discord's limits.
 */
export function renderSummaryMessage(summary: ArticleSummary, options: SummaryMessageOptions = {}): RenderedMessage {
  const { embed, bullets } = summaryEmbedWithoutDescription(summary, SINGLE, options.quotesId ? 'Quotes' : null);
  const budget = Math.min(EMBED_DESCRIPTION_MAX, EMBED_TOTAL_MAX - embedLength(embed));
  return {
    embeds: [withDescription(embed, summaryBullets(bullets, budget))],
    components: summaryButtons(summary, options),
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * Link replies and the "Summarize" message menu: one embed for each summary (at most
 * SUMMARIES_PER_MESSAGE), without buttons. When they would pass 6000 characters together, each
 * description shrinks in proportion to its length.
 */
export function renderSummariesMessage(summaries: readonly ArticleSummary[]): RenderedMessage {
  const shown = summaries.slice(0, SUMMARIES_PER_MESSAGE);
  if (shown.length === 0) {
    return { embeds: [{ description: 'No article could be summarised.' }], components: [], allowedMentions: NO_MENTIONS };
  }
  const caps = shown.length === 1 ? SINGLE : COMPACT;
  const parts = shown.map((summary) => summaryEmbedWithoutDescription(summary, caps, null));
  const room = EMBED_TOTAL_MAX - measureEmbeds(parts.map((part) => part.embed));
  const natural = parts.map((part) => summaryBullets(part.bullets, EMBED_DESCRIPTION_MAX).length);
  const wanted = natural.reduce((sum, length) => sum + length, 0);
  const embeds = parts.map(({ embed, bullets }, index) => {
    const budget = wanted <= room ? EMBED_DESCRIPTION_MAX : Math.floor((room * (natural[index] ?? 0)) / wanted);
    return withDescription(embed, summaryBullets(bullets, budget));
  });
  return { embeds, components: [], allowedMentions: NO_MENTIONS };
}

/**
 * /quotes and the Quotes button: every verified quote, in order, over as many embeds as it takes
 * (at most 10, 6000 characters in all). The first embed has the title and link, the last the
 * footer. Quotes that do not fit are left out whole, and a last line says how many.
 */
export function renderQuotesMessage(quotes: readonly Quote[], meta: QuotesMessageMeta): RenderedMessage {
  const url = absoluteHttpUrl(meta.url, null);
  const title = plainLine(meta.title, EMBED_TITLE_MAX) || 'Key quotes';
  const footer = plainLine(meta.footer, QUOTES_FOOTER_MAX);
  const head: APIEmbed = { title, ...(url ? { url } : {}) };
  const foot: APIEmbed = footer ? { footer: { text: footer } } : {};
  const shown = quotes.filter((quote) => quote.text.trim());
  if (shown.length === 0) {
    return { embeds: [{ ...head, description: 'No verified quotes were found.', ...foot }], components: [], allowedMentions: NO_MENTIONS };
  }

  const moreLine = (omitted: number) => `_…and ${omitted} more ${omitted === 1 ? 'quote' : 'quotes'} that did not fit._`;
  const reserve = moreLine(shown.length).length + QUOTES_SEPARATOR.length;
  const room = EMBED_TOTAL_MAX - title.length - footer.length - reserve;
  const perEmbed = EMBED_DESCRIPTION_MAX - reserve;
  const lines = shown.map((quote) => formatQuote(quote, Math.min(perEmbed, room)));

  // Quotes fill each embed's description in turn; an embed is full past perEmbed (a quote alone
  // always fits one), and the quotes stop at 10 embeds or when all of them, separators counted,
  // would pass `room`.
  const gap = QUOTES_SEPARATOR.length;
  const prefix = [0];
  for (const line of lines) prefix.push((prefix[prefix.length - 1] ?? 0) + line.length);
  const counts = packInOrder(lines.length, (embed, from, to) => {
    if (embed >= EMBEDS_PER_MESSAGE_MAX) return 'stop';
    if (to - from > 1 && (prefix[to] ?? 0) - (prefix[from] ?? 0) + gap * (to - from - 1) > perEmbed) return 'full';
    // Every quote placed so far, with a separator inside each embed: `to` lines over `embed + 1` embeds.
    return (prefix[to] ?? 0) + gap * (to - embed - 1) > room ? 'stop' : 'fits';
  });
  const descriptions: string[][] = [];
  let placed = 0;
  for (const count of counts) {
    descriptions.push(lines.slice(placed, placed + count));
    placed += count;
  }
  if (descriptions.length === 0) descriptions.push([]);
  const last = descriptions[descriptions.length - 1];
  if (placed < shown.length && last) last.push(moreLine(shown.length - placed));

  const embeds = descriptions.map((parts, index): APIEmbed => ({
    ...(index === 0 ? head : {}),
    description: parts.join(QUOTES_SEPARATOR),
    ...(index === descriptions.length - 1 ? foot : {}),
  }));
  return { embeds, components: [], allowedMentions: NO_MENTIONS };
}

/** The link for an article: its URL, else its canonical URL; none for pasted text or anything but http(s). */
export function articleUrl(article: Article): string | null {
  if (article.source.kind === 'text') return null;
  return absoluteHttpUrl(article.source.url, null) ?? absoluteHttpUrl(article.metadata.canonicalUrl, null);
}

function summaryEmbedWithoutDescription(
  summary: ArticleSummary,
  caps: EmbedCaps,
  quotesButton: string | null,
): { embed: APIEmbed; bullets: string[] } {
  const { article, result } = summary;
  const url = articleUrl(article);
  const title = plainLine(result.headline || article.metadata.title || '', EMBED_TITLE_MAX) || 'Summary';
  const authorName = plainLine([article.metadata.byline, article.metadata.siteName].filter(Boolean).join(' · '), caps.author);
  const footer = fitText(summaryFooterLine(summary), Math.min(caps.footer, EMBED_FOOTER_TEXT_MAX));

  const fields: APIEmbedField[] = [];
  const quotes = result.quotes.filter((quote) => quote.text.trim());
  if (quotes.length > 0) {
    const firstQuote = quotes[0];
    const quoteLines = fitLines(quotes.map((quote) => formatQuote(quote, caps.quotesField)), caps.quotesField, '\n', {
      maxLines: caps.quotesShown,
      overflow: (omitted) => (quotesButton ? `_${omitted} more: press ${quotesButton}._` : `_${omitted} more ${omitted === 1 ? 'quote' : 'quotes'}._`),
      cut: (line, max) => (firstQuote ? formatQuote(firstQuote, max) : fitText(line, max)),
    });
    if (quoteLines.text) fields.push({ name: FIELD_QUOTES, value: quoteLines.text });
  }
  const noteLines = renderNotes(result.notes, caps.notesField);
  if (noteLines) fields.push({ name: FIELD_NOTES, value: noteLines });
  const claims = result.unsupportedClaims.map(clean).filter(Boolean);
  if (claims.length > 0) {
    const claimLines = fitLines(claims.map((claim) => `– ${fitText(claim, caps.claimChars)}`), caps.claimsField, '\n', {
      maxLines: caps.claimsShown,
      overflow: (omitted) => `_${omitted} more._`,
    });
    if (claimLines.text) fields.push({ name: FIELD_CLAIMS, value: claimLines.text });
  }

  const embed: APIEmbed = {
    title,
    ...(url ? { url } : {}),
    ...(authorName ? { author: { name: authorName } } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    footer: { text: footer },
    ...published(article),
  };
  return { embed, bullets: result.bullets.map(clean).filter(Boolean) };
}

function withDescription(embed: APIEmbed, description: string): APIEmbed {
  return description ? { ...embed, description } : embed;
}

/** The summary's bullets in `budget` characters: long ones share the room down to BULLET_MIN, then whole ones are dropped. */
function summaryBullets(bullets: readonly string[], budget: number): string {
  return renderBullets(bullets, {
    budget,
    longest: BULLET_MAX,
    shortest: BULLET_MIN,
    overflow: (omitted) => `_${omitted} more ${omitted === 1 ? 'point' : 'points'} did not fit._`,
  });
}

function summaryButtons(summary: ArticleSummary, options: SummaryMessageOptions): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = [];
  if (options.moreDetailId) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'More detail', custom_id: customId(options.moreDetailId) });
  }
  if (options.quotesId && summary.result.quotes.length > 0) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Quotes', custom_id: customId(options.quotesId) });
  }
  if (options.askId) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Ask', custom_id: customId(options.askId) });
  const url = articleUrl(summary.article);
  if (url && url.length <= BUTTON_URL_MAX) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Source', url });
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** A custom_id cut short would point at the wrong state, so a long one is a bug, not something to trim. */
function customId(id: string): string {
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id "${id.slice(0, 20)}…" has ${id.length} characters; Discord allows ${CUSTOM_ID_MAX} (CUSTOM_ID_MAX)`);
  return id;
}

/** An embed timestamp from the article's publication time, when it is a real date Discord accepts. */
function published(article: Article): Pick<APIEmbed, 'timestamp'> {
  return embedTimestamp(article.metadata.publishedTime ? new Date(article.metadata.publishedTime) : null);
}


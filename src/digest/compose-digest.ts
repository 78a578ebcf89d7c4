import { createHash } from 'node:crypto';
import type { Article } from '../article/types.js';
import type { ArticleLoader } from '../article/load-article.js';
import type { Logger } from '../log.js';
import type { ArticleSummary, SummaryOptions, SummaryService } from '../summarize/index.js';
import type { DigestEntry } from './digest.js';
import type { FeedItem } from './feed-item.js';
import { groupStories, rankStories, type Story } from './group-stories.js';
import type { SeenExtra, SeenStories } from './seen-stories.js';

/** Stories shown with their key quotes; the rest show bullets only. */
export const STORIES_WITH_QUOTES = 3;

export interface ComposeDeps {
  /** Story pages, through the article cache; only a page actually fetched waits for its host's turn. */
  articles: ArticleLoader;
  summaries: SummaryService;
  seen: SeenStories;
  log: Logger;
  /** DIGEST_MAX_STORIES. */
  maxStories: number;
  /**
   * The channel's summary defaults (/settings), read as the digest is composed. What they leave
   * unset keeps the digest's own: brief, in the article's language, quotes for the top three.
   */
  summaryDefaults?: ((guildId: string, channelId: string) => Promise<Partial<SummaryOptions>>) | undefined;
}

export interface ComposedStories {
  entries: DigestEntry[];
  /** Every identity to remember once the digest is committed: the posted stories and the ones passed over. */
  seen: Array<{ item: FeedItem; extra?: SeenExtra }>;
}

interface Picked {
  story: Story;
  article: Article | null;
  extra: SeenExtra;
}

/**
 * Picks and summarises a digest's stories from the unseen candidates: merge the same story across
 * feeds, rank by sources then recency, fetch the pages of the best (and only those) to catch repeats
 * the feed could not show (a canonical URL or cleaned text seen before), then summarise the chosen at
 * `brief` length through the cached pipeline, with quotes for the top three. Stories ranked below
 * the cut are passed over for good: the next digest starts from what is newer.
 */
export async function composeStories(
  deps: ComposeDeps,
  candidates: readonly FeedItem[],
  where: { guildId: string; channelId: string },
  signal?: AbortSignal,
): Promise<ComposedStories> {
  const { guildId } = where;
  const ranked = rankStories(groupStories(candidates), Number.MAX_SAFE_INTEGER);
  const picked: Picked[] = [];
  const seen: ComposedStories['seen'] = [];
  let next = 0;
  while (picked.length < deps.maxStories && next < ranked.length) {
    const batch = ranked.slice(next, next + deps.maxStories - picked.length);
    next += batch.length;
    // Loaded together (cached pages at once, fetched ones spaced per site), judged in rank order.
    const loaded = await Promise.all(batch.map((story) => loadStory(deps, story, signal)));
    for (const candidate of loaded) {
      seen.push(...candidate.story.items.map((item) => ({ item, extra: candidate.extra })));
      const twin = picked.find((earlier) => sameText(earlier, candidate));
      if (twin) {
        twin.story = { ...twin.story, sources: [...new Set([...twin.story.sources, ...candidate.story.sources])] };
      } else if (!(await seenBefore(deps.seen, candidate))) {
        picked.push(candidate);
      }
    }
  }
  for (const story of ranked.slice(next)) seen.push(...story.items.map((item) => ({ item })));

  const defaults = (await deps.summaryDefaults?.(guildId, where.channelId)) ?? {};
  const entries = await Promise.all(
    picked.map(async ({ story, article }, rank): Promise<DigestEntry> => {
      const showQuotes = rank < STORIES_WITH_QUOTES && defaults.quotes !== false;
      const options = { length: defaults.length ?? 'brief', language: defaults.language ?? null, quotes: showQuotes } as const;
      return { story, summary: article ? await summarizeStoryOrNull(deps, article, options, guildId, signal) : null, showQuotes };
    }),
  );
  return { entries, seen };
}

async function loadStory(deps: ComposeDeps, story: Story, signal?: AbortSignal): Promise<Picked> {
  const link = story.link;
  if (!link) return { story, article: null, extra: {} };
  try {
    const article = await deps.articles.fromUrl(link, signal);
    return { story, article, extra: { canonicalUrl: article.metadata.canonicalUrl, textHash: textHash(article) } };
  } catch (error) {
    if (signal?.aborted) throw error;
    deps.log.info({ err: error, link }, 'digest story page could not be loaded; listed without a summary');
    return { story, article: null, extra: {} };
  }
}

async function seenBefore(seen: SeenStories, candidate: Picked): Promise<boolean> {
  const { canonicalUrl, textHash: hash } = candidate.extra;
  if (canonicalUrl && (await seen.isSeenLink(canonicalUrl))) return true;
  return Boolean(hash && (await seen.isSeenText(hash)));
}

function sameText(a: Picked, b: Picked): boolean {
  return Boolean(a.extra.textHash && a.extra.textHash === b.extra.textHash);
}

/** A story's summary through the summary service, or null when it fails: the story is listed without one. */
async function summarizeStoryOrNull(deps: ComposeDeps, article: Article, options: SummaryOptions, guildId: string, signal?: AbortSignal): Promise<ArticleSummary | null> {
  try {
    return await deps.summaries.summarize(article, { ...options, guildId }, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    deps.log.warn({ err: error, source: article.source }, 'digest story could not be summarised');
    return null;
  }
}

function textHash(article: Article): string {
  return createHash('sha256').update(article.text).digest('hex');
}

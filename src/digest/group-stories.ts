import type { FeedItem } from './feed-item.js';
import { normaliseLink } from './normalise-link.js';
import { candidateTitlePairs, sameStoryTitle } from './title-similarity.js';

/** One story of a digest, however many feeds carried it. */
export interface Story {
  /** One item per feed that carried the story, in input order. */
  items: FeedItem[];
  /** The first item's title and link: callers list the preferred feeds first. */
  title: string;
  link: string | null;
  /** The most recent date among the items; null when none has one. */
  publishedAt: Date | null;
  /** The feeds' titles (the feed URL when a title is empty), one per item. */
  sources: string[];
}

/**
 * Merges the items of one digest run that are the same story: the same GUID within one feed, the
 * same normalised link, or titles that `sameStoryTitle` matches. Matching is transitive (A~B and
 * B~C put all three together). Only title pairs that could match are compared (prefix filtering,
 * see `candidateTitlePairs`). Stories come out in the order of their first item.
 */
export function groupStories(items: readonly FeedItem[]): Story[] {
  const parent = items.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  const union = (a: number, b: number): void => {
    const rootA = find(a);
    const rootB = find(b);
    // The smaller index stays the root, so a story keeps its first item's position.
    if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  };

  const firstByKey = new Map<string, number>();
  const unionByKey = (key: string, index: number): void => {
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, index);
    else union(first, index);
  };
  items.forEach((item, index) => {
    const guid = item.guid?.trim() ?? '';
    if (guid !== '') unionByKey(JSON.stringify(['guid', item.feedUrl, guid]), index);
    const link = item.link === null ? null : normaliseLink(item.link);
    if (link !== null) unionByKey(JSON.stringify(['link', link]), index);
  });
  for (const [earlier, later] of candidateTitlePairs(items.map((item) => item.title))) {
    const [a, b] = [items[earlier], items[later]];
    if (a && b && find(earlier) !== find(later) && sameStoryTitle(a, b)) union(earlier, later);
  }

  const groups = new Map<number, FeedItem[]>();
  items.forEach((item, index) => {
    const root = find(index);
    const group = groups.get(root) ?? [];
    // One item per feed: a feed that lists the story twice still counts as one source.
    if (!group.some((kept) => kept.feedUrl === item.feedUrl)) group.push(item);
    groups.set(root, group);
  });
  return [...groups.values()].flatMap((group) => {
    const [first] = group;
    return first === undefined ? [] : [toStory(first, group)];
  });
}

function toStory(first: FeedItem, items: FeedItem[]): Story {
  let publishedAt: Date | null = null;
  for (const item of items) {
    if (item.publishedAt !== null && (publishedAt === null || item.publishedAt > publishedAt)) publishedAt = item.publishedAt;
  }
  return {
    items,
    title: first.title,
    link: first.link,
    publishedAt,
    sources: items.map((item) => (item.feedTitle.trim() === '' ? item.feedUrl : item.feedTitle)),
  };
}

/** The stories carried by the most feeds first, then the most recent (undated last); at most `max`, and none when `max` < 1. */
export function rankStories(stories: readonly Story[], max: number): Story[] {
  if (!(max >= 1)) return [];
  const time = (story: Story): number => story.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...stories]
    .sort((a, b) => b.sources.length - a.sources.length || time(b) - time(a) || 0)
    .slice(0, Math.floor(max));
}

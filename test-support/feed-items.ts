import type { FeedItem } from '../src/digest/feed-item.js';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** A feed item with plausible defaults; tests override only what they are about. */
export function feedItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    feedUrl: 'https://news.example/feed.xml',
    feedTitle: 'Example News',
    guid: 'item-1',
    link: 'https://news.example/2024/05/central-bank-holds-rates',
    title: 'Central bank holds interest rates steady for third month',
    publishedAt: new Date('2024-05-07T08:00:00Z'),
    ...overrides,
  };
}

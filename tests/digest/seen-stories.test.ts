import path from 'node:path';
import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import { closeStore } from '../../src/cache/open-store.js';
import { createSeenStories } from '../../src/digest/seen-stories.js';
import { useStores, useTempDirs } from '../../test-support/test-stores.js';
import { DAY_MS, HOUR_MS, feedItem } from '../../test-support/feed-items.js';

/** A clock the test moves by hand. */
function manualClock(start: string) {
  let time = new Date(start).getTime();
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

describe('createSeenStories', () => {
  const makeTempDir = useTempDirs();
  const open = useStores();

  it('sees an item again when its feed re-dates it (same GUID and link, new date)', async () => {
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1' });
    const item = feedItem();
    expect(await seen.isSeen(item)).toBe(false);
    await seen.markSeen(item);
    expect(await seen.isSeen({ ...item, publishedAt: new Date('2024-05-20T00:00:00Z') })).toBe(true);
  });

  it('sees an item by its GUID alone when the link and title change too', async () => {
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1' });
    const item = feedItem();
    await seen.markSeen(item);
    const moved = { ...item, link: 'https://news.example/amp/holds-rates', title: 'Rates held', publishedAt: new Date('2024-06-01T00:00:00Z') };
    expect(await seen.isSeen(moved)).toBe(true);
    expect(await seen.isSeen({ ...moved, guid: 'item-2' })).toBe(false);
  });

  it('sees an item again when its feed changes GUIDs but keeps the link (up to tracking and a trailing slash)', async () => {
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1' });
    await seen.markSeen(feedItem({ guid: 'old-guid', title: 'Short title' }));
    const renamed = feedItem({ guid: 'new-guid', link: 'https://NEWS.example/2024/05/central-bank-holds-rates/?utm_source=rss', title: 'Other short title' });
    expect(await seen.isSeen(renamed)).toBe(true);
    expect(await seen.isSeen({ ...renamed, link: 'https://news.example/2024/05/another-story' })).toBe(false);
  });

  it('counts a GUID only within its own feed', async () => {
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1' });
    await seen.markSeen(feedItem({ guid: '1234', title: 'Short title' }));
    const other = feedItem({ feedUrl: 'https://other.example/rss', guid: '1234', link: 'https://other.example/x', title: 'Short title' });
    expect(await seen.isSeen(other)).toBe(false);
  });

  it('sees a recurring title within 48 hours but not a week later', async () => {
    const clock = manualClock('2024-05-07T06:00:00Z');
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1', now: clock.now });
    const title = 'Morning briefing: Tuesday, news you need today';
    await seen.markSeen(feedItem({ guid: 'w1', link: 'https://news.example/b1', title, publishedAt: new Date('2024-05-07T06:00:00Z') }));

    clock.advance(30 * HOUR_MS);
    const soon = feedItem({ guid: 'w1b', link: 'https://news.example/b1b', title, publishedAt: new Date('2024-05-08T12:00:00Z') });
    expect(await seen.isSeen(soon)).toBe(true);

    clock.advance(7 * DAY_MS - 30 * HOUR_MS);
    const nextWeek = feedItem({ guid: 'w2', link: 'https://news.example/b2', title, publishedAt: new Date('2024-05-14T06:00:00Z') });
    expect(await seen.isSeen(nextWeek)).toBe(false);
  });

  it('dates an undated item by when it is seen', async () => {
    const clock = manualClock('2024-05-07T06:00:00Z');
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1', now: clock.now });
    const title = 'Storm closes ports along the coast tonight';
    await seen.markSeen(feedItem({ guid: 'a', link: null, title, publishedAt: null }));
    clock.advance(HOUR_MS);
    expect(await seen.isSeen(feedItem({ guid: 'b', link: null, title, publishedAt: null }))).toBe(true);
    clock.advance(3 * DAY_MS);
    expect(await seen.isSeen(feedItem({ guid: 'b', link: null, title, publishedAt: null }))).toBe(false);
  });

  it('remembers the canonical URL and the text hash', async () => {
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1' });
    await seen.markSeen(feedItem(), { canonicalUrl: 'https://news.example/canonical/story/', textHash: 'hash-1' });
    expect(await seen.isSeenLink('https://news.example/canonical/story#top')).toBe(true);
    expect(await seen.isSeen(feedItem({ guid: 'x', link: 'https://news.example/canonical/story', title: 'Short' }))).toBe(true);
    expect(await seen.isSeenText('hash-1')).toBe(true);
    expect(await seen.isSeenText('hash-2')).toBe(false);
    expect(await seen.isSeenLink('https://news.example/elsewhere')).toBe(false);
  });

  it('keeps channels apart', async () => {
    const store = new Keyv();
    await createSeenStories(store, { scope: 'channel-1' }).markSeen(feedItem(), { textHash: 'hash-1' });
    const other = createSeenStories(store, { scope: 'channel-2' });
    expect(await other.isSeen(feedItem())).toBe(false);
    expect(await other.isSeenText('hash-1')).toBe(false);
  });

  it('keeps at most maxTitles titles', async () => {
    const seen = createSeenStories(new Keyv(), { scope: 'channel-1', maxTitles: 2 });
    const titles = ['Storm closes ports along the coast tonight', 'Election results delayed by recount in three states', 'Central bank holds interest rates steady for third month'];
    await Promise.all(titles.map((title, index) => seen.markSeen(feedItem({ guid: `g${index}`, link: null, title }))));
    const probe = (title: string) => seen.isSeen(feedItem({ guid: 'new', link: null, title }));
    expect(await probe(titles[0] ?? '')).toBe(false);
    expect(await probe(titles[1] ?? '')).toBe(true);
    expect(await probe(titles[2] ?? '')).toBe(true);
  });

  it('forgets a link after ttlDays', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2024-05-07T06:00:00Z'));
      const seen = createSeenStories(new Keyv(), { scope: 'channel-1', ttlDays: 1 });
      const item = feedItem({ title: 'Short' });
      await seen.markSeen(item);
      vi.setSystemTime(new Date('2024-05-08T05:00:00Z'));
      expect(await seen.isSeen({ ...item, guid: 'other' })).toBe(true);
      vi.setSystemTime(new Date('2024-05-08T07:00:00Z'));
      expect(await seen.isSeen({ ...item, guid: 'other' })).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps seen stories across a restart of a SQLite store', async () => {
    const file = path.join(await makeTempDir(), 'state.sqlite');
    const url = `sqlite://${file}`;
    const title = 'Central bank holds interest rates steady for third month';
    const first = await open(url, { namespace: 'state', durable: true });
    await createSeenStories(first, { scope: 'channel-1' }).markSeen(feedItem({ title }), { textHash: 'hash-1' });
    await closeStore(first);

    const second = await open(url, { namespace: 'state', durable: true });
    const seen = createSeenStories(second, { scope: 'channel-1' });
    expect(await seen.isSeen(feedItem())).toBe(true);
    expect(await seen.isSeenText('hash-1')).toBe(true);
    // By title alone: new GUID, new link, a few hours later.
    const sameTitle = feedItem({ guid: 'z', link: 'https://other.example/z', title, publishedAt: new Date('2024-05-07T11:00:00Z') });
    expect(await seen.isSeen(sameTitle)).toBe(true);
    expect(await seen.isSeen({ ...sameTitle, title: 'Storm closes ports along the coast tonight' })).toBe(false);
  });
});

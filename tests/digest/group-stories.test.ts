import { describe, expect, it } from 'vitest';
import { groupStories, rankStories, type Story } from '../../src/digest/group-stories.js';
import { DAY_MS, HOUR_MS, feedItem } from '../../test-support/feed-items.js';

const wire = { feedUrl: 'https://wire.example/rss', feedTitle: 'Wire Service' };
const daily = { feedUrl: 'https://daily.example/feed', feedTitle: 'The Daily' };

describe('groupStories', () => {
  it('makes one entry listing both sources when two feeds link the same page with utm params or a trailing slash', () => {
    const stories = groupStories([
      feedItem({ ...wire, guid: 'wire-1', link: 'https://news.example/story?utm_source=wire' }),
      feedItem({ ...daily, guid: 'daily-99', link: 'https://NEWS.example/story/', title: 'Something worded quite differently here' }),
    ]);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.sources).toEqual(['Wire Service', 'The Daily']);
    expect(stories[0]?.items.map((item) => item.guid)).toEqual(['wire-1', 'daily-99']);
    expect(stories[0]?.link).toBe('https://news.example/story?utm_source=wire');
  });

  it('makes one entry when two feeds carry the same title within 48 hours, with different GUIDs and links', () => {
    const title = 'Central bank holds interest rates steady for third month';
    const stories = groupStories([
      feedItem({ ...wire, guid: 'a', link: 'https://wire.example/a', title, publishedAt: new Date('2024-05-07T08:00:00Z') }),
      feedItem({ ...daily, guid: 'b', link: 'https://daily.example/b', title: `${title}!`, publishedAt: new Date('2024-05-07T10:00:00Z') }),
    ]);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.sources).toEqual(['Wire Service', 'The Daily']);
    expect(stories[0]?.publishedAt).toEqual(new Date('2024-05-07T10:00:00Z'));
  });

  it('keeps recurring titles a week apart separate but merges them within 48 hours', () => {
    const title = 'Morning briefing: Tuesday, news you need today';
    const monday = new Date('2024-05-07T06:00:00Z');
    const item = (guid: string, publishedAt: Date) => feedItem({ guid, link: `https://news.example/briefing/${guid}`, title, publishedAt });
    expect(groupStories([item('w1', monday), item('w2', new Date(monday.getTime() + 7 * DAY_MS))])).toHaveLength(2);
    expect(groupStories([item('w1', monday), item('w2', new Date(monday.getTime() + 47 * HOUR_MS))])).toHaveLength(1);
  });

  it('merges the same GUID only within one feed', () => {
    const first = feedItem({ ...wire, guid: '1234', link: 'https://wire.example/x', title: 'Storm closes ports along the coast tonight' });
    const otherFeed = feedItem({ ...daily, guid: '1234', link: 'https://daily.example/y', title: 'Election results delayed by recount in three states' });
    expect(groupStories([first, otherFeed])).toHaveLength(2);
    const redated = { ...first, link: null, publishedAt: new Date('2024-05-09T00:00:00Z') };
    expect(groupStories([first, redated])).toHaveLength(1);
  });

  it('lists a feed once even when it carries the story twice, and joins stories transitively', () => {
    const stories = groupStories([
      feedItem({ ...wire, guid: 'a', link: 'https://news.example/s' }),
      feedItem({ ...wire, guid: 'b', link: 'https://news.example/s/' }),
      feedItem({ ...daily, guid: 'c', link: 'https://news.example/s#x' }),
    ]);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.sources).toEqual(['Wire Service', 'The Daily']);
    expect(stories[0]?.items.map((item) => item.guid)).toEqual(['a', 'c']);
  });

  it('leaves unrelated items as separate stories in input order', () => {
    const stories = groupStories([
      feedItem({ guid: 'a', link: 'https://news.example/a', title: 'Storm closes ports along the coast tonight' }),
      feedItem({ guid: 'b', link: 'https://news.example/b', title: 'Election results delayed by recount in three states' }),
    ]);
    expect(stories.map((story) => story.items[0]?.guid)).toEqual(['a', 'b']);
  });
});

describe('rankStories', () => {
  const story = (title: string, sources: number, publishedAt: string | null): Story => ({
    items: [],
    title,
    link: null,
    publishedAt: publishedAt === null ? null : new Date(publishedAt),
    sources: Array.from({ length: sources }, (_, index) => `Feed ${index}`),
  });

  it('puts the most widely carried first, then the most recent, undated last, and takes at most N', () => {
    const stories = [
      story('old single', 1, '2024-05-01T00:00:00Z'),
      story('undated single', 1, null),
      story('new single', 1, '2024-05-07T00:00:00Z'),
      story('old double', 2, '2024-05-01T00:00:00Z'),
      story('triple', 3, '2024-04-01T00:00:00Z'),
    ];
    expect(rankStories(stories, 10).map((s) => s.title)).toEqual(['triple', 'old double', 'new single', 'old single', 'undated single']);
    expect(rankStories(stories, 2).map((s) => s.title)).toEqual(['triple', 'old double']);
    expect(rankStories(stories, 0)).toEqual([]);
    expect(stories[0]?.title).toBe('old single');
  });
});

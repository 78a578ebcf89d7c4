import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.js';
import { MAX_FEED_ITEMS, MAX_FEED_TITLE_CHARS, MAX_ITEM_CATEGORIES, MAX_ITEM_DESCRIPTION_CHARS, parseFeed } from '../../src/digest/parse-feed.js';

const FEED_URL = 'https://news.example/feeds/main.xml';

const RSS_2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Planet &amp; Post</title>
    <link>https://news.example/</link>
    <ttl>45</ttl>
    <item>
      <title>  Budget passes &amp;amp; markets rise &#8212; &lt;b&gt;live&lt;/b&gt;  </title>
      <link>/story/budget</link>
      <guid isPermaLink="false">budget-2024</guid>
      <pubDate>Tue, 02 Jan 2024 10:30:00 GMT</pubDate>
    </item>
    <item>
      <title><![CDATA[Storm &amp; floods]]></title>
      <guid>https://news.example/story/storm</guid>
      <pubDate>not a date</pubDate>
    </item>
    <item>
      <title>No date at all</title>
      <link>https://other.example/x</link>
      <dc:date>2024-01-03T08:00:00Z</dc:date>
    </item>
    <item>
      <description>Neither a title nor a link</description>
    </item>
  </channel>
</rss>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF Times</title>
    <link>https://rdf.example/</link>
  </channel>
  <item rdf:about="https://rdf.example/1">
    <title>First</title>
    <link>https://rdf.example/1</link>
    <dc:date>2024-02-01T12:00:00+01:00</dc:date>
  </item>
  <item rdf:about="https://rdf.example/2">
    <title>Second</title>
    <link>2</link>
  </item>
</rdf:RDF>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Atom &amp;amp; Eve</title>
  <id>urn:uuid:feed</id>
  <updated>2024-03-01T00:00:00Z</updated>
  <entry>
    <title>Many links</title>
    <id>urn:uuid:entry-1</id>
    <link rel="self" href="/api/entry-1"/>
    <link rel="enclosure" type="audio/mpeg" href="/audio.mp3"/>
    <link rel="alternate" type="text/html" href="/posts/entry-1"/>
    <published>2024-03-01T09:00:00Z</published>
    <updated>2024-03-02T09:00:00Z</updated>
  </entry>
  <entry>
    <title>Updated only</title>
    <id>urn:uuid:entry-2</id>
    <link href="https://elsewhere.example/entry-2"/>
    <updated>2024-03-05T09:00:00Z</updated>
  </entry>
  <entry>
    <title>No link and no date</title>
    <id>urn:uuid:entry-3</id>
  </entry>
</feed>`;

const JSON_FEED_1_1 = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON &amp; Co',
  home_page_url: 'https://json.example/',
  items: [
    { id: 'j1', url: '/posts/j1', title: ' First &quot;post&quot; ', date_published: '2024-04-01T10:00:00Z' },
    { id: 2, url: 'https://json.example/posts/2', content_text: 'A microblog post without a title' },
    { id: 'j3', title: 'Bad date', date_published: 'yesterday-ish' },
    { id: 'j4', content_text: 'Neither title nor link' },
  ],
});

describe('parseFeed', () => {
  it('reads RSS 2.0: entities, relative links, guids, dates and ttl', () => {
    const feed = parseFeed(RSS_2, FEED_URL);
    expect(feed.title).toBe('Planet & Post');
    expect(feed.ttlMinutes).toBe(45);
    expect(feed.items).toEqual([
      {
        feedUrl: FEED_URL,
        feedTitle: 'Planet & Post',
        guid: 'budget-2024',
        link: 'https://news.example/story/budget',
        title: 'Budget passes & markets rise — live',
        publishedAt: new Date('2024-01-02T10:30:00Z'),
      },
      {
        feedUrl: FEED_URL,
        feedTitle: 'Planet & Post',
        guid: 'https://news.example/story/storm',
        link: 'https://news.example/story/storm',
        title: 'Storm & floods',
        publishedAt: null,
      },
      {
        feedUrl: FEED_URL,
        feedTitle: 'Planet & Post',
        guid: null,
        link: 'https://other.example/x',
        title: 'No date at all',
        publishedAt: new Date('2024-01-03T08:00:00Z'),
      },
    ]);
  });

  it('reads RSS 1.0 (RDF) with dc:date', () => {
    const feed = parseFeed(RDF, 'https://rdf.example/index.rdf');
    expect(feed.title).toBe('RDF Times');
    expect(feed.ttlMinutes).toBeNull();
    expect(feed.items.map(({ guid, link, title, publishedAt }) => ({ guid, link, title, publishedAt }))).toEqual([
      { guid: 'https://rdf.example/1', link: 'https://rdf.example/1', title: 'First', publishedAt: new Date('2024-02-01T11:00:00Z') },
      { guid: 'https://rdf.example/2', link: 'https://rdf.example/2', title: 'Second', publishedAt: null },
    ]);
  });

  it('reads Atom, preferring the alternate link and published over updated', () => {
    const feed = parseFeed(ATOM, 'https://atom.example/feed.atom');
    expect(feed.title).toBe('Atom & Eve');
    expect(feed.ttlMinutes).toBeNull();
    expect(feed.items.map(({ guid, link, title, publishedAt }) => ({ guid, link, title, publishedAt }))).toEqual([
      { guid: 'urn:uuid:entry-1', link: 'https://atom.example/posts/entry-1', title: 'Many links', publishedAt: new Date('2024-03-01T09:00:00Z') },
      { guid: 'urn:uuid:entry-2', link: 'https://elsewhere.example/entry-2', title: 'Updated only', publishedAt: new Date('2024-03-05T09:00:00Z') },
      { guid: 'urn:uuid:entry-3', link: null, title: 'No link and no date', publishedAt: null },
    ]);
  });

  it('reads JSON Feed 1.1, falling back to the link for an untitled item', () => {
    const feed = parseFeed(`\n  ${JSON_FEED_1_1}`, 'https://json.example/feed.json');
    expect(feed.title).toBe('JSON & Co');
    expect(feed.ttlMinutes).toBeNull();
    expect(feed.items.map(({ guid, link, title, publishedAt }) => ({ guid, link, title, publishedAt }))).toEqual([
      { guid: 'j1', link: 'https://json.example/posts/j1', title: 'First "post"', publishedAt: new Date('2024-04-01T10:00:00Z') },
      { guid: '2', link: 'https://json.example/posts/2', title: 'https://json.example/posts/2', publishedAt: null },
      { guid: 'j3', link: null, title: 'Bad date', publishedAt: null },
    ]);
  });

  it('names the feed after its host when it has no title', () => {
    const feed = parseFeed('<rss version="2.0"><channel><item><title>Only</title></item></channel></rss>', FEED_URL);
    expect(feed.title).toBe('news.example');
    expect(feed.items[0]?.feedTitle).toBe('news.example');
  });

  it('drops links that are not http(s)', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>T</title><item><title>X</title><link>javascript:alert(1)</link></item></channel></rss>',
      FEED_URL,
    );
    expect(feed.items[0]?.link).toBeNull();
  });

  it.each([
    ['an HTML page', '<!doctype html><html><head><title>Home</title></head><body><p>Hello</p></body></html>'],
    ['plain text', 'just some words'],
    ['an empty body', ''],
    ['JSON that is not a feed', '{"status":"ok","data":[1,2,3]}'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", '],
    ['an unrelated XML document', '<?xml version="1.0"?><note><to>Tove</to></note>'],
  ])('rejects %s as not a feed', (_name, body) => {
    let caught: unknown;
    try {
      parseFeed(body, FEED_URL);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserFacingError);
    expect(caught).toMatchObject({ code: 'not_a_feed', message: 'That address is not an RSS, Atom or JSON feed.' });
  });

  describe('a hostile feed', () => {
    const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

    it('reads a title of 100,000 escaped nested elements without overflowing the stack', () => {
      const feed = parseFeed(rss(`<item><title>${'&lt;div&gt;'.repeat(100_000)}x</title><link>https://news.example/a</link></item>`), FEED_URL);
      expect(feed.items).toHaveLength(1);
      expect(feed.items[0]?.link).toBe('https://news.example/a');
    });

    it('keeps a title of megabytes to a title\'s length', () => {
      const feed = parseFeed(rss(`<item><title>${'word '.repeat(1_000_000)}</title></item>`), FEED_URL);
      expect(feed.items[0]?.title.length).toBe(MAX_FEED_TITLE_CHARS);
      expect(feed.items[0]?.title.endsWith('…')).toBe(true);
    });

    it(`reads the first ${MAX_FEED_ITEMS} items of a feed that lists 70,000`, () => {
      const items = Array.from({ length: 70_000 }, (_, index) => `<item><title>Story ${index}</title><link>https://news.example/${index}</link></item>`);
      const feed = parseFeed(rss(items.join('')), FEED_URL);
      expect(feed.items).toHaveLength(MAX_FEED_ITEMS);
      expect(feed.items.at(-1)?.title).toBe(`Story ${MAX_FEED_ITEMS - 1}`);
    });

    it('keeps two long GUIDs that share their first 300 characters apart, as hashes', () => {
      const prefix = 'g'.repeat(400);
      const feed = parseFeed(rss(`<item><title>A</title><guid isPermaLink="false">${prefix}1</guid></item><item><title>B</title><guid isPermaLink="false">${prefix}2</guid></item>`), FEED_URL);
      const [first, second] = feed.items.map((item) => item.guid);
      expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(second).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(first).not.toBe(second);
    });

    it('keeps a description of megabytes to a description\'s length, and survives one of nested markup', () => {
      const long = parseFeed(rss(`<item><title>A</title><description>${'word '.repeat(1_000_000)}</description></item>`), FEED_URL);
      expect(long.items[0]?.description?.length).toBe(MAX_ITEM_DESCRIPTION_CHARS);
      const nested = parseFeed(rss(`<item><title>B</title><link>https://news.example/b</link><description>${'&lt;div&gt;'.repeat(100_000)}x</description></item>`), FEED_URL);
      expect(nested.items.map((item) => item.title)).toEqual(['B']);
    });

    it(`keeps ${MAX_ITEM_CATEGORIES} categories of an item that lists thousands`, () => {
      const categories = Array.from({ length: 5_000 }, (_, index) => `<category>Topic ${index}</category>`).join('');
      const feed = parseFeed(rss(`<item><title>A</title>${categories}</item>`), FEED_URL);
      expect(feed.items[0]?.categories).toEqual(Array.from({ length: MAX_ITEM_CATEGORIES }, (_, index) => `Topic ${index}`));
    });
  });

  // Feed filters read these; the item stays as it was without them.
  describe('descriptions and categories', () => {
    const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>${items}</channel></rss>`;

    it('reads RSS <description> as plain text and <category> and dc:subject as categories', () => {
      const feed = parseFeed(rss(
        '<item><title>Budget</title><link>https://news.example/b</link>' +
          '<description>&lt;p&gt;The council &amp;amp; the &lt;b&gt;mayor&lt;/b&gt; agree.&lt;/p&gt;</description>' +
          '<category domain="x">Politics</category><category>Politics</category><category>City</category><dc:subject>Money</dc:subject></item>' +
          '<item><title>Bare</title><link>https://news.example/c</link></item>',
      ), FEED_URL);
      expect(feed.items[0]).toMatchObject({ title: 'Budget', description: 'The council & the mayor agree.', categories: ['Politics', 'City', 'Money'] });
      expect(feed.items[1]).not.toHaveProperty('description');
      expect(feed.items[1]).not.toHaveProperty('categories');
    });

    it('reads Atom <summary> (else <content>) and <category> labels (else terms)', () => {
      const feed = parseFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:f</id><updated>2024-01-01T00:00:00Z</updated>
        <entry><id>1</id><title>One</title><summary type="html">&lt;p&gt;Short &lt;i&gt;summary&lt;/i&gt;&lt;/p&gt;</summary><category term="sport" label="Sport news"/><category term="local"/></entry>
        <entry><id>2</id><title>Two</title><content type="text">Only content</content></entry></feed>`, FEED_URL);
      expect(feed.items[0]).toMatchObject({ description: 'Short summary', categories: ['Sport news', 'local'] });
      expect(feed.items[1]).toMatchObject({ description: 'Only content' });
    });

    it('reads JSON Feed summary (else content_text, else content_html) and tags', () => {
      const feed = parseFeed(JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: 'J',
        items: [
          { id: '1', title: 'One', summary: 'The summary', content_text: 'Text', tags: ['a', 'b'] },
          { id: '2', title: 'Two', content_html: '<p>Only <b>html</b></p>' },
        ],
      }), FEED_URL);
      expect(feed.items[0]).toMatchObject({ description: 'The summary', categories: ['a', 'b'] });
      expect(feed.items[1]).toMatchObject({ description: 'Only html' });
    });

    it('drops an odd description or category, never the item', () => {
      const feed = parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', title: 'One', summary: { not: 'text' }, tags: 'not a list' }] }), FEED_URL);
      expect(feed.items.map((item) => item.title)).toEqual(['One']);
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import type { Digest as DigestInput, DigestEntry } from '../../src/digest/digest.js';
import type { Story } from '../../src/digest/group-stories.js';
import { MAX_NONCE_LENGTH, messageNonce } from '../../src/digest/run-key.js';
import { renderDigestMessages, type DigestMessage } from '../../src/discord/render/digest-messages.js';
import {
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE_MAX,
  assertWithinLimits,
  measureEmbeds,
} from '../../src/discord/render/discord-limits.js';
import type { ArticleSummary, SummaryResult } from '../../src/summarize/index.js';
import { feedItem } from '../../test-support/feed-items.js';

const RUN_KEY = 'digest:123456789012345678:2024-11-25:08:00:Europe/London';

function makeStory(index: number, overrides: Partial<Story> = {}): Story {
  const link = `https://news.example/2024/11/story-${index}`;
  return {
    items: [feedItem({ link, title: `Story ${index}` })],
    title: `Council approves harbour plan, story ${index}`,
    link,
    publishedAt: new Date('2024-11-25T06:00:00Z'),
    sources: ['BBC', 'Reuters'],
    ...overrides,
  };
}

function makeArticle(url: string): Article {
  return {
    source: { kind: 'url', url, path: null },
    metadata: { title: 'Harbour plan', byline: null, siteName: 'BBC', publishedTime: null, canonicalUrl: null, language: 'en' },
    paragraphs: ['The council approved the plan.'],
    text: 'The council approved the plan.',
    wordCount: 500,
  };
}

function makeSummary(result: Partial<SummaryResult> = {}): ArticleSummary {
  return {
    article: makeArticle('https://news.example/2024/11/story'),
    result: {
      headline: 'Council approves harbour plan',
      bullets: ['The council approved the harbour plan on Monday.', 'Work starts in spring and lasts two years.'],
      quotes: [
        { text: 'This is a good day for the city', speaker: 'Mayor Lena Ortiz', context: '' },
        { text: 'We will watch the costs closely', speaker: null, context: '' },
        { text: 'A third quote that is not shown', speaker: 'Someone', context: '' },
      ],
      language: 'en',
      provider: 'openai',
      model: 'gpt-4o-mini',
      prompt: 'summarize@1',
      notes: [],
      unsupportedClaims: [],
      ...result,
    },
    stats: { wordsIn: 500, wordsOut: 40, reductionPct: 92 },
    cached: false,
  };
}

function entry(index: number, overrides: Partial<DigestEntry> = {}): DigestEntry {
  return { story: makeStory(index), summary: makeSummary(), showQuotes: true, ...overrides };
}

function input(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    title: 'Morning digest — 25 Nov',
    briefing: 'A quiet morning: the harbour plan passed and markets held steady.',
    entries: [entry(1), entry(2)],
    runKey: RUN_KEY,
    ...overrides,
  };
}

function words(count: number): string {
  const vocabulary = ['harbour', 'bridge', 'council', 'repairs', 'traffic', 'engineers', 'winter', 'steel'];
  return Array.from({ length: count }, (_, index) => vocabulary[index % vocabulary.length]).join(' ');
}

function expectSafe(messages: readonly DigestMessage[]): void {
  for (const message of messages) {
    assertWithinLimits(message);
    expect(message.embeds.length).toBeLessThanOrEqual(EMBEDS_PER_MESSAGE_MAX);
    expect(measureEmbeds(message.embeds)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.enforceNonce).toBe(true);
    expect(message.nonce.length).toBeLessThanOrEqual(MAX_NONCE_LENGTH);
  }
}

describe('renderDigestMessages', () => {
  it('renders a header, then one embed per story with bullets, two quotes and the sources', () => {
    const messages = renderDigestMessages(input({ notes: ['LLM budget spent — extractive summaries'] }));
    expectSafe(messages);
    expect(messages).toHaveLength(1);
    const [header, first, second] = messages[0]?.embeds ?? [];
    expect(messages[0]?.embeds).toHaveLength(3);

    expect(header?.title).toBe('Morning digest — 25 Nov');
    expect(header?.description).toBe('A quiet morning: the harbour plan passed and markets held steady.');
    expect(header?.fields).toEqual([{ name: 'Notes', value: '⚠️ LLM budget spent — extractive summaries' }]);

    expect(first?.title).toBe('Council approves harbour plan, story 1');
    expect(first?.url).toBe('https://news.example/2024/11/story-1');
    expect(first?.description).toBe('• The council approved the harbour plan on Monday.\n• Work starts in spring and lasts two years.');
    expect(first?.fields).toEqual([
      { name: 'Key quotes', value: '“This is a good day for the city” — Mayor Lena Ortiz\n“We will watch the costs closely” — unattributed' },
    ]);
    expect(first?.footer?.text).toBe('BBC · Reuters');
    expect(first?.timestamp).toBe('2024-11-25T06:00:00.000Z');
    expect(second?.url).toBe('https://news.example/2024/11/story-2');
    expect(messages[0]?.nonce).toBe(messageNonce(RUN_KEY, 0));
  });

  it('leaves quotes out when showQuotes is false, and the header bare without briefing or notes', () => {
    const [message] = renderDigestMessages(input({ briefing: null, entries: [entry(1, { showQuotes: false })] }));
    expect(message?.embeds[0]).toEqual({ title: 'Morning digest — 25 Nov' });
    expect(message?.embeds[1]?.fields).toBeUndefined();
  });

  it('shows a story whose page could not be summarised with its title, link and a note', () => {
    const [message] = renderDigestMessages(input({ entries: [entry(7, { summary: null })] }));
    const story = message?.embeds[1];
    expect(story?.title).toBe('Council approves harbour plan, story 7');
    expect(story?.url).toBe('https://news.example/2024/11/story-7');
    expect(story?.description?.toLowerCase()).toContain('summary unavailable');
    expect(story?.fields).toBeUndefined();
    expect(story?.footer?.text).toBe('BBC · Reuters');
  });

  it('lists each source once, in order, and leaves out a link that is not http(s)', () => {
    const story = makeStory(1, { sources: ['Reuters', 'BBC', 'Reuters', '  '], link: 'javascript:alert(1)' });
    const [message] = renderDigestMessages(input({ entries: [{ story, summary: null, showQuotes: false }] }));
    expect(message?.embeds[1]?.footer?.text).toBe('Reuters · BBC');
    expect(message?.embeds[1]?.url).toBeUndefined();
  });

  it('splits 25 long stories over at least three messages, each within the limits, in order', () => {
    const long = makeSummary({
      bullets: Array.from({ length: 8 }, () => `${words(60)}.`),
      quotes: [
        { text: words(80), speaker: 'A very long speaker name indeed', context: '' },
        { text: words(80), speaker: null, context: '' },
      ],
    });
    const entries = Array.from({ length: 25 }, (_, index) => entry(index + 1, { summary: long }));
    const messages = renderDigestMessages(input({ entries, briefing: words(600), notes: [words(40), words(40)] }));
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expectSafe(messages);
    const embeds = messages.flatMap((message) => message.embeds);
    expect(embeds).toHaveLength(26);
    expect(embeds[0]?.title).toBe('Morning digest — 25 Nov');
    expect(embeds.slice(1).map((embed) => embed.url)).toEqual(entries.map((item) => item.story.link));
  });

  it('keeps to ten embeds per message even when the stories are short, filling the messages evenly', () => {
    const entries = Array.from({ length: 25 }, (_, index) => entry(index + 1, { summary: null }));
    const messages = renderDigestMessages(input({ entries }));
    expectSafe(messages);
    // 26 embeds need three messages: the header and nine, eight, eight (not 10, 10, 6).
    expect(messages.map((message) => message.embeds.length)).toEqual([10, 8, 8]);
  });

  it('keeps a digest in one message when it fits: the header and nine stories', () => {
    const entries = Array.from({ length: 9 }, (_, index) => entry(index + 1, { showQuotes: false }));
    const messages = renderDigestMessages(input({ entries }));
    expectSafe(messages);
    expect(messages.map((message) => message.embeds.length)).toEqual([10]);
  });

  it.each([
    [10, [5, 5]],
    [11, [6, 5]],
    [12, [6, 6]],
    [19, [9, 10]],
  ])('never leaves a story alone in a message: %i short stories go %j (header not counted)', (count, expected) => {
    const entries = Array.from({ length: count }, (_, index) => entry(index + 1, { showQuotes: false }));
    const messages = renderDigestMessages(input({ entries }));
    expectSafe(messages);
    expect(messages.map((message, part) => message.embeds.length - (part === 0 ? 1 : 0))).toEqual(expected);
    expect(messages.map((message) => message.nonce)).toEqual(messages.map((_, part) => messageNonce(RUN_KEY, part)));
    const embeds = messages.flatMap((message) => message.embeds);
    expect(embeds.slice(1).map((embed) => embed.url)).toEqual(entries.map((item) => item.story.link));
  });

  it('splits by size as evenly as the 6,000 characters allow, with no story alone beside several', () => {
    const long = makeSummary({
      bullets: Array.from({ length: 8 }, () => `${words(60)}.`),
      quotes: [{ text: words(80), speaker: 'A speaker', context: '' }],
    });
    const entries = Array.from({ length: 10 }, (_, index) => entry(index + 1, { summary: long }));
    const messages = renderDigestMessages(input({ entries, briefing: words(300) }));
    expectSafe(messages);
    const counts = messages.map((message, part) => message.embeds.length - (part === 0 ? 1 : 0));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(10);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('shows story links without tracking parameters, the rest of the link as it was', () => {
    const link = 'https://news.example/2024/11/story?utm_source=rss&id=7&ref=feed&mc_cid=1&mc_eid=2&fbclid=x&gclid=y&page=2#comments';
    const story = makeStory(1, { link });
    const [message] = renderDigestMessages(input({ entries: [{ story, summary: null, showQuotes: false }] }));
    expect(message?.embeds[1]?.url).toBe('https://news.example/2024/11/story?id=7&page=2#comments');

    // With no link of its own, the story links to the page it was summarised from, cleaned the same way.
    const summary = makeSummary();
    summary.article.source.url = 'https://news.example/from-page?utm_campaign=daily&ref=homepage';
    const [fallback] = renderDigestMessages(input({ entries: [{ story: makeStory(2, { link: null }), summary, showQuotes: false }] }));
    expect(fallback?.embeds[1]?.url).toBe('https://news.example/from-page?ref=homepage');
  });

  it('cuts huge titles, bullets, briefings and sources', () => {
    const hugeTitle = words(200);
    const hugeBullet = `${words(1500)}.`;
    const story = makeStory(1, { title: hugeTitle, sources: [words(100), 'BBC'] });
    const summary = makeSummary({ bullets: [hugeBullet, hugeBullet, hugeBullet] });
    const messages = renderDigestMessages(input({ title: hugeTitle, briefing: words(2000), entries: [{ story, summary, showQuotes: true }] }));
    expectSafe(messages);
    const [header, embed] = messages[0]?.embeds ?? [];
    expect(header?.title?.length).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(header?.title?.endsWith('…')).toBe(true);
    expect(header?.description?.endsWith('…')).toBe(true);
    expect(embed?.title?.length).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(embed?.title?.endsWith('…')).toBe(true);
    expect(embed?.description?.startsWith('• harbour bridge')).toBe(true);
    expect(embed?.description?.length).toBeLessThan(hugeBullet.length);
    expect(embed?.description).toContain('…');
    expect(embed?.footer?.text.endsWith('…')).toBe(true);
  });

  it('gives each part a distinct nonce of at most 25 characters, the same for the same run key', () => {
    const entries = Array.from({ length: 25 }, (_, index) => entry(index + 1));
    const first = renderDigestMessages(input({ entries }));
    const again = renderDigestMessages(input({ entries }));
    const other = renderDigestMessages(input({ entries, runKey: `${RUN_KEY}-other` }));
    const nonces = first.map((message) => message.nonce);
    expect(first.length).toBeGreaterThan(1);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(nonce.length).toBeLessThanOrEqual(MAX_NONCE_LENGTH);
    expect(nonces).toEqual(first.map((_, part) => messageNonce(RUN_KEY, part)));
    expect(again.map((message) => message.nonce)).toEqual(nonces);
    expect(other.map((message) => message.nonce)).not.toEqual(nonces);
  });

  it('posts nothing for an empty digest', () => {
    expect(renderDigestMessages(input({ entries: [] }))).toEqual([]);
  });

  it('neutralises mentions in story text and sets allowedMentions', () => {
    const story = makeStory(1, { title: 'Ping @everyone now', sources: ['<@123456> news', '@here'] });
    const summary = makeSummary({
      bullets: ['Bullet mentions <@&987654> and @everyone.'],
      quotes: [{ text: 'Hello @here', speaker: '<@!42>', context: '' }],
    });
    const messages = renderDigestMessages(
      input({ title: 'Digest @everyone', briefing: 'Briefing <@1>', notes: ['Note @here'], entries: [{ story, summary, showQuotes: true }] }),
    );
    expectSafe(messages);
    const text = JSON.stringify(messages.flatMap((message) => message.embeds));
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(text).not.toMatch(/<@[!&]?\d+>/);
    expect(text).toContain('@\u200Beveryone');
    expect(messages[0]?.allowedMentions).toEqual({ parse: [] });
  });
});

import { ButtonStyle, ComponentType, embedLength as measureEmbed, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import {
  assertWithinLimits,
  DiscordLimitError,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE_MAX,
  measureEmbeds,
} from '../../src/discord/render/discord-limits.js';
import { fitLines, fitText } from '../../src/discord/render/fit-text.js';
import { neutraliseMentions } from '../../src/discord/render/neutralise-mentions.js';
import {
  renderQuotesMessage,
  renderSummariesMessage,
  renderSummaryMessage,
  type RenderedMessage,
} from '../../src/discord/render/summary-embed.js';
import type { Quote } from '../../src/quotes/index.js';
import type { ArticleSummary, SummaryResult } from '../../src/summarize/index.js';

const URL_ = 'https://news.example/2024/05/harbour-bridge';

function makeArticle(overrides: { source?: Partial<Article['source']>; metadata?: Partial<Article['metadata']> } = {}): Article {
  return {
    source: { kind: 'url', url: URL_, path: null, ...overrides.source },
    metadata: {
      title: 'Harbour bridge reopens',
      byline: 'Ana Pérez',
      siteName: 'Example News',
      publishedTime: '2024-05-02T08:00:00Z',
      canonicalUrl: null,
      language: 'en',
      ...overrides.metadata,
    },
    paragraphs: ['The bridge reopened.'],
    text: 'The bridge reopened.',
    wordCount: 812,
  };
}

function makeSummary(result: Partial<SummaryResult> = {}, rest: Partial<Omit<ArticleSummary, 'result'>> = {}): ArticleSummary {
  return {
    article: makeArticle(),
    result: {
      headline: 'Harbour bridge reopens after two years of repairs',
      bullets: ['The bridge reopened on Monday after two years of repairs.', 'Traffic is expected to return to normal by June.'],
      quotes: [
        { text: 'We are proud of the crews who worked through two winters', speaker: 'Mayor Lena Ortiz', context: '' },
        { text: 'It feels like the city is whole again', speaker: null, context: '' },
      ],
      language: 'en',
      provider: 'openai',
      model: 'gpt-4o-mini',
      prompt: 'summarize@1',
      notes: ['The model failed twice; this is an extractive summary.'],
      unsupportedClaims: ['The repairs cost $40 million.'],
      ...result,
    },
    stats: { wordsIn: 812, wordsOut: 96, reductionPct: 88 },
    cached: true,
    ...rest,
  };
}

function words(count: number, seed = 0): string {
  const vocabulary = ['harbour', 'bridge', 'council', 'repairs', 'traffic', 'engineers', 'winter', 'steel', 'cable', 'inspection'];
  return Array.from({ length: count }, (_, index) => vocabulary[(index + seed) % vocabulary.length]).join(' ');
}

/** One sentence of at least `length` characters (no sentence end inside), ending with a full stop. */
function sentence(length: number, seed = 0): string {
  let text = words(Math.ceil(length / 6), seed);
  while (text.length < length) text += ` ${words(10, seed)}`;
  return `${text.slice(0, length - 1).trimEnd()}.`;
}

function field(embed: APIEmbed | undefined, name: string) {
  return embed?.fields?.find((candidate) => candidate.name === name);
}

function buttons(message: RenderedMessage): APIButtonComponent[] {
  return message.components.flatMap((row) => row.components);
}

/** The payload keeps Discord's limits and mentions nobody. */
function expectSafe(message: RenderedMessage & { content?: string }): void {
  assertWithinLimits(message);
  expect(message.allowedMentions).toEqual({ parse: [] });
  expect(message.content).toBeUndefined();
  expect(message.embeds.length).toBeGreaterThan(0);
}

/** A cut text is the start of the original, ending at a word boundary, then "…". */
function expectWordCut(shown: string, original: string): void {
  expect(shown.endsWith('…')).toBe(true);
  const kept = shown.slice(0, -1).trimEnd();
  expect(original.startsWith(kept)).toBe(true);
  expect(original.charAt(kept.length)).toMatch(/[\s.,;:]/);
}

describe('renderSummaryMessage', () => {
  it('renders the title link, bullets, quotes with speakers, notes, claims and the footer', () => {
    const message = renderSummaryMessage(makeSummary(), { moreDetailId: 'more:abc123', quotesId: 'quotes:abc123' });
    expectSafe(message);
    const [embed] = message.embeds;
    expect(embed?.title).toBe('Harbour bridge reopens after two years of repairs');
    expect(embed?.url).toBe(URL_);
    expect(embed?.author?.name).toBe('Ana Pérez · Example News');
    expect(embed?.description).toBe(
      '• The bridge reopened on Monday after two years of repairs.\n• Traffic is expected to return to normal by June.',
    );
    expect(field(embed, 'Key quotes')?.value).toBe(
      '“We are proud of the crews who worked through two winters” — Mayor Lena Ortiz\n“It feels like the city is whole again” — unattributed',
    );
    expect(field(embed, 'Notes')?.value).toBe('⚠️ The model failed twice; this is an extractive summary.');
    expect(field(embed, 'Not found in the source')?.value).toContain('The repairs cost $40 million.');
    expect(embed?.footer?.text).toBe('gpt-4o-mini · cached · 812 → 96 words (−88%) · summarize@1');
  });

  it('says "offline summary" in plain words without a model, the algorithm last, and nothing of the cache when not cached', () => {
    const message = renderSummaryMessage(makeSummary({ provider: 'extractive', model: null, prompt: null, notes: [], unsupportedClaims: [] }, { cached: false }));
    const [embed] = message.embeds;
    expect(embed?.footer?.text).toBe('offline summary · 812 → 96 words (−88%) · extractive@1');
    expect(field(embed, 'Notes')).toBeUndefined();
    expect(field(embed, 'Not found in the source')).toBeUndefined();
  });

  it('shows More detail, Quotes and a Source link button with the given ids', () => {
    const message = renderSummaryMessage(makeSummary(), { moreDetailId: 'more:abc123', quotesId: 'quotes:abc123' });
    expect(buttons(message)).toEqual([
      { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'More detail', custom_id: 'more:abc123' },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Quotes', custom_id: 'quotes:abc123' },
      { type: ComponentType.Button, style: ButtonStyle.Link, label: 'Source', url: URL_ },
    ]);
    expect(message.components[0]?.type).toBe(ComponentType.ActionRow);
  });

  it('has no link and no Source button for pasted text', () => {
    const summary = makeSummary({}, { article: makeArticle({ source: { kind: 'text', url: null } }) });
    const message = renderSummaryMessage(summary, { moreDetailId: 'more:x', quotesId: 'quotes:x' });
    expectSafe(message);
    expect(message.embeds[0]?.url).toBeUndefined();
    expect(buttons(message).map((button) => ('label' in button ? button.label : null))).toEqual(['More detail', 'Quotes']);
    expect(buttons(message).some((button) => button.style === ButtonStyle.Link)).toBe(false);
  });

  it('links the canonical URL when the article has no URL of its own', () => {
    const article = makeArticle({ source: { kind: 'file', url: null, path: 'page.html' }, metadata: { canonicalUrl: 'https://news.example/canonical' } });
    const message = renderSummaryMessage(makeSummary({}, { article }), {});
    expect(message.embeds[0]?.url).toBe('https://news.example/canonical');
    expect(buttons(message)).toEqual([{ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Source', url: 'https://news.example/canonical' }]);
  });

  it('refuses a custom id over 100 characters and accepts one of exactly 100', () => {
    expect(() => renderSummaryMessage(makeSummary(), { moreDetailId: `more:${'x'.repeat(96)}` })).toThrow(/CUSTOM_ID_MAX/);
    const message = renderSummaryMessage(makeSummary(), { moreDetailId: `more:${'x'.repeat(95)}`, quotesId: 'quotes:x' });
    expectSafe(message);
    for (const button of buttons(message)) if ('custom_id' in button) expect(button.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('cuts a 2,000-character single-sentence bullet at a word boundary', () => {
    const bullet = sentence(2000);
    const message = renderSummaryMessage(makeSummary({ bullets: [bullet] }));
    expectSafe(message);
    const description = message.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(description.length).toBeLessThan(bullet.length);
    expect(description.startsWith('• ')).toBe(true);
    expectWordCut(description.slice(2), bullet);
  });

  it('keeps all of 10 bullets of 1,000 characters, each cut at a word boundary, within 4096', () => {
    const bullets = Array.from({ length: 10 }, (_, index) => sentence(1000, index));
    const message = renderSummaryMessage(makeSummary({ bullets }));
    expectSafe(message);
    const lines = (message.embeds[0]?.description ?? '').split('\n');
    expect(lines).toHaveLength(10);
    lines.forEach((line, index) => expectWordCut(line.replace(/^• /, ''), bullets[index] ?? ''));
  });

  it('shows the top 5 of 40 quotes whole in a field within 1024, pointing at the Quotes button', () => {
    const quotes: Quote[] = Array.from({ length: 40 }, (_, index) => ({ text: sentence(150, index).slice(0, -1), speaker: `Speaker ${index}`, context: '' }));
    const message = renderSummaryMessage(makeSummary({ quotes }), { quotesId: 'quotes:x' });
    expectSafe(message);
    const value = field(message.embeds[0], 'Key quotes')?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
    const lines = value.split('\n');
    expect(lines.slice(0, 5)).toEqual(quotes.slice(0, 5).map((quote) => `“${quote.text}” — ${quote.speaker}`));
    expect(lines[5]).toBe('_35 more: press Quotes._');
  });

  it('drops later quotes whole rather than cutting one when five long quotes do not fit', () => {
    const quotes: Quote[] = Array.from({ length: 5 }, (_, index) => ({ text: sentence(400, index).slice(0, -1), speaker: 'A', context: '' }));
    const value = field(renderSummaryMessage(makeSummary({ quotes })).embeds[0], 'Key quotes')?.value ?? '';
    const lines = value.split('\n');
    expect(lines.slice(0, -1)).toEqual(quotes.slice(0, 2).map((quote) => `“${quote.text}” — A`));
    expect(lines.at(-1)).toBe('_3 more quotes._');
  });

  it('cuts a single 5,000-character quote inside its marks at a word boundary', () => {
    const text = sentence(5000).slice(0, -1);
    const message = renderSummaryMessage(makeSummary({ quotes: [{ text, speaker: 'Mayor Lena Ortiz', context: '' }] }));
    expectSafe(message);
    const value = field(message.embeds[0], 'Key quotes')?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
    expect(value.endsWith('…” — Mayor Lena Ortiz')).toBe(true);
    expect(value.startsWith('“')).toBe(true);
    expectWordCut(value.slice(1, value.indexOf('”')), text);
  });

  it('cuts a 300-character title to 256, ending with …', () => {
    const headline = sentence(300);
    const title = renderSummaryMessage(makeSummary({ headline })).embeds[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(title.endsWith('…')).toBe(true);
    expectWordCut(title, headline);
  });

  it('keeps huge notes and claims within their fields and the whole within 6000', () => {
    const summary = makeSummary({
      headline: sentence(400),
      bullets: Array.from({ length: 12 }, (_, index) => sentence(3000, index)),
      quotes: Array.from({ length: 30 }, (_, index) => ({ text: sentence(2000, index), speaker: sentence(300, index), context: '' })),
      notes: Array.from({ length: 20 }, (_, index) => sentence(3000, index)),
      unsupportedClaims: Array.from({ length: 50 }, (_, index) => sentence(2000, index)),
    }, { article: makeArticle({ metadata: { byline: sentence(500), siteName: sentence(500) } }) });
    const message = renderSummaryMessage(summary, { moreDetailId: 'more:x', quotesId: 'quotes:x' });
    expectSafe(message);
    const [embed] = message.embeds;
    expect(measureEmbeds(message.embeds)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
    expect(field(embed, 'Notes')?.value).toMatch(/^⚠️ /);
    expect(field(embed, 'Notes')?.value).toMatch(/more notes\._$/);
    expect(field(embed, 'Not found in the source')?.value.length).toBeLessThanOrEqual(512);
    expect((embed?.description ?? '').length).toBeGreaterThan(1000);
  });

  it('shows markdown in article text as typed, so a masked link cannot hide its target', () => {
    const message = renderSummaryMessage(makeSummary({ bullets: ['Read [the report](https://evil.example) **now**'] }));
    expect(message.embeds[0]?.description).toBe('• Read \\[the report\\](https://evil.example) \\*\\*now\\*\\*');
  });
});

describe('mentions', () => {
  const loud = '@everyone @here <@123> <@!123> <@&456> look';
  const summary = makeSummary(
    {
      headline: loud,
      bullets: [loud, loud],
      quotes: [{ text: loud, speaker: '<@123>', context: loud }],
      notes: [loud],
      unsupportedClaims: [loud],
    },
    { article: makeArticle({ metadata: { title: loud, byline: '@everyone', siteName: '<@&456>' } }) },
  );

  it.each([
    ['summary', () => renderSummaryMessage(summary, { moreDetailId: 'more:x', quotesId: 'quotes:x' })],
    ['summaries', () => renderSummariesMessage([summary, summary])],
    ['quotes', () => renderQuotesMessage(summary.result.quotes, { title: loud, url: URL_, footer: loud })],
  ])('the %s payload has no content, no live mentions, and allowedMentions { parse: [] }', (_name, render) => {
    const message: RenderedMessage & { content?: string } = render();
    expectSafe(message);
    const serialised = JSON.stringify(message);
    expect(serialised).not.toMatch(/@(everyone|here)/);
    expect(serialised).not.toMatch(/<@[!&]?\d+>/);
    expect(serialised).toContain('@\u200Beveryone');
  });

  it('neutraliseMentions breaks @everyone, @here, user and role mentions, and is idempotent', () => {
    const once = neutraliseMentions(loud);
    expect(once).toBe('@\u200Beveryone @\u200Bhere <@\u200B123> <@\u200B!123> <@\u200B&456> look');
    expect(neutraliseMentions(once)).toBe(once);
    expect(neutraliseMentions('mail me at a@example.com · summarize@1')).toBe('mail me at a@example.com · summarize@1');
  });
});

describe('renderQuotesMessage', () => {
  const meta = { title: 'Harbour bridge reopens', url: URL_, footer: '40 verified quotes · gpt-4o-mini · quotes@1' };

  it('lists every quote with its speaker under a linked title', () => {
    const message = renderQuotesMessage(makeSummary().result.quotes, meta);
    expectSafe(message);
    expect(message.embeds).toEqual([
      {
        title: 'Harbour bridge reopens',
        url: URL_,
        description: '“We are proud of the crews who worked through two winters” — Mayor Lena Ortiz\n\n“It feels like the city is whole again” — unattributed',
        footer: { text: meta.footer },
      },
    ]);
  });

  it('spreads 40 quotes over several embeds within 10 and 6000, whole, and says how many were left out', () => {
    const quotes: Quote[] = Array.from({ length: 40 }, (_, index) => ({ text: sentence(300, index).slice(0, -1), speaker: `Speaker ${index}`, context: '' }));
    const message = renderQuotesMessage(quotes, meta);
    expectSafe(message);
    expect(message.embeds.length).toBeGreaterThan(1);
    expect(message.embeds.length).toBeLessThanOrEqual(EMBEDS_PER_MESSAGE_MAX);
    expect(message.embeds[0]?.title).toBe(meta.title);
    expect(message.embeds.at(-1)?.footer?.text).toBe(meta.footer);
    const lines = message.embeds.flatMap((embed) => (embed.description ?? '').split('\n\n'));
    const more = lines.pop();
    expect(lines).toEqual(quotes.slice(0, lines.length).map((quote) => `“${quote.text}” — ${quote.speaker}`));
    expect(more).toBe(`_…and ${40 - lines.length} more quotes that did not fit._`);
  });

  it('cuts a single 5,000-character quote at a word boundary, and has no link without a URL', () => {
    const text = sentence(5000).slice(0, -1);
    const message = renderQuotesMessage([{ text, speaker: null, context: '' }], { ...meta, url: null });
    expectSafe(message);
    expect(message.embeds[0]?.url).toBeUndefined();
    const description = message.embeds.map((embed) => embed.description ?? '').join('');
    expect(description.endsWith('…” — unattributed')).toBe(true);
    expectWordCut(description.slice(1, description.indexOf('”')), text);
  });

  it('says so when there are no quotes', () => {
    const message = renderQuotesMessage([], meta);
    expectSafe(message);
    expect(message.embeds[0]?.description).toBe('No verified quotes were found.');
  });
});

describe('renderSummariesMessage', () => {
  it('renders one embed for each of up to 3 summaries', () => {
    const message = renderSummariesMessage([makeSummary(), makeSummary(), makeSummary(), makeSummary()]);
    expectSafe(message);
    expect(message.embeds).toHaveLength(3);
    expect(message.components).toEqual([]);
    expect(message.embeds[0]?.description).toBe(renderSummaryMessage(makeSummary()).embeds[0]?.description);
  });

  it('shrinks long descriptions in proportion so three fit in 6000', () => {
    const long = makeSummary({ bullets: Array.from({ length: 8 }, (_, index) => sentence(600, index)) });
    const short = makeSummary({ bullets: Array.from({ length: 4 }, (_, index) => sentence(300, index)) });
    const message = renderSummariesMessage([long, short, long]);
    expectSafe(message);
    const [first, second, third] = message.embeds.map((embed) => (embed.description ?? '').length);
    expect(first).toBeGreaterThan(0);
    expect(third).toBe(first);
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThan(first ?? 0);
    expect(measureEmbeds(message.embeds)).toBeGreaterThan(EMBED_TOTAL_MAX - 400);
  });

  it('never passes a limit when all three are huge', () => {
    const huge = makeSummary({
      headline: sentence(600),
      bullets: Array.from({ length: 10 }, (_, index) => sentence(1000, index)),
      quotes: Array.from({ length: 40 }, (_, index) => ({ text: sentence(5000, index), speaker: null, context: '' })),
      notes: [sentence(5000)],
      unsupportedClaims: [sentence(5000), sentence(5000)],
    });
    const message = renderSummariesMessage([huge, huge, huge]);
    expectSafe(message);
    for (const embed of message.embeds) expect((embed.description ?? '').length).toBeGreaterThan(200);
  });
});

describe('fitText', () => {
  it('returns text that fits unchanged', () => {
    expect(fitText('Short enough.', 13)).toBe('Short enough.');
  });

  it('cuts at the last sentence end that fits', () => {
    expect(fitText('The bridge reopened. Traffic returns in June.', 30)).toBe('The bridge reopened. …');
  });

  it('cuts at a word boundary when no sentence end fits, leaving no dangling comma', () => {
    expect(fitText('The bridge, which reopened on Monday', 16)).toBe('The bridge…');
  });

  it('hard-cuts only a single word longer than the room', () => {
    expect(fitText('Donaudampfschifffahrtsgesellschaft', 10)).toBe('Donaudamp…');
    expect(fitText('😀😀😀😀', 4)).toBe('😀…');
  });

  it('never returns more than max characters', () => {
    const random = seeded(7);
    for (let run = 0; run < 500; run += 1) {
      const text = randomText(random, Math.floor(random() * 400));
      const max = Math.floor(random() * 120);
      const fitted = fitText(text, max);
      expect(fitted.length).toBeLessThanOrEqual(Math.max(max, 0));
      if (text.length <= max) expect(fitted).toBe(text);
      else if (max > 0) expect(fitted.endsWith('…')).toBe(true);
    }
  });
});

describe('fitLines', () => {
  it('keeps whole lines while they fit and drops the rest whole', () => {
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 10)).toEqual({ text: 'aaaa\nbbbb', shown: 2, omitted: 1 });
  });

  it('makes room for the overflow line by dropping another whole line', () => {
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 11, '\n', { overflow: (omitted) => `+${omitted}` })).toEqual({ text: 'aaaa\n+2', shown: 1, omitted: 2 });
  });

  it('cuts only a first line that alone is too long', () => {
    expect(fitLines(['one two three four', 'five'], 12)).toEqual({ text: 'one two…', shown: 1, omitted: 1 });
  });

  it('counts lines past maxLines as omitted', () => {
    expect(fitLines(['a', 'b', 'c'], 100, '\n', { maxLines: 2, overflow: (omitted) => `(${omitted} more)` }).text).toBe('a\nb\n(1 more)');
  });
});

describe('discord limits', () => {
  it('measures the characters Discord counts', () => {
    expect(measureEmbed({ title: 'ab', description: 'cde', fields: [{ name: 'f', value: 'gh' }], footer: { text: 'ij' }, author: { name: 'k' }, url: URL_ })).toBe(11);
  });

  it('names the limit that is broken', () => {
    expect(() => assertWithinLimits({ embeds: [{ description: 'x'.repeat(4097) }] })).toThrow(/EMBED_DESCRIPTION_MAX/);
    expect(() => assertWithinLimits({ embeds: [{ title: 'x'.repeat(257) }] })).toThrow(/EMBED_TITLE_MAX/);
    expect(() => assertWithinLimits({ embeds: [{ fields: [{ name: 'n', value: 'x'.repeat(1025) }] }] })).toThrow(/EMBED_FIELD_VALUE_MAX/);
    expect(() => assertWithinLimits({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] })).toThrow(/EMBED_TOTAL_MAX/);
    expect(() => assertWithinLimits({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).toThrow(/EMBEDS_PER_MESSAGE_MAX/);
    expect(() => assertWithinLimits({ content: 'x'.repeat(2001) })).toThrow(/MESSAGE_CONTENT_MAX/);
    expect(() => assertWithinLimits({ embeds: [{ footer: { text: 'x'.repeat(2049) } }] })).toThrow(/EMBED_FOOTER_TEXT_MAX/);
    expect(() => assertWithinLimits({ embeds: [{ author: { name: 'x'.repeat(257) } }] })).toThrow(/EMBED_AUTHOR_NAME_MAX/);
    const button = (custom_id: string): APIButtonComponent => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'b', custom_id });
    expect(() => assertWithinLimits({ components: [{ type: ComponentType.ActionRow, components: [button('x'.repeat(101))] }] })).toThrow(/CUSTOM_ID_MAX/);
    expect(() => assertWithinLimits({ components: [{ type: ComponentType.ActionRow, components: Array.from({ length: 6 }, () => button('b')) }] })).toThrow(
      /BUTTONS_PER_ROW_MAX/,
    );
    expect(() => assertWithinLimits({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] })).toThrow(DiscordLimitError);
    expect(() => assertWithinLimits({ embeds: [{ description: 'x'.repeat(4096) }, { description: 'x'.repeat(1904) }] })).not.toThrow();
  });
});

describe('property: random summaries never pass a limit', () => {
  it('200 seeded random summaries, alone, in threes and as quotes messages', () => {
    const random = seeded(20240502);
    const summaries = Array.from({ length: 200 }, () => randomSummary(random));
    summaries.forEach((summary, index) => {
      const id = 'x'.repeat(Math.floor(random() * 90));
      expectSafe(renderSummaryMessage(summary, { moreDetailId: `more:${id}`, quotesId: `quotes:${id}` }));
      expectSafe(renderQuotesMessage(summary.result.quotes, { title: summary.result.headline, url: summary.article.source.url, footer: randomText(random, Math.floor(random() * 3000)) }));
      expectSafe(renderSummariesMessage(summaries.slice(index, index + 1 + Math.floor(random() * 3))));
    });
  });
});

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['the', 'bridge', 'reopened', 'Monday.', 'said', '“quoted”', 'Ünïcödé', '😀', '@everyone', '<@123>', '**bold**', '[x](https://e.x)', 'a-very-long-hyphenated-compound', '\n', 'x'.repeat(150), '!', 'end?'];

function randomText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += `${PIECES[Math.floor(random() * PIECES.length)]}${random() < 0.9 ? ' ' : ''}`;
  return text.slice(0, length);
}

function randomSummary(random: () => number): ArticleSummary {
  const size = () => Math.floor(random() ** 3 * 6000);
  const many = <T>(max: number, make: () => T) => Array.from({ length: Math.floor(random() * max) }, make);
  const kind = (['url', 'file', 'stdin', 'text'] as const)[Math.floor(random() * 4)] ?? 'url';
  const article = makeArticle({
    source: { kind, url: kind === 'url' ? `https://news.example/${'p'.repeat(Math.floor(random() * 700))}` : null },
    metadata: { byline: random() < 0.5 ? null : randomText(random, size()), siteName: random() < 0.5 ? null : randomText(random, size()), publishedTime: random() < 0.5 ? 'not a date' : null },
  });
  return makeSummary(
    {
      headline: randomText(random, size()),
      bullets: many(15, () => randomText(random, size())),
      quotes: many(50, () => ({ text: randomText(random, size()), speaker: random() < 0.3 ? null : randomText(random, Math.floor(random() * 400)), context: '' })),
      model: random() < 0.5 ? null : randomText(random, Math.floor(random() * 3000)),
      notes: many(6, () => randomText(random, size())),
      unsupportedClaims: many(10, () => randomText(random, size())),
    },
    { article, cached: random() < 0.5, stats: { wordsIn: Math.floor(random() * 1e6), wordsOut: Math.floor(random() * 1e4), reductionPct: Math.floor(random() * 100) } },
  );
}

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/article/build-article.js';
import { cleanParagraphs } from '../../src/article/clean-paragraphs.js';
import type { Article } from '../../src/article/types.js';
import { sharedPath, skipWithoutShared } from '../../test-support/shared-data.js';

const FIXTURE = 'fixtures/rafah-briefing.txt';
const TITLE = 'Expected Meeting Between US and Israeli Officials Regarding Rafah Offensive';

describe.skipIf(skipWithoutShared(FIXTURE))('cleaning the Rafah briefing fixture', () => {
  // Read in beforeAll: a skipped describe still runs its body to collect the tests.
  let raw = '';
  let article: Article;
  beforeAll(() => {
    raw = readFileSync(sharedPath(FIXTURE), 'utf8');
    article = articleFromText(raw, { kind: 'file', url: null, path: FIXTURE });
  });

  it('takes the headline as the title and drops every repeat of it', () => {
    expect(article.metadata.title).toBe(TITLE);
    expect(article.text).not.toContain('Expected Meeting');
  });

  it('drops the share widget and the photo caption', () => {
    expect(article.text).not.toMatch(/spread the love/i);
    expect(article.text).not.toContain('File Photo');
  });

  it('keeps every paragraph of the story, word for word', () => {
    expect(article.paragraphs).toHaveLength(6);
    expect(article.paragraphs[0]).toMatch(/^Washington : Next week/);
    expect(article.paragraphs.at(-1)).toMatch(/between the two allies\.$/);
    for (const paragraph of article.paragraphs) expect(raw).toContain(paragraph);
  });
});

describe('cleanParagraphs', () => {
  const body = 'The council met on Tuesday to discuss the budget for the coming year and agreed on most of it.';

  it('drops lines repeated verbatim, keeping the first', () => {
    expect(cleanParagraphs([body, 'Another paragraph here.', body], { title: null })).toEqual([body, 'Another paragraph here.']);
  });

  it('drops headlines repeated in the body, whatever their case or punctuation', () => {
    const title = 'Council Passes Budget: What It Means';
    expect(cleanParagraphs(['COUNCIL PASSES BUDGET — WHAT IT MEANS', body, 'Council passes budget: what it means | Daily Planet'], { title })).toEqual([body]);
  });

  it.each([
    'Share this article',
    'Share: Facebook | Twitter | Email',
    'Facebook Twitter WhatsApp Email Copy link',
    'Spread the love',
    'Read more: Ten things to know about the budget',
    'READ ALSO: Mayor resigns',
    'Related Articles',
    'Sign up for our daily newsletter and get the news in your inbox.',
    'Photo: Jane Doe/Reuters',
    'A firefighter at the scene on Monday. Getty Images',
    'Advertisement',
  ])('drops the noise line %j', (noise) => {
    expect(cleanParagraphs([body, noise], { title: null })).toEqual([body]);
  });

  it('strips photo credits inside a paragraph but keeps its words', () => {
    expect(cleanParagraphs(['The mayor spoke at the rally (File Photo) before the vote.'], { title: null })).toEqual([
      'The mayor spoke at the rally before the vote.',
    ]);
    expect(cleanParagraphs(['Rescue teams reached the village (Photo: AFP) on Sunday.'], { title: null })).toEqual([
      'Rescue teams reached the village on Sunday.',
    ]);
  });

  it('keeps news agency datelines such as "(AP)" and "(Reuters)"', () => {
    const datelines = ['LONDON (AP) — Britain’s parliament voted on Tuesday.', 'WASHINGTON (Reuters) - Scientists unveiled a map.'];
    expect(cleanParagraphs(datelines, { title: null })).toEqual(datelines);
    expect(cleanParagraphs(['Flood water in the square (AP Photo/Jane Doe) on Monday.'], { title: null })).toEqual(['Flood water in the square on Monday.']);
  });

  it('keeps prose that merely mentions sharing, newsletters or photos', () => {
    const prose = [
      'Shares in the company fell 4% after the announcement, wiping out a year of gains.',
      'The newsletter, which she founded in 2019, now has 40,000 subscribers across the region.',
      '“Subscribe to the idea that we can fix this,” the governor said.',
      'The photo showed the minister leaving the building through a side door.',
    ];
    expect(cleanParagraphs(prose, { title: null })).toEqual(prose);
  });
});

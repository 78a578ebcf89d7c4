import { beforeAll, describe, expect, it } from 'vitest';
import { loadAebPages, type AebPage } from '../../bench/lib/aeb-pages.js';
import { articleFromHtml } from '../../src/article/build-article.js';
import type { Article } from '../../src/article/types.js';
import { createExtractiveSummarizer } from '../../src/summarize/index.js';
import { sharedPath, skipWithoutShared } from '../../test-support/shared-data.js';

/**
 * Issue 9: bylines and datelines became bullets. Over every page of the article-extraction
 * benchmark, built as the pipeline builds a fetched page, no bullet of the extractive summary may
 * be page furniture. The detector below is written apart from the cleaning code on purpose: it
 * judges the summary's output, not the rules that produced it.
 */

const AEB = 'eval/aeb';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?' +
  '|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|ago|gen|mag|giu|lug|ott|dic)\\.?';
const WEEKDAY =
  '(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|urday)?\\.?|(?:segunda|terça|quarta|quinta|sexta)-feira|sábado|domingo';
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:de\\s+)?${MONTH}(?![\\p{L}])`, 'iu');
const CLOCK = /\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b/i;
const NUMERIC_DATE = /\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b/;
const DATE_PARTS = new RegExp(
  [
    `\\b(?:${WEEKDAY})(?![\\p{L}])`,
    `\\b${MONTH}(?![\\p{L}])`,
    '\\b\\d{1,4}(?:st|nd|rd|th)?\\b',
    '\\b[ap]\\.?m\\b\\.?',
    '\\b(?:[A-Z]{1,4}T|UTC|GMT)\\b',
    '\\b(?:published|updated|posted|original|last|modified|on|at|de|às|of|the)\\b',
  ].join('|'),
  'giu',
);

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** Why a bullet is page furniture, or null when it reads as a sentence of the story. */
function furnitureKind(bullet: string, article: Article): string | null {
  const text = bullet.trim();
  const count = words(text).length;
  if (/\b\d+\s*min(?:ute)?s?\.?\s+read\b|^(?:estimated )?reading time\b|^tempo de leitura\b/i.test(text)) return 'reading time';
  if (/\b(?:\d+|an?)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|\bjust now\b/i.test(text)) return 'relative time';
  const dated = MONTH_DAY.test(text) || CLOCK.test(text) || NUMERIC_DATE.test(text);
  if (dated && /^(?:published|updated|posted|last (?:updated|modified)|originally published)\b/i.test(text)) return 'time stamp';
  // "By Jane Roe", "By Jane Roe and John Doe, Reuters": "By" and names, no verb.
  if (/^[Bb][Yy]\s+\p{Lu}/u.test(text) && words(text.replace(DATE_PARTS, ' ')).length <= 15 && !/\b(?:is|was|were|are|had|has|have|said|will|would)\b/.test(text)) return 'byline';
  const byline = article.metadata.byline?.replace(/^by\s+/i, '').toLowerCase();
  if (byline && words(text).join(' ').toLowerCase() === words(byline).join(' ')) return 'author line';
  // A line of date parts with at most a site's or author's name left over.
  if (dated && count <= 25 && words(text.replace(DATE_PARTS, ' ')).length <= 3) return 'dateline';
  return null;
}

describe('the furniture detector used below', () => {
  const article = { metadata: { byline: 'Jane Roe' } } as Article;

  it.each([
    'By Jane Roe · 3 hours ago',
    'By Jane Roe',
    'By GREG BEACHAM, AP Sports Writer',
    'By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)',
    'Updated 12:04 PM EST, Tue March 3, 2020',
    'Published: 2 June 2019',
    'PUBLISHED: 10:48, Tue, Nov 19, 2019',
    'November 20, 2019 / 1:07 AM / CBS News',
    'segunda-feira, 22 de janeiro de 2018 às 0:13',
    '4 min read',
    'JANE ROE',
  ])('flags %j', (line) => {
    expect(furnitureKind(line, article)).not.toBeNull();
  });

  it.each([
    'On Tuesday, March 3, the council voted to fund the flood barrier after a long debate.',
    'Tickets for the anniversary tour go on sale at 10 a.m. Friday, Dec. 6.',
    'Updated 7 days a week, 365 days a year.',
    'By Tuesday evening, the river had risen two metres above its usual level.',
  ])('passes the sentence %j', (line) => {
    expect(furnitureKind(line, article)).toBeNull();
  });
});

describe.skipIf(skipWithoutShared(AEB))('extractive summaries of the AEB pages', () => {
  let pages: AebPage[] = [];
  beforeAll(async () => {
    pages = await loadAebPages(sharedPath(AEB));
  });

  it('has every page', () => {
    expect(pages).toHaveLength(121);
  });

  it('never makes a byline, a dateline, a time stamp or a reading time a bullet', async () => {
    const summarizer = createExtractiveSummarizer();
    const offenders: string[] = [];
    let summarised = 0;
    for (const page of pages) {
      // As bench:extract builds a fetched page: extraction and cleaning, with the gate left to its own tests.
      const article = articleFromHtml(page.readHtml(), { kind: 'url', url: page.url, path: null }, { applyGate: false });
      if (article.wordCount === 0) continue;
      // `detailed` chooses greedily, so its six bullets include the `brief` and `standard` ones.
      const summary = await summarizer.summarize({ article, options: { length: 'detailed', language: null, quotes: false } });
      summarised += 1;
      for (const bullet of summary.bullets) {
        const kind = furnitureKind(bullet, article);
        if (kind) offenders.push(`${page.id.slice(0, 8)} ${kind}: ${bullet}`);
      }
    }
    expect(summarised).toBeGreaterThan(110);
    expect(offenders).toEqual([]);
  }, 120_000);
});

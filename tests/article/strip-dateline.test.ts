import { describe, expect, it } from 'vitest';
import { stripDateline } from '../../src/article/strip-dateline.js';
import { cleanParagraphs } from '../../src/article/clean-paragraphs.js';

const LEAD = 'The council voted on Tuesday night to fund a network of removable flood barriers along the river.';

describe('stripDateline', () => {
  it.each([
    'WASHINGTON — ',
    'WASHINGTON (AP) — ',
    'KYIV, Ukraine (AP) — ',
    'LONDON, March 3 (Reuters) - ',
    'NEW YORK, Jan. 5, 2020 (AP) — ',
    'ST. LOUIS — ',
    'Washington (Reuters) - ',
    '(CNN) -- ',
  ])('takes "%s" off the lead', (dateline) => {
    expect(stripDateline(`${dateline}${LEAD}`)).toBe(LEAD);
  });

  it.each([
    'Mayor Elena Vasquez — who proposed the plan in April — said the vote was the most important decision of the council.',
    'The Riverton City Council — by a vote of 7-2 — agreed on Tuesday night to fund a network of barriers.',
    'Riverton — a town of 40,000 — voted on Tuesday night to fund a network of removable flood barriers.',
    'WASHINGTON — short line',
  ])('leaves a sentence alone: %s', (sentence) => {
    expect(stripDateline(sentence)).toBe(sentence);
  });

  it('reads only the opening paragraphs of an article', () => {
    const later = `WASHINGTON — ${LEAD}`;
    const cleaned = cleanParagraphs([`RIVERTON — ${LEAD}`, 'A second paragraph that is long enough to be a real part of the story here.', 'A third one.', later], { title: null });
    expect(cleaned[0]).toBe(LEAD);
    expect(cleaned.at(-1)).toBe(later);
  });
});

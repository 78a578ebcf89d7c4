import { describe, expect, it } from 'vitest';
import { flagUnsupportedClaims } from '../../src/verify/index.js';

const SOURCE = [
  'Harbour Town Weighs Flood Defences',
  'Mayor Ada Okafor said on Monday that the harbour wall would be rebuilt before winter at a cost of $48 million, up 3.5% on last year’s estimate.',
  'About 1,200 homes were flooded in 2021. The council voted 7-2 to approve the plan, which runs from 2025 to 2028.',
  'John F. Kirby, a spokesman for the U.S. Army Corps of Engineers, said Israel’s engineers had advised on the design.',
  'Three Israeli engineers visited in March, and the European Union offered a grant of 2.5 million euros.',
].join('\n\n');

describe('flagUnsupportedClaims: what the source supports is not flagged', () => {
  it.each([
    ['a name and an amount written another way', 'Mayor Ada Okafor said the wall will be rebuilt before winter for $48m.'],
    ['a percentage spelt out', 'The estimate rose 3.5 percent on last year.'],
    ['a number without its thousands separator', 'About 1200 homes were flooded in 2021.'],
    ['a score with an en dash, and a range the source writes in words', 'The council voted 7–2 for the plan, which runs 2025-2028.'],
    ['“US” for “U.S.”, a name without its middle initial, a possessive', 'John Kirby of the US Army Corps of Engineers said Israel’s engineers helped.'],
    ['a country for the source’s possessive, a digit for a spelled-out number', 'Israel advised on the design, and 3 engineers visited.'],
    ['a demonym for the country', 'Israeli advice shaped the design.'],
    ['days, months and sentence openers', 'On Monday, the European Union offered €2.5 million. However, in March the Israeli engineers visited.'],
    ['ordinary words that open a sentence', 'Heavy rain flooded 1,200 homes. Heavy Israeli interest shaped the design.'],
    ['a surname alone and a possessive name', 'Kirby said the plan was Okafor’s.'],
    ['a day the source does not name', 'The council meets again on Friday.'],
  ])('%s', (_, bullet) => {
    expect(flagUnsupportedClaims([bullet], SOURCE)).toEqual([]);
  });

  it('does not flag a title-case headline’s ordinary words', () => {
    expect(flagUnsupportedClaims([], SOURCE, { headline: 'Harbour Town Approves $48 Million Wall Plan After Floods' })).toEqual([]);
  });
});

describe('flagUnsupportedClaims: what the source does not say is flagged', () => {
  it('flags invented numbers, percentages and names, each once, as written, in order of appearance', () => {
    const bullets = [
      'Joe Biden said the wall would cost $60 million, up 4.5% on the estimate.',
      'About 1,300 homes flooded, the council voted 8-1, and Hamburg offered help.',
      'Joe Biden visited the harbour; the wall will be finished in 2031.',
    ];
    expect(flagUnsupportedClaims(bullets, SOURCE)).toEqual(['Joe Biden', '$60 million', '4.5%', '1,300', '8-1', 'Hamburg', '2031']);
  });

  it('flags a percentage the source gives only as a plain number, and a scaled amount it does not give', () => {
    expect(flagUnsupportedClaims(['Costs rose 7%.', 'The grant was 2.5 billion euros.'], SOURCE)).toEqual(['7%', '2.5 billion']);
  });

  it('shows an invented name whole, even when it opens the sentence', () => {
    expect(flagUnsupportedClaims(['Greta Thunberg backed the wall.'], SOURCE)).toEqual(['Greta Thunberg']);
  });

  it('checks the headline first; in title case only its numbers and acronyms', () => {
    expect(flagUnsupportedClaims(['Okafor backed the plan.'], SOURCE, { headline: 'Harbour Town Approves $90 Million Wall Plan With NATO' })).toEqual([
      '$90 Million',
      'NATO',
    ]);
    expect(flagUnsupportedClaims(['It cost $90 million.'], SOURCE, { headline: 'Okafor and Angela Merkel back a $90 million wall' })).toEqual([
      'Angela Merkel',
      '$90 million',
    ]);
  });
});

describe('flagUnsupportedClaims: spellings that fold equal', () => {
  it('treats “U.S.” and “US” as one name, both ways', () => {
    expect(flagUnsupportedClaims(['The U.S. sent engineers.'], 'The US sent engineers.')).toEqual([]);
    expect(flagUnsupportedClaims(['The US sent engineers.'], 'The U.S. sent engineers.')).toEqual([]);
    expect(flagUnsupportedClaims(['The UK sent engineers.'], 'The U.S. sent engineers.')).toEqual(['UK']);
  });

  it('matches possessives with the bare name, both ways, in straight or curly spelling', () => {
    expect(flagUnsupportedClaims(['Talks with Israel’s cabinet resumed.'], 'Talks with Israel resumed.')).toEqual([]);
    expect(flagUnsupportedClaims(["Talks with Israel's cabinet resumed."], 'Talks with Israel’s cabinet resumed.')).toEqual([]);
    expect(flagUnsupportedClaims(['Talks with Israel resumed.'], 'Talks with Israel’s cabinet resumed.')).toEqual([]);
  });

  it('matches a demonym with its country, both ways, and no other country', () => {
    expect(flagUnsupportedClaims(['Talks with Ukrainian officials resumed.'], 'Talks with Ukraine resumed.')).toEqual([]);
    expect(flagUnsupportedClaims(['Talks with Ukraine resumed.'], 'Talks with Ukrainian officials resumed.')).toEqual([]);
    expect(flagUnsupportedClaims(['Talks with Chinese and Iranian officials resumed.'], 'Talks with China and Iraq resumed.')).toEqual(['Iranian']);
  });

  it('takes a name with digits whole, not its number', () => {
    const source = 'The F-35 programme slowed during Covid-19.';
    expect(flagUnsupportedClaims(['The F-35 programme slowed during Covid-19.'], source)).toEqual([]);
    expect(flagUnsupportedClaims(['The F-16 programme slowed.'], source)).toEqual(['F-16']);
  });

  it('matches numbers across thousands separators, scales and currency spellings', () => {
    const source = 'The fund holds 1,250,000 dollars and lent $3.2bn to 12,000 firms.';
    expect(flagUnsupportedClaims(['It holds $1.25 million and lent 3.2 billion to 12000 firms.'], source)).toEqual([]);
    expect(flagUnsupportedClaims(['It lent 3.3 billion to 12,500 firms.'], source)).toEqual(['3.3 billion', '12,500']);
  });

  it('does not take a number for part of a longer one', () => {
    expect(flagUnsupportedClaims(['It lent to 200 firms.'], 'It lent to 1,200 firms.')).toEqual(['200']);
    expect(flagUnsupportedClaims(['It lent to 12 firms.'], 'It lent to 1.12 firms.')).toEqual(['12']);
  });
});

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

/** Issue 11: spellings of one fact that made the flags cry wolf on faithful summaries. Each pair is checked both ways. */
describe('flagUnsupportedClaims: numbers written another way are one number', () => {
  it.each([
    ['a spelled number and digits', 'Nine people were hurt.', '9 people were hurt.'],
    ['a spelled number before a hyphenated word', 'Twelve-year-old Alfie was burned.', 'The 12-year-old Alfie was burned.'],
    ['a hyphenated compound', 'It cost twenty-five dollars.', 'It cost $25.'],
    ['hundreds with "and"', 'One hundred and five homes flooded.', 'About 105 homes flooded.'],
    ['"a hundred"', 'Nearly a hundred homes flooded.', 'Nearly 100 homes flooded.'],
    ['"a dozen"', 'A dozen eggs broke.', 'Exactly 12 eggs broke.'],
    ['a spelled scale and "m"', 'Nine million people voted.', 'Some 9m people voted.'],
    ['a spelled scale and a written one', 'Nine million people voted.', 'Some 9 million people voted.'],
    ['"a million"', 'A million people marched.', 'About 1,000,000 people marched.'],
    ['"three and a half thousand"', 'She lives three and a half thousand miles away.', 'She lives 3,500 miles away.'],
    ['"half a million"', 'Half a million people marched.', 'About 500,000 people marched.'],
    ['a trillion', 'Debt reached $1.2 trillion.', 'Debt reached $1.2tn.'],
    ['a space for thousands', 'They work 2 226 hours a year.', 'They work 2,226 hours a year.'],
    ['dots for thousands', 'It cost 1.250.000 euros.', 'It cost €1,250,000.'],
    ['a lone dot group, read both ways', 'It sold 1.000 copies.', 'It sold 1,000 copies.'],
    ['"6:30" and "6.30"', 'The train left at 6:30.', 'The train left at 6.30.'],
    ['"6.30pm" and "6:30 p.m."', 'The train left at 6.30pm.', 'The train left at 6:30 p.m.'],
    ['"18:30" and "6.30pm"', 'The train left at 18:30.', 'The train left at 6.30pm.'],
    ['"PM" and "p.m."', 'Polls close at 9 p.m.', 'Polls close at 9 PM.'],
    ['"AM" and "a.m."', 'He works a 3 a.m. shift.', 'He works a 3AM shift.'],
    ['"12.30am" and "12:30 a.m."', 'He went to bed at 12.30am.', 'He went to bed at 12:30 a.m.'],
    ['"7:15" and "7.15"', 'The ship was due to dock at 7:15.', 'The ship was due to dock at 7.15.'],
    ['"noon" and "12pm"', 'They met at noon.', 'They met at 12pm.'],
    ['"midnight" and "12am"', 'They left at midnight.', 'They left at 12am.'],
    ['a temperature in capitals', 'It reached 30 degrees.', 'It reached 30C.'],
    ['"$5m" and "5 million dollars"', 'The fund lost $5m.', 'The fund lost 5 million dollars.'],
    ['"US$5 million" and "$5m"', 'The fund lost US$5 million.', 'The fund lost $5m.'],
    ['"£3bn" and "3 billion pounds"', 'The deal was worth £3bn.', 'The deal was worth 3 billion pounds.'],
    ['"£17million" and "£17m"', 'The team cost £17million.', 'The team cost £17m.'],
    ['"5%" and "5 per cent"', 'Prices rose 5%.', 'Prices rose 5 per cent.'],
    ['"5 percent" and "five per cent"', 'Prices rose 5 percent.', 'Prices rose five per cent.'],
    ['"3rd" and "third"', 'United finished third.', 'United finished 3rd.'],
    ['"21st" and "twenty-first"', 'It was her twenty-first birthday.', 'It was her 21st birthday.'],
    ['"1990s" and "the ’90s"', 'It was popular in the 1990s.', 'It was popular in the ’90s.'],
    ['"1990s" and "the nineties"', 'It was popular in the nineties.', 'It was popular in the 1990s.'],
    ['a unit with and without a space', 'The loophole allows 20kg of meat.', 'The loophole allows 20 kg of meat.'],
    ['a year after "mid-"', 'Fighters rose 71% from mid-2014.', 'Fighters rose 71% from 2014.'],
    ['an age after "then-"', 'He abused his then-11-week-old daughter.', 'The 11-week-old baby was hurt.'],
    ['a fraction', 'The song runs 8½ minutes.', 'The song runs 8.5 minutes.'],
  ])('%s', (_, source, summary) => {
    expect(flagUnsupportedClaims([summary], source)).toEqual([]);
    expect(flagUnsupportedClaims([source], summary)).toEqual([]);
  });

  it('leaves small counts in words alone: a writer counts what the source lists', () => {
    expect(flagUnsupportedClaims(['He was born two weeks after the record lamb.'], 'He was born a fortnight after the record lamb.')).toEqual([]);
  });

  it('takes a number joined by a space for thousands as two numbers when the source has those', () => {
    expect(flagUnsupportedClaims(['In heat 45 100 metres were run.'], 'In heat 45, runners ran 100 metres.')).toEqual([]);
  });
});

describe('flagUnsupportedClaims: numbers the source does not state still flag, however written', () => {
  it.each([
    ['the other half of the day', 'The train left at 6.30pm.', 'The train left at 6:30 a.m.', '6:30 a.m.'],
    ['another minute', 'The train left at 6.30pm.', 'The train left at 6:45pm.', '6:45pm'],
    ['a spelled number the source gives otherwise', 'Eleven people were hurt.', 'Twelve people were hurt.', 'Twelve'],
    ['a spelled scale', 'Some 8 million people voted.', 'Nine million people voted.', 'Nine million'],
    ['a spelled percentage of a plain number', 'Prices rose to 5.', 'Prices rose five per cent.', 'five per cent'],
    ['another scale of the same digits', 'The deal was worth 3 million pounds.', 'The deal was worth £3bn.', '£3bn'],
    ['another ordinal', 'United finished third.', 'United finished 4th.', '4th'],
    ['another decade', 'It was popular in the ’90s.', 'It was popular in the 1980s.', '1980s'],
    ['an invented date', 'The plan was approved in March.', 'The plan was approved on 12 June 2031.', '12'],
    ['the other half of the night', 'They met at noon.', 'They met at 12am.', '12am'],
    ['a percentage that only looks like a time', 'Rates rose to 6.30pm levels.', 'Rates rose 6.30%.', '6.30%'],
  ])('%s', (_, source, summary, flag) => {
    expect(flagUnsupportedClaims([summary], source)).toContain(flag);
  });
});

describe('flagUnsupportedClaims: names written another way are one name', () => {
  it.each([
    ['a possessive, straight and curly', 'Donald Trump’s plan failed.', "Trump's plan failed."],
    ['a hyphen or a space', 'Jean-Pierre Raffarin spoke.', 'Then Jean Pierre Raffarin spoke.'],
    ['initials with dots', 'J.K. Rowling wrote it.', 'Then J. K. Rowling wrote it.'],
    ['initials without dots', 'J.K. Rowling wrote it.', 'Then JK Rowling wrote it.'],
    ['accents', "N'Golo Kante scored.", 'Then N’Golo Kanté scored.'],
    ['letters no accent makes', 'Orsted builds wind farms.', 'Then Ørsted built wind farms.'],
    ['a sentence-initial name with an accent, checked whole', 'Olafur Arnalds played.', 'Ólafur Arnalds played.'],
    ['case', 'McDonald’s opened a store.', 'Then MCDONALD’S opened a store.'],
    ['"US" for "United States"', 'Talks with the United States resumed.', 'Talks with the US resumed.'],
    ['"Britain" for "UK"', 'Cases rose in the UK.', 'Cases rose in Britain.'],
    ['"UN" for "United Nations"', 'A United Nations report warned of fighters.', 'A UN report warned of fighters.'],
    ['an acronym the source spells out', 'The Food and Drug Administration approved it.', 'The FDA approved it.'],
    ['acronyms, one spelled out', 'The US Food and Drug Administration approved it.', 'The US FDA approved it.'],
    ['a plural acronym', 'Members of Parliament voted.', 'Then MPs voted.'],
    ['a first name said short before its surname', 'Police seek Alexander Soumbadze.', 'Police seek Alex Soumbadze.'],
    ['a common noun the source writes in lower case', 'The Tyne-Wear derby is on Sunday.', 'The Wear-Tyne Derby is on Sunday.'],
  ])('%s', (_, source, summary) => {
    expect(flagUnsupportedClaims([summary], source)).toEqual([]);
  });

  it.each([
    ['a time of day', 'Polls close at 9 p.m.', 'Polls close at 9 PM.'],
    ['a shouted link', 'City lost to Palace.', 'City lost to Palace. CLICK HERE for the latest news.'],
    ['a shouted warning', 'The dog was burned.', 'The dog was burned. WARNING GRAPHIC CONTENT.'],
    ['a caption label', 'Hazard was rated the best midfielder.', 'READ: Hazard rated best midfielder.'],
  ])('does not take capitals that name nothing for a name: %s', (_, source, summary) => {
    expect(flagUnsupportedClaims([summary], source)).toEqual([]);
  });
});

describe('flagUnsupportedClaims: names the source does not have still flag', () => {
  it.each([
    ['an invented name with accents, shown whole at a sentence start', 'Olafur Arnalds played.', 'Ólafur Eliasson played.', 'Ólafur Eliasson'],
    ['an invented place', 'Cases rose in the UK.', 'Cases rose in France.', 'France'],
    ['an acronym the source does not spell out', 'The Food and Drug Administration approved it.', 'The CIA approved it.', 'CIA'],
    ['a first name that is no short form of the source’s', 'Police seek Alexander Soumbadze.', 'Police seek Alexis Soumbadze.', 'Alexis Soumbadze'],
    ['a first name too short to tell', 'Police seek Alexander Soumbadze.', 'Police seek Al Soumbadze.', 'Al Soumbadze'],
    ['another court', 'He lost at the Court of Appeal, said a high official.', 'He lost at the High Court.', 'High Court'],
    ['a name with initials the source lacks', 'J.K. Rowling wrote it.', 'Then Kate Rowling wrote it.', 'Kate Rowling'],
  ])('%s', (_, source, summary, flag) => {
    expect(flagUnsupportedClaims([summary], source)).toContain(flag);
  });
});

describe('flagUnsupportedClaims: a name is never cut mid-word', () => {
  it('reads a name whole past an apostrophe or an ʻokina, but not past a possessive', () => {
    const source = 'Rain fell on Hawaiʻi. Dell’Orefice and Donald Trump spoke.';
    expect(flagUnsupportedClaims(['Then Hawaiʻi flooded, Dell’Orefice said.', 'Then Trump’s aides spoke.'], source)).toEqual([]);
    expect(flagUnsupportedClaims(['Then Hawaiʻiki flooded.'], source)).toEqual(['Hawaiʻiki']);
  });

  it('shows an invented name that opens a sentence whole', () => {
    expect(flagUnsupportedClaims(['Ng’ondu Kamau spoke.'], 'Ng’ang’a spoke.')).toEqual(['Ng’ondu Kamau']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findQuotes, type Quote } from '../../src/quotes/index.js';
import { sharedPath, skipWithoutShared } from '../../test-support/shared-data.js';

/** findQuotes, checking the promises every caller relies on: text verbatim, speaker named in the source. */
function quotesOf(source: string): Quote[] {
  const quotes = findQuotes(source);
  for (const quote of quotes) {
    expect(source).toContain(quote.text);
    if (quote.speaker !== null) expect(source).toContain(quote.speaker);
  }
  return quotes;
}

function pairs(source: string): [string, string | null][] {
  return quotesOf(source).map((quote) => [quote.text, quote.speaker]);
}

function speakerOf(source: string, text: string): string | null | undefined {
  return quotesOf(source).find((quote) => quote.text === text)?.speaker;
}

const FIXTURE = 'fixtures/rafah-briefing.txt';

describe.skipIf(skipWithoutShared(FIXTURE))('findQuotes on the Rafah briefing fixture', () => {
  // Read in the tests, not here: a skipped suite's body still runs when vitest collects it.
  const readSource = (): string => readFileSync(sharedPath(FIXTURE), 'utf8');

  it('finds exactly the two quotes, verbatim, both by John Kirby, ranked longer first', () => {
    expect(pairs(readSource())).toEqual([
      [
        'The Israelis have assured us that there will be no operations in and around Rafah until we have had the opportunity to speak with them in more detail about viable options and alternatives to a major ground offensive.',
        'John Kirby',
      ],
      ['sometime in the coming week.', 'John Kirby'],
    ]);
  });

  it('gives each quote the sentence it sits in', () => {
    const [stating, coming] = quotesOf(readSource());
    expect(stating?.context).toMatch(/^Kirby emphasized the importance of this impending dialogue, stating, “The Israelis/);
    expect(coming?.context).toBe(
      'John Kirby, the National Security Council communications director, mentioned that while a meeting was initially slated for this week, it’s now likely to occur “sometime in the coming week.”',
    );
  });

  it('takes no apostrophe (there’s, it’s, Israel’s, They’re) for a quote mark', () => {
    const source = readSource();
    expect(source).toContain('Israel’s');
    expect(quotesOf(source).some((quote) => /’|‘/.test(quote.text))).toBe(false);
  });
});

describe('findQuotes: where the attribution stands', () => {
  it.each([
    ['X said, after the quote', '“We are not going to comment on an ongoing investigation,” Sarah Jones said.', 'Sarah Jones'],
    ['said X, inverted', '“The bridge will reopen next month after the repairs,” said Anna Schmidt.', 'Anna Schmidt'],
    ['said + descriptor + X', '“We will win this fight in the end,” said coach Tom Brady.', 'Tom Brady'],
    ['X, the …, said', '“Nobody saw the storm coming this early,” Ana Paz, the city’s emergency manager, said.', 'Ana Paz'],
    ['X, 45, a nurse, said before the quote', 'Lena Berg, 45, a nurse, said the ward was “critical but stable for now.”', 'Lena Berg'],
    ['X said before the quote', 'Omar Haddad said, “The convoy reached the northern crossing at dawn.”', 'Omar Haddad'],
    ['according to X', 'According to Dr. Amal Haddad, “the hospital has run out of fuel and medicine.”', 'Amal Haddad'],
    ['according to X, after the quote', '“Supplies will last another two days at most,” according to Petra Novak.', 'Petra Novak'],
    ['X mentioned that', 'Ken Adams mentioned that the vote would come “sometime in the coming week.”', 'Ken Adams'],
    ['X emphasized …, stating', 'Rosa Diaz emphasized the stakes, stating, “We cannot afford another delay this year.”', 'Rosa Diaz'],
    ['X told reporters', '“There is no deal on the table yet,” Li Wei told reporters after the meeting.', 'Li Wei'],
    ['X added:', 'Tom Reed added: “The money has already been spent twice over.”', 'Tom Reed'],
    ['X wrote', 'Sen. Elizabeth Warren wrote on X: “Corporate greed is driving prices up again.”', 'Elizabeth Warren'],
    ['X asked, inverted', '“Are we really done here tonight?” asked Tom Smith.', 'Tom Smith'],
    ['a lead-in ending in a colon', 'Angela Merkel was blunt: „Wir schaffen das, wenn wir zusammenhalten.“', 'Angela Merkel'],
    ['the sentence before the quote', 'Rosa Diaz stressed the urgency. “We cannot afford another delay this year.”', 'Rosa Diaz'],
    ['the sentence after the quote', '“Nobody expected the vote to go this way.” Anna Kowalski said so afterwards.', 'Anna Kowalski'],
  ])('%s', (_pattern, source, speaker) => {
    const [quote] = quotesOf(source);
    expect(quote?.speaker).toBe(speaker);
  });

  it('reads two quotes around one attribution: “…,” she said, “…”', () => {
    const source = 'Maria Lopez runs the clinic. “We are full,” she said, “and we have been full since the first week of December.”';
    expect(speakerOf(source, 'We are full')).toBe('Maria Lopez');
    expect(speakerOf(source, 'and we have been full since the first week of December.')).toBe('Maria Lopez');
  });
});

describe('findQuotes: who the speaker is', () => {
  it('resolves a pronoun to the person named before it', () => {
    const source = 'Maria Lopez runs the clinic in Springfield. “We have never seen so many patients in one winter,” she said.';
    expect(pairs(source)).toEqual([['We have never seen so many patients in one winter', 'Maria Lopez']]);
  });

  it('keeps he and she apart by the genders the article shows', () => {
    const source =
      'Maria Lopez met Tom Hanks at the gala. Lopez brought her daughter. Hanks came with his son. “It was a wonderful evening for all of us,” she said. “I loved every minute of the evening,” he added.';
    expect(speakerOf(source, 'It was a wonderful evening for all of us')).toBe('Maria Lopez');
    expect(speakerOf(source, 'I loved every minute of the evening')).toBe('Tom Hanks');
  });

  it('learns a gender from a noun beside the name', () => {
    const source = 'The actress Mary Steenburgen met the director Tom Harper in Glasgow. “It was the best week of the whole year,” she said.';
    expect(speakerOf(source, 'It was the best week of the whole year')).toBe('Mary Steenburgen');
  });

  it('gives no speaker to a pronoun when the article shows no one’s gender', () => {
    const source = 'Maria Lopez met Sam Hanks at the gala. “It was a wonderful evening for all of us,” she said.';
    expect(speakerOf(source, 'It was a wonderful evening for all of us')).toBeNull();
  });

  it('resolves "they" to an institution named before it, never to a person', () => {
    expect(speakerOf('The Pentagon released a statement on Monday. “No troops were involved in the strike at all,” they said.', 'No troops were involved in the strike at all')).toBe('Pentagon');
    expect(speakerOf('Maria Lopez and her team met the press. “We are not done yet with any of this,” they said.', 'We are not done yet with any of this')).toBeNull();
  });

  it('resolves a bare surname, or a titled one, to the full name used earlier', () => {
    const source = [
      'John Kirby spoke at the White House on Monday.',
      '“We are not going to comment on that at all,” Kirby said.',
      'Mr. Kirby added that “the talks will resume when both sides are ready.”',
    ].join('\n\n');
    expect(pairs(source).map(([, speaker]) => speaker)).toEqual(['John Kirby', 'John Kirby']);
  });

  it('keeps a surname that no full name explains, and invents nothing', () => {
    expect(pairs('“We expect the talks to resume very soon,” Kirby said.')).toEqual([['We expect the talks to resume very soon', 'Kirby']]);
  });

  it('spells the name as the source does, spacing included', () => {
    expect(pairs('“We will not stop until the job is done,” said Benjamin\u00A0Netanyahu.')).toEqual([
      ['We will not stop until the job is done', 'Benjamin\u00A0Netanyahu'],
    ]);
  });

  it('strips titles, and a demonym before them, from the name', () => {
    expect(speakerOf('Prime Minister Benjamin Netanyahu said, “We will not stop until the job is done.”', 'We will not stop until the job is done.')).toBe('Benjamin Netanyahu');
    expect(speakerOf('Israeli Defence Minister Yoav Gallant told troops: “We will reach every place in Gaza.”', 'We will reach every place in Gaza.')).toBe('Yoav Gallant');
  });

  it('takes a capitalised institution as the speaker, but not a title alone or a common noun', () => {
    expect(speakerOf('The Pentagon said, “No U.S. troops were involved in the strike on Tuesday.”', 'No U.S. troops were involved in the strike on Tuesday.')).toBe('Pentagon');
    expect(speakerOf('“We will release the full report within the month,” the President said.', 'We will release the full report within the month')).toBeNull();
    expect(speakerOf('“We will not back down from this at all,” the ministry said.', 'We will not back down from this at all')).toBeNull();
    expect(speakerOf('Officials said, “The road will stay closed until Friday night.”', 'The road will stay closed until Friday night.')).toBeNull();
  });

  it('gives a quote paragraph after an attributed quote to the same speaker', () => {
    const source = ['“We will win this case,” Jane Doe said.', '“There is no doubt in my mind about that.”'].join('\n\n');
    expect(pairs(source).map(([, speaker]) => speaker)).toEqual(['Jane Doe', 'Jane Doe']);
  });

  it('leaves a quote that nobody is said to have said unattributed', () => {
    const source = 'The storm hit at night.\n\n“This is a remark that floats free of any named speaker.”';
    expect(pairs(source)).toEqual([['This is a remark that floats free of any named speaker.', null]]);
  });
});

describe('findQuotes: quote marks', () => {
  it.each([
    ['«…»', 'Le ministre a déclaré « Nous allons gagner cette bataille ensemble ».', 'Nous allons gagner cette bataille ensemble'],
    ['»…« (German, reversed)', 'Der Sprecher sagte: »Das ist so nicht richtig, und das wissen alle«.', 'Das ist so nicht richtig, und das wissen alle'],
    ['„…“', 'Merkel sagte: „Wir schaffen das, wenn wir zusammenhalten.“', 'Wir schaffen das, wenn wir zusammenhalten.'],
    ['"…"', 'Karen Bass said: "It is a good day for our kids and for their teachers."', 'It is a good day for our kids and for their teachers.'],
    ['‘…’', 'Anna Kowalski said: ‘The offer is an insult to every single player here.’', 'The offer is an insult to every single player here.'],
  ])('reads %s', (_marks, source, text) => {
    expect(quotesOf(source).map((quote) => quote.text)).toEqual([text]);
  });

  it('does not take apostrophes for single quote marks, even beside a speech verb', () => {
    const source =
      'Jane Doe said it’s clear that Israel’s army and the players’ union aren’t talking, she said. They’re busy, she said. ' +
      'The ’90s are over. Rock ’n’ roll isn’t, said Tom Reed. He said it\'s plain that Jones\' car wasn\'t there in the \'90s. ' +
      'The \'90s band Oasis\' drummer said little.';
    expect(quotesOf(source)).toEqual([]);
  });

  it('reads past an apostrophe inside a single-quoted quote', () => {
    const source = 'Jane Doe wrote: ‘It’s a deal that nobody here wanted’ and left it at that.';
    expect(pairs(source)).toEqual([['It’s a deal that nobody here wanted', 'Jane Doe']]);
  });

  it('closes a single quote after a possessive apostrophe inside it at the right mark', () => {
    const source = 'Its chair, Anna Kowalski, said: ‘The owners’ offer is an insult, and it’s the players’ money.’';
    expect(pairs(source)).toEqual([['The owners’ offer is an insult, and it’s the players’ money.', 'Anna Kowalski']]);
  });

  it('keeps a quote inside a quote as part of the outer one', () => {
    const source = 'Jane Doe said, “The so-called ‘peace plan’ is dead and everyone in this room knows it.”';
    expect(pairs(source)).toEqual([['The so-called ‘peace plan’ is dead and everyone in this room knows it.', 'Jane Doe']]);
  });

  it('returns a quote over several paragraphs as one verbatim piece per paragraph, in order, with one speaker', () => {
    const source = [
      'Winston Churchill told the House: “We shall fight on the beaches, we shall fight on the landing grounds,',
      '“we shall fight in the fields and in the streets, we shall fight in the hills;',
      '“we shall never surrender.” The speech was short.',
      '“That was a good speech, and a short one too,” said Clement Attlee.',
    ].join('\n\n');
    expect(pairs(source)).toEqual([
      ['We shall fight on the beaches, we shall fight on the landing grounds', 'Winston Churchill'],
      ['we shall fight in the fields and in the streets, we shall fight in the hills', 'Winston Churchill'],
      ['we shall never surrender.', 'Winston Churchill'],
      ['That was a good speech, and a short one too', 'Clement Attlee'],
    ]);
  });

  it('attributes a quote over several paragraphs from its last paragraph too', () => {
    const source = ['“The first part of what I have to say is this,', '“and the second part is that we will go home now,” said Ada Byron.'].join('\n\n');
    expect(pairs(source).map(([, speaker]) => speaker)).toEqual(['Ada Byron', 'Ada Byron']);
  });

  it('reads a quote whose paragraphs lost their line breaks, reopening after each sentence, as one quote', () => {
    const source =
      'Gary Locke will be confirmed as manager on Friday. ‘I’d be over the moon to get it as it’s something I’ve worked hard towards,’ said Locke. ‘I had a taste of it at Hearts and really enjoyed it. ‘But I’ve said all along, it’s not about me. It’s about players.’ The club will announce it on Friday.';
    const found = pairs(source);
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        ['I’d be over the moon to get it as it’s something I’ve worked hard towards', 'Gary Locke'],
        ['I had a taste of it at Hearts and really enjoyed it.', 'Gary Locke'],
        ['But I’ve said all along, it’s not about me. It’s about players.', 'Gary Locke'],
      ]),
    );
  });

  it('ignores an unclosed stray mark and still finds the quote after it', () => {
    const source = 'The board measured 5" across. Maria Lopez said, "This is the best board we have ever built."';
    expect(pairs(source)).toEqual([['This is the best board we have ever built.', 'Maria Lopez']]);
  });
});

describe('findQuotes: scare quotes', () => {
  it('drops a short quote that no speech frames', () => {
    expect(quotesOf('The minister dismissed the so-called “peace plan” on Monday.')).toEqual([]);
    expect(quotesOf('Residents were told the “temporary measures” would end soon.')).toEqual([]);
  });

  it('drops a so-called phrase even when a speech verb is near', () => {
    expect(quotesOf('The minister said the so-called “peace plan” was dead.')).toEqual([]);
  });

  it('keeps a short quote that a speech verb frames', () => {
    const source = 'Prime Minister Benjamin Netanyahu called the deal “a disaster,” he said.';
    expect(pairs(source)).toEqual([['a disaster', 'Benjamin Netanyahu']]);
  });

  it('keeps a short quote that a speech verb just before frames, even with no speaker named', () => {
    expect(pairs('Critics called it “a fig leaf” on Monday.')).toEqual([['a fig leaf', null]]);
    expect(pairs('Officials said the plan was “a mistake.”')).toEqual([['a mistake.', null]]);
  });

  it('keeps a short quote followed by its attribution', () => {
    expect(pairs('“Absolutely not,” Kirby said.')).toEqual([['Absolutely not', 'Kirby']]);
  });
});

describe('findQuotes: order, repeats and context', () => {
  it('ranks attributed before unattributed, then longer, then earlier', () => {
    const source = [
      '“This unattributed remark is the longest quote in this whole test text by far.”',
      '“Short but attributed here,” Ana Paz said.',
      '“A longer attributed quote, said after the short one,” Ana Paz said.',
      '“Another attributed one, same length as the next,” Li Wei said.',
      '“Another attributed one, same length as the last,” Li Wei said.',
      'The meeting ended.',
      '“An unattributed remark, quite short.”',
    ].join('\n\n');
    expect(quotesOf(source).map((quote) => quote.text)).toEqual([
      'A longer attributed quote, said after the short one',
      'Another attributed one, same length as the next',
      'Another attributed one, same length as the last',
      'Short but attributed here',
      'This unattributed remark is the longest quote in this whole test text by far.',
      'An unattributed remark, quite short.',
    ]);
  });

  it('returns a quote repeated (say, in a pull quote) once, attributed', () => {
    const source = [
      '“We must act now to protect these children from harm.”',
      '“We must act now to protect these children from harm,” Jane Doe said.',
      'Jane Doe repeated herself: “We must act now to protect these children from harm!”',
    ].join('\n\n');
    expect(pairs(source)).toEqual([['We must act now to protect these children from harm', 'Jane Doe']]);
  });

  it('gives the whole sentence as context, not split at Mr., Dr. or U.S.', () => {
    const source = 'Markets fell. Mr. Kirby met Dr. Lee in the U.S. capital and said “the talks went well enough for now.” Then he left.';
    const [quote] = quotesOf(source);
    expect(quote?.context).toBe('Mr. Kirby met Dr. Lee in the U.S. capital and said “the talks went well enough for now.”');
  });

  it('gives every sentence a quote spans', () => {
    const source = 'Lena Berg spoke. “We are ready. We will go.” Then she left.';
    expect(quotesOf(source)[0]?.context).toBe('“We are ready. We will go.”');
  });

  it('cuts a long context at a word boundary with …, keeping the quote in view', () => {
    const lead = 'In a long and winding preamble that goes on and on about the weather, the roads, the schools, the markets and the harvest, ';
    const source = `${lead.repeat(3)}Ana Paz said “the harvest this year is the best in living memory for the whole valley.”`;
    const [quote] = quotesOf(source);
    expect(quote?.speaker).toBe('Ana Paz');
    expect(quote?.context.length).toBeLessThanOrEqual(300);
    expect(quote?.context.startsWith('…')).toBe(true);
    expect(quote?.context).toContain('“the harvest this year');
    expect(quote?.context).toMatch(/(?:^…\S|[\s,]\S)/);
  });

  it('cuts a long quote’s context at a word boundary and ends it with …', () => {
    const words = Array.from({ length: 80 }, (_, index) => `word${index}`).join(' ');
    const [quote] = quotesOf(`Ana Paz said: “${words}.”`);
    expect(quote?.context.length).toBeLessThanOrEqual(300);
    expect(quote?.context).toMatch(/ word\d+…$/);
  });

  it('finds nothing in a text without quotes', () => {
    expect(findQuotes('')).toEqual([]);
    expect(findQuotes('No one said anything at all today.')).toEqual([]);
  });
});

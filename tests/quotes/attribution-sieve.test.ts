import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../src/quotes/index.js';

/** The speaker findQuotes gives the quote that starts with `start`; every speaker must be spelt as in the source. */
function speakerOf(source: string, start: string): string | null | undefined {
  const quotes = findQuotes(source);
  for (const quote of quotes) if (quote.speaker !== null) expect(source).toContain(quote.speaker);
  return quotes.find((quote) => quote.text.startsWith(start))?.speaker;
}

describe('the attribution sieve on the patterns news copy uses', () => {
  it.each([
    [
      'a descriptor, a comma and the name after the verb',
      '“We cannot move the cargo any faster,” said the port’s operations director, Henrik Solberg, at a briefing.',
      'We cannot move',
      'Henrik Solberg',
    ],
    ['a speech verb beyond "said"', 'President Donald Trump spoke in Ohio. “Go out and vote for him on Tuesday,” Trump implored.', 'Go out', 'Donald Trump'],
    ['"told reporters"', 'Mayor Ana Ruiz met residents. “The water is safe to drink again,” Ruiz told reporters.', 'The water', 'Ana Ruiz'],
    ['"according to"', 'The bridge will reopen “as soon as the inspectors sign it off,” according to engineer Tom Kerr.', 'as soon as', 'Tom Kerr'],
    [
      'a follow-on quote with no new attribution',
      '“The plant will close in March,” said Oliver Grant, the chief executive. “Every month of delay costs jobs.”',
      'Every month',
      'Oliver Grant',
    ],
    [
      'a follow-on quote in the next paragraph',
      '“The plant will close in March,” said Oliver Grant.\n\n“Every month of delay costs jobs in this town.”',
      'Every month',
      'Oliver Grant',
    ],
    ['Mr. and the full name the article gives', 'Paul Manafort arrived at court. “I have done nothing wrong here,” Mr. Manafort told reporters.', 'I have done', 'Paul Manafort'],
    ['Mrs.', 'Hillary Clinton spoke in Ohio. “We are stronger together than apart,” Mrs. Clinton said.', 'We are stronger', 'Hillary Clinton'],
    ['the Rev.', '“This is a moment for the whole city,” the Rev. Al Sharpton said.', 'This is a moment', 'Al Sharpton'],
    ['Sen.', 'Senator Elizabeth Warren was in Boston. “The bill protects families from fees,” Sen. Warren said.', 'The bill', 'Elizabeth Warren'],
    ['Gov.', '“We will rebuild every home that was lost,” Gov. Gavin Newsom said.', 'We will rebuild', 'Gavin Newsom'],
    ['Gen.', '“The troops will stay until the job is done,” Gen. Mark Milley said.', 'The troops', 'Mark Milley'],
    ['Dr.', 'Dr. Anthony Fauci testified on Tuesday. “The virus is still spreading fast,” Dr. Fauci said.', 'The virus', 'Anthony Fauci'],
    ['Mr. with a full name given later', '“I never saw the letter before today,” Mr. Burton said.\n\nDan Burton, the former congressman, left soon after.', 'I never saw', 'Dan Burton'],
    [
      'a pronoun after a paragraph about one person',
      'Dana Ortiz runs the clinic in the valley. She has worked there for ten years.\n\n“We see more patients every winter,” she said.',
      'We see more',
      'Dana Ortiz',
    ],
    ['the subject of the clause, not the nearest capitalised word', 'Governor Ron DeSantis is slamming the board’s decision, saying “it ignores the parents of this state.”', 'it ignores', 'Ron DeSantis'],
    ['a role, then the name', 'A spokeswoman for Trump Hotels, Jennifer Smith, said “the company has no plans to sell the tower.”', 'the company', 'Jennifer Smith'],
    ['an institution where the verb says so', '“We will respond to any aggression in kind,” the White House said in a statement.', 'We will respond', 'White House'],
    ['a descriptor before the name', '“It depends on what Boeing is willing to invest,” responded NASA administrator Jim Bridenstine.', 'It depends', 'Jim Bridenstine'],
    ['"X of Y said"', 'Odds were cut again on Friday. David Williams of Ladbrokes said: “We have never seen money like it.”', 'We have never', 'David Williams'],
    ['an inverted attribution later in the sentence', '“The president wants a bigger deal” announced in October, said Derek Scissors, a China scholar.', 'The president wants', 'Derek Scissors'],
    ['a role one person holds', 'President Donald Trump met farmers. The president said on Tuesday that China “is going to have to make a deal that I like.”', 'is going', 'Donald Trump'],
    ['an acronym the article spells out', 'The Drug Enforcement Administration issued a report. The DEA says the border “remains the main entry point for heroin.”', 'remains', 'Drug Enforcement Administration'],
    ['a surname that is also a month', 'Prime Minister Theresa May spoke in Parliament. “We will leave the union on time,” May said.', 'We will leave', 'Theresa May'],
  ])('%s', (_, source, start, speaker) => {
    expect(speakerOf(source, start)).toBe(speaker);
  });
});

describe('the attribution sieve prints no speaker rather than a wrong one', () => {
  it.each([
    ['a country', '“We will not accept these terms under any circumstances,” Cuba said on Monday.', 'We will not'],
    ['a capital standing for its government', 'Pompeo spoke on Monday. After a review Washington had concluded the settlements were “not inconsistent with law”.', 'not inconsistent'],
    ['a party word', '“The bill will never pass the House this year,” Republicans said.', 'The bill'],
    ['a platform', 'In a Tumblr post at the time she described this as the “worst case scenario for everyone”.', 'worst case'],
    ['someone the text does not name', 'Ada Okafor chaired the meeting.\n\n“The wall will not survive another winter,” a council engineer said.', 'The wall'],
    ['officials', '“The road will stay closed until Friday at the earliest,” officials said.', 'The road'],
    ['the institution a spokesman speaks for', '“No decision has been made on the base,” a spokesman for the Pentagon said.', 'No decision'],
    ['a pronoun when the article shows no one’s gender', 'Maria Lopez met Sam Hanks at the gala. “It was a wonderful evening for all of us,” she said.', 'It was'],
    ['a role several people hold', 'Minister Ana Paz met Minister Leo Diaz. The minister said the talks were “a waste of everyone’s time”.', 'a waste'],
    ['a news sentence after the quote', '“It was the best day of my life at this club.” The club will announce the new contract on Friday.', 'It was the best'],
  ])('%s', (_, source, start) => {
    expect(speakerOf(source, start)).toBeNull();
  });
});

describe('what counts as a quote', () => {
  it('keeps three words woven into the writer’s sentence in lower case', () => {
    const quotes = findQuotes('Taylor Swift accused him of years of “incessant, manipulative bullying” in a post.');
    expect(quotes.map((quote) => quote.text)).toEqual(['incessant, manipulative bullying']);
  });

  it('drops a title, however it is framed', () => {
    const source = 'The band said the tour will open with “Takin’ It To The Streets” and close with “What A Fool Believes”.';
    expect(findQuotes(source)).toEqual([]);
  });

  it('still drops a two-word scare quote', () => {
    expect(findQuotes('The so-called “peace plan” was rejected by both sides.')).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Quote } from '../../src/quotes/index.js';
import { caseless, foldText } from '../../src/text/index.js';
import { editSimilarity } from '../../test-support/edit-similarity.js';
import { mergeQuotes, verifyQuotes } from '../../src/verify/index.js';
import { sharedPath, skipWithoutShared } from '../../test-support/shared-data.js';

const WALL =
  'The harbour wall has protected this town for two hundred years, and with the new funding it will protect it for two hundred more';

const ARTICLE = [
  'Harbour Town Weighs Flood Defences',
  'Mayor Ada Okafor said on Monday that the harbour wall would be rebuilt before winter. “We have waited long enough — the money is there and the work starts in March,” Okafor told reporters at the town hall.',
  'John Kirby, a spokesman for the regional council, said the plan was “ambitious but achievable… if the weather holds”. “It’s the council’s job to keep people safe,” Mr. Kirby added.',
  `“${WALL}.” The council has set aside $48 million for the work.`,
  '“Nobody should lose their home to the sea again,” said Kirby.',
  'Residents were less sure. “I have heard these promises\nfor twenty years,” said\u00A0fisherman Tom Reyes, 62.',
].join('\n\n');

function quote(text: string, speaker: string | null = null, context = ''): Quote {
  return { text, speaker, context };
}

/** verifyQuotes on ARTICLE, checking the promise every caller relies on: each text is an exact substring. */
function verify(quotes: Quote[], sourceText = ARTICLE, minSimilarity?: number): ReturnType<typeof verifyQuotes> {
  const result = verifyQuotes(quotes, sourceText, minSimilarity === undefined ? undefined : { minSimilarity });
  for (const verified of result.quotes) expect(sourceText).toContain(verified.text);
  return result;
}

function onlyText(quotes: Quote[], sourceText = ARTICLE): string | undefined {
  const { quotes: verified } = verify(quotes, sourceText);
  expect(verified).toHaveLength(1);
  return verified[0]?.text;
}

describe('verifyQuotes: verbatim once typography is folded', () => {
  it.each([
    ['straight dash for an em dash', 'We have waited long enough - the money is there and the work starts in March', 'We have waited long enough — the money is there and the work starts in March'],
    ['three dots for an ellipsis', 'ambitious but achievable... if the weather holds', 'ambitious but achievable… if the weather holds'],
    ['straight apostrophes for curly ones', "It's the council's job to keep people safe", 'It’s the council’s job to keep people safe'],
    ['one space for a line break and an NBSP', 'I have heard these promises for twenty years', 'I have heard these promises\nfor twenty years'],
  ])('%s → the exact source substring', (_, given, expected) => {
    const result = verify([quote(given)]);
    expect(result.quotes.map((verified) => verified.text)).toEqual([expected]);
    expect(result.stats).toEqual({ verbatim: 1, repaired: 0, dropped: 0, speakersCleared: 0, speakersReplaced: 0 });
  });

  it('takes curly quote marks the model kept around the quote, and returns the text without them', () => {
    expect(onlyText([quote('“Nobody should lose their home to the sea again,”')])).toBe('Nobody should lose their home to the sea again');
    expect(onlyText([quote('"Nobody should lose their home to the sea again"')])).toBe('Nobody should lose their home to the sea again');
  });

  it('keeps the source’s full stop when the model kept one, and leaves a comma the model dropped', () => {
    expect(onlyText([quote(`${WALL}.`)])).toBe(`${WALL}.`);
    expect(onlyText([quote(WALL)])).toBe(WALL);
    expect(onlyText([quote('Nobody should lose their home to the sea again.')])).toBe('Nobody should lose their home to the sea again');
  });

  it('does not find a quote inside a longer word', () => {
    expect(verify([quote('he money is there')]).stats.verbatim).toBe(0);
  });
});

describe('verifyQuotes: near-verbatim quotes are repaired to the source span', () => {
  it.each([
    ['a few words changed', 'We have waited long enough, the money is here and the work starts in March', 'We have waited long enough — the money is there and the work starts in March'],
    ['a typo', 'Nobody should loose their home to the sea again', 'Nobody should lose their home to the sea again'],
    ['a missing word', WALL.replace('the new funding', 'the funding'), WALL],
    ['a different case', 'nobody should lose their home to the sea again', 'Nobody should lose their home to the sea again'],
  ])('%s', (_, given, expected) => {
    const result = verify([quote(given)]);
    expect(result.quotes.map((verified) => verified.text)).toEqual([expected]);
    expect(result.stats).toEqual({ verbatim: 0, repaired: 1, dropped: 0, speakersCleared: 0, speakersReplaced: 0 });
  });

  it('drops an invented quote', () => {
    const result = verify([quote('We will raise the council tax to pay for the new harbour wall')]);
    expect(result.quotes).toEqual([]);
    expect(result.stats).toEqual({ verbatim: 0, repaired: 0, dropped: 1, speakersCleared: 0, speakersReplaced: 0 });
  });

  it('drops a paraphrase below the similarity threshold, and repairs it when the threshold allows', () => {
    const paraphrase = 'The harbour wall has guarded this town for two hundred years, and thanks to new funding it will guard it for two hundred more';
    // The premise: the paraphrase is close to the source, but not close enough.
    const similarity = editSimilarity(caseless(paraphrase), caseless(WALL));
    expect(similarity).toBeGreaterThan(0.8);
    expect(similarity).toBeLessThan(0.9);

    expect(verify([quote(paraphrase)]).stats).toEqual({ verbatim: 0, repaired: 0, dropped: 1, speakersCleared: 0, speakersReplaced: 0 });
    const lenient = verify([quote(paraphrase)], ARTICLE, 0.8);
    expect(lenient.quotes.map((verified) => verified.text)).toEqual([WALL]);
  });

  it('does not stitch two quotes together across the narration between them', () => {
    const first = 'The committee has examined every option for the flood defences over the past eighteen months in great detail';
    const second = 'and it has concluded that the harbour wall must be rebuilt in stone rather than concrete before next winter';
    const source = `“${first},” the chair said. “${second}.”`;
    expect(editSimilarity(`${first}, ${second}`, `${first},” the chair said. “${second}`)).toBeGreaterThan(0.9);
    expect(verify([quote(`${first}, ${second}`)], source).quotes).toEqual([]);
  });

  it('gives a quote that runs over two paragraphs as one quote per paragraph', () => {
    const source = '“The first part of what the minister said runs to the end of this paragraph.\n\n“And the second part of it carries on in the next one,” she said.';
    const result = verify([quote('The first part of what the minister said runs to the end of this paragraph. And the second part of it carries on in the next one')], source);
    expect(result.quotes.map((verified) => verified.text)).toEqual([
      'The first part of what the minister said runs to the end of this paragraph.',
      'And the second part of it carries on in the next one',
    ]);
    expect(result.stats.repaired).toBe(1);
  });
});

describe('verifyQuotes: speakers named in the source', () => {
  // The source attributes this quote to no one, but names three people beside it.
  const UNATTRIBUTED = [
    'Mayor Ada Okafor, John Kirby and fisherman Tom Reyes walked the harbour wall on Monday.',
    '“Nobody should lose their home to the sea again.”',
  ].join('\n\n');
  const nobody = 'Nobody should lose their home to the sea again';

  it.each([
    ['the full name as written', 'John Kirby', 'John Kirby'],
    ['a surname', 'Kirby', 'John Kirby'],
    ['a title and surname', 'Mr. Kirby', 'John Kirby'],
    ['another case', 'john kirby', 'John Kirby'],
    ['a job title before the name', 'Mayor Ada Okafor', 'Ada Okafor'],
    ['a description after the name', 'Tom Reyes, a fisherman', 'Tom Reyes'],
  ])('%s: %s → %s', (_, given, expected) => {
    const result = verify([quote(nobody, given)], UNATTRIBUTED);
    expect(result.quotes[0]?.speaker).toBe(expected);
    expect(result.stats).toMatchObject({ speakersCleared: 0, speakersReplaced: 0 });
  });

  it.each([['Sarah Palmer'], ['Jane Kirby'], ['The Prime Minister']])('clears %s, whom the source never names', (given) => {
    const result = verify([quote(nobody, given)], UNATTRIBUTED);
    expect(result.quotes[0]?.speaker).toBeNull();
    expect(result.stats.speakersCleared).toBe(1);
  });

  it('finds the fullest name even when the source gives it after the surname', () => {
    const source = '“We have nothing more to say about the talks tonight,” Kirby said.\n\nThe spokesman, John Kirby, left soon after.';
    expect(verify([quote('We have nothing more to say about the talks tonight', 'Kirby')], source).quotes[0]?.speaker).toBe('John Kirby');
  });

  it('leaves a missing speaker missing, without counting it as cleared', () => {
    const result = verify([quote(nobody, null)], UNATTRIBUTED);
    expect(result.quotes[0]?.speaker).toBeNull();
    expect(result.stats.speakersCleared).toBe(0);
  });
});

describe('verifyQuotes: a model’s speaker checked against the source’s attribution', () => {
  const nobody = 'Nobody should lose their home to the sea again';

  it('replaces a speaker the source does not give the quote with the one it does, and counts it', () => {
    for (const wrong of ['Tom Reyes', 'Ada Okafor', 'Okafor']) {
      const result = verify([quote(nobody, wrong)]);
      expect(result.quotes[0]?.speaker).toBe('John Kirby');
      expect(result.stats).toMatchObject({ speakersReplaced: 1, speakersCleared: 0 });
    }
  });

  it('fills in the source’s speaker when the model gave none, without counting a correction', () => {
    const result = verify([quote(nobody, null)]);
    expect(result.quotes[0]?.speaker).toBe('John Kirby');
    expect(result.stats).toMatchObject({ speakersReplaced: 0, speakersCleared: 0 });
  });

  it('clears a name for a quote the source gives to someone it does not name', () => {
    const source = 'Ada Okafor chaired the meeting on Monday.\n\n“The wall will not survive another winter,” a council engineer said.';
    const result = verify([quote('The wall will not survive another winter', 'Ada Okafor')], source);
    expect(result.quotes[0]?.speaker).toBeNull();
    expect(result.stats.speakersCleared).toBe(1);
  });

  it('clears a name the source gives only far from an unattributed quote', () => {
    const source = [
      'Ada Okafor chaired the meeting on Monday.',
      'The council then turned to the budget for the new year.',
      'Repairs to the harbour wall will cost $48 million.',
      '“Nobody should lose their home to the sea again.”',
    ].join('\n\n');
    const result = verify([quote(nobody, 'Ada Okafor')], source);
    expect(result.quotes[0]?.speaker).toBeNull();
    expect(result.stats.speakersCleared).toBe(1);
  });

  it('never prints a sentence of the article as a speaker', () => {
    const source = 'Mayor Ada Okafor walked the harbour wall on Monday.\n\n“Nobody should lose their home to the sea again.”';
    const result = verify([quote(nobody, 'Mayor Ada Okafor walked the harbour wall on Monday.')], source);
    expect(result.quotes[0]?.speaker).toBeNull();
  });
});

describe('verifyQuotes: context', () => {
  const march = 'We have waited long enough — the money is there and the work starts in March';
  const sentence = '“We have waited long enough — the money is there and the work starts in March,” Okafor told reporters at the town hall.';

  it('replaces a context the source does not have with the sentence around the quote', () => {
    expect(verify([quote(march, 'Okafor', 'Okafor, speaking at a packed press conference')]).quotes[0]?.context).toBe(sentence);
    expect(verify([quote(march, 'Okafor', '')]).quotes[0]?.context).toBe(sentence);
  });

  it('keeps a context the quote’s paragraph has, spelt as the source spells it', () => {
    expect(verify([quote(march, 'Okafor', 'Okafor told reporters at the town hall.')]).quotes[0]?.context).toBe('Okafor told reporters at the town hall.');
    expect(verify([quote(march, 'Okafor', "Mayor Ada Okafor said on Monday that the harbour wall would be rebuilt")]).quotes[0]?.context).toBe(
      'Mayor Ada Okafor said on Monday that the harbour wall would be rebuilt',
    );
  });

  it('replaces a true sentence from another paragraph: it would mislead about the quote', () => {
    expect(verify([quote(march, 'Okafor', 'Residents were less sure.')]).quotes[0]?.context).toBe(sentence);
  });
});

describe('verifyQuotes: duplicates', () => {
  it('gives the same quote once, whichever spelling the model used, with the speaker one of them named', () => {
    const result = verify([
      quote('Nobody should lose their home to the sea again', null),
      quote('“Nobody should lose their home to the sea again.”', 'Kirby'),
      quote('nobody should loose their home to the sea again', 'Sarah Palmer'),
    ]);
    expect(result.quotes).toEqual([{ text: 'Nobody should lose their home to the sea again', speaker: 'John Kirby', context: '“Nobody should lose their home to the sea again,” said Kirby.' }]);
    expect(result.stats).toEqual({ verbatim: 2, repaired: 1, dropped: 0, speakersCleared: 0, speakersReplaced: 1 });
  });
});

describe('mergeQuotes', () => {
  const short = { text: 'the work starts in March', speaker: 'Ada Okafor', context: 'short context' };
  const long = { text: 'the money is there and the work starts in March', speaker: null, context: 'long context' };

  it('keeps the longer span when one holds the other, and the speaker whichever names one', () => {
    expect(mergeQuotes([short], [long])).toEqual([{ text: long.text, speaker: 'Ada Okafor', context: 'long context' }]);
    expect(mergeQuotes([long], [short])).toEqual([{ text: long.text, speaker: 'Ada Okafor', context: 'long context' }]);
  });

  it('prefers the version with a speaker when both say the same words', () => {
    const bare = { text: 'The work starts in March.', speaker: null, context: 'a' };
    const attributed = { text: 'the work starts in March', speaker: 'Ada Okafor', context: 'b' };
    expect(mergeQuotes([bare], [attributed])).toEqual([attributed]);
    expect(mergeQuotes([attributed], [bare])).toEqual([attributed]);
  });

  it('keeps the primary order, then the secondary quotes that are new', () => {
    const a = quote('first quote from the model', 'A');
    const b = quote('second quote from the model', 'B');
    const c = quote('a quote only the finder saw', 'C');
    expect(mergeQuotes([a, b], [c, quote('second quote from the model', null)])).toEqual([a, b, c]);
  });

  it('does not merge quotes that only share part of a word', () => {
    const merged = mergeQuotes([quote('starts in March')], [quote('restarts in March')]);
    expect(merged).toHaveLength(2);
  });

  it('makes one quote of a long one that holds two already kept, where the first stood', () => {
    const merged = mergeQuotes(
      [quote('the money is there', 'Ada Okafor'), quote('unrelated words'), quote('the work starts in March')],
      [quote('the money is there and the work starts in March')],
    );
    expect(merged).toEqual([quote('the money is there and the work starts in March', 'Ada Okafor'), quote('unrelated words')]);
  });
});

describe('verifyQuotes on a 30,000-word article', () => {
  const target = 'We will not stop until every family in the northern districts has clean water and a safe place to sleep tonight';
  let article = '';

  beforeAll(() => {
    // Seeded, varied words: a realistic spread of three-letter sequences, not one sentence repeated.
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'dir', 'pa', 'sen', 'tul', 'ber', 'no', 'gra', 'fi', 'mon', 'da', 'lis', 'tor', 'we', 'zan'];
    const common = 'the of and to in a that is was for on with as by at from said it be has have not are this an which'.split(' ');
    const vocabulary = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(syllables)).join(''));
    const paragraphs: string[] = [];
    for (let words = 0; words < 30_000; ) {
      const sentences = Array.from({ length: 4 }, () => {
        const length = 12 + Math.floor(random() * 14);
        words += length;
        return `${Array.from({ length }, () => (random() < 0.45 ? pick(common) : pick(vocabulary))).join(' ')}.`;
      });
      paragraphs.push(sentences.join(' '));
    }
    paragraphs.splice(paragraphs.length - 2, 0, `Minister Ada Okafor said, “${target},” at the briefing.`);
    article = paragraphs.join('\n\n');
  });

  it('repairs a mangled quote near the end, quickly', () => {
    expect(article.split(/\s+/).length).toBeGreaterThanOrEqual(30_000);
    const mangled = 'We will not stop until every family in the northern district has clean water and safe places to sleep tonight';
    const invented = Array.from({ length: 9 }, (_, index) => quote(`This sentence number ${index} was never said by anyone in the article at all`, 'Okafor'));
    const started = performance.now();
    const result = verifyQuotes([quote(mangled, 'Okafor'), ...invented], article);
    const elapsed = performance.now() - started;
    expect(result.quotes).toEqual([{ text: target, speaker: 'Ada Okafor', context: `Minister Ada Okafor said, “${target},” at the briefing.` }]);
    expect(result.stats).toEqual({ verbatim: 0, repaired: 1, dropped: 9, speakersCleared: 0, speakersReplaced: 0 });
    // Measured at about 60–120 ms for all ten; a scan of every window would take seconds.
    expect(elapsed).toBeLessThan(1500);
  });
});

const FIXTURE = 'fixtures/rafah-briefing.txt';

describe.skipIf(skipWithoutShared(FIXTURE))('verifyQuotes on the Rafah briefing fixture', () => {
  // Read in beforeAll, not here: a skipped suite's body still runs when vitest collects it.
  let source = '';
  beforeAll(() => {
    source = readFileSync(sharedPath(FIXTURE), 'utf8');
  });

  it('repairs a slightly mangled Kirby quote to the verbatim source, with Kirby’s full name', () => {
    const verbatim =
      'The Israelis have assured us that there will be no operations in and around Rafah until we have had the opportunity to speak with them in more detail about viable options and alternatives to a major ground offensive.';
    expect(source).toContain(`“${verbatim}”`);
    const mangled = '"The Israelis have assured us there will be no operations in or around Rafah until we had the opportunity to speak to them in more detail about viable options and alternatives to a major ground offensive."';
    const result = verifyQuotes([quote(mangled, 'Kirby', 'Kirby said at a White House briefing')], source);
    expect(result.quotes).toHaveLength(1);
    expect(result.quotes[0]?.text).toBe(verbatim);
    expect(result.quotes[0]?.speaker).toBe('John Kirby');
    expect(result.quotes[0]?.context).toMatch(/^Kirby emphasized the importance of this impending dialogue, stating, “The Israelis/);
    expect(result.stats).toEqual({ verbatim: 0, repaired: 1, dropped: 0, speakersCleared: 0, speakersReplaced: 0 });
  });
});

describe('foldText', () => {
  it('maps every folded character back to the original it came from', () => {
    const original = 'A “quote”\u00A0—\n\n and… it’s\u200Bdone';
    const folded = foldText(original);
    expect(folded.text).toBe('A "quote" - and... it\'sdone');
    expect(folded.starts).toHaveLength(folded.text.length);
    const dots = folded.text.indexOf('...');
    expect(original.slice(folded.starts[dots], folded.ends[dots + 2])).toBe('…');
    const gap = folded.text.indexOf(' -');
    expect(original.slice(folded.starts[gap], folded.ends[gap])).toBe('\u00A0');
    const afterDash = folded.text.indexOf('- ') + 1;
    expect(original.slice(folded.starts[afterDash], folded.ends[afterDash])).toBe('\n\n ');
  });
});

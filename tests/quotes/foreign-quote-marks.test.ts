import { describe, expect, it } from 'vitest';
import { findQuotes, type Quote } from '../../src/quotes/index.js';
import { foldText } from '../../src/text/index.js';
import { verifyQuotes } from '../../src/verify/index.js';
import { JAPANESE, STORIES, type ScriptStory } from '../fixtures/news-in-many-scripts.js';

/** Attribution reads English only, so speakers are not asserted here: the quotes' words are. */
const quotedWords = (text: string): string[] => findQuotes(text).map((quote) => quote.text);
const modelQuote = (text: string): Quote => ({ text, speaker: null, context: '' });
const name = (story: ScriptStory): string => `${story.language}: ${story.quote.slice(0, 12)}…`;

describe('quotation marks of other languages', () => {
  it.each(STORIES.map((story) => [name(story), story] as const))('finds the quote verbatim (%s)', (_name, story) => {
    expect(quotedWords(story.text)).toContain(story.quote);
  });

  it.each(STORIES.map((story) => [name(story), story] as const))('verifies a model’s quote in straight marks (%s)', (_name, story) => {
    const { quotes, stats } = verifyQuotes([modelQuote(`"${story.quote}"`)], story.text);
    expect(stats).toMatchObject({ verbatim: 1, dropped: 0 });
    expect(quotes.map((quote) => quote.text)).toEqual([story.quote]);
  });

  it('finds both Japanese quotes in corner brackets, and not the two-character term in double brackets', () => {
    expect(quotedWords(JAPANESE.text)).toEqual([
      '都民の命を守ることが何よりも優先だ。できることはすべて前倒しで進める',
      '住民一人ひとりの備えがなければ、行政の計画だけでは限界がある',
    ]);
  });

  it.each([
    ['kept its corner brackets', '「都民の命を守ることが何よりも優先だ。できることはすべて前倒しで進める」'],
    ['added a full stop', '都民の命を守ることが何よりも優先だ。できることはすべて前倒しで進める。'],
    ['quoted in curly marks with a full stop', '“都民の命を守ることが何よりも優先だ。できることはすべて前倒しで進める。”'],
  ])('verifies a Japanese quote whose model %s', (_name, text) => {
    const { quotes, stats } = verifyQuotes([modelQuote(text)], JAPANESE.text);
    expect(stats.verbatim).toBe(1);
    expect(quotes.map((quote) => quote.text)).toEqual([JAPANESE.quote]);
  });

  it('finds a quote in double corner brackets', () => {
    const text = '会見で首相は『国民の暮らしを守るために全力を尽くす』と強調した。';
    expect(quotedWords(text)).toEqual(['国民の暮らしを守るために全力を尽くす']);
  });

  it('finds a Swiss quote in single guillemets', () => {
    const text = '‹Wir sind bereit, die Verantwortung für das neue Schulhaus zu übernehmen›, sagte der Gemeindepräsident am Montag.';
    expect(quotedWords(text)).toEqual(['Wir sind bereit, die Verantwortung für das neue Schulhaus zu übernehmen']);
    const { stats } = verifyQuotes([modelQuote('"Wir sind bereit, die Verantwortung für das neue Schulhaus zu übernehmen"')], text);
    expect(stats.verbatim).toBe(1);
  });

  it('reads single guillemets inside French guillemets as part of the outer quote', () => {
    const text = '« Il m’a répondu ‹ jamais ›, puis il est reparti sans un mot », a raconté le témoin aux enquêteurs.';
    expect(quotedWords(text)).toEqual(['Il m’a répondu ‹ jamais ›, puis il est reparti sans un mot']);
  });

  it('folds corner brackets to straight double marks and single guillemets to straight single ones', () => {
    expect(foldText('「甲」『乙』‹c›').text).toBe('"甲""乙"\'c\'');
  });
});

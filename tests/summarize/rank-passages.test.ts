import { describe, expect, it } from 'vitest';
import { findPassages, rankSpans } from '../../src/summarize/index.js';
import { paragraphsForQuestion, passageTerms } from '../../src/summarize/rank-passages.js';
import { sentenceSpans } from '../../src/text/index.js';

const TEXT = [
  'The council voted 7-2 to fund the flood barriers on Tuesday.',
  'Work on the footings starts in July, beside the pumping station.',
  'The bond would add about $9 a month to a typical water bill.',
  'Residents packed the gallery; most of them were in favour of the plan.',
].join(' ');

describe('passage terms', () => {
  it('fold plurals and verb endings, so a question meets the article’s other forms of a word', () => {
    expect(passageTerms('voted votes voting vote')).toEqual(['vot', 'vot', 'vot', 'vot']);
    expect(passageTerms('flooded flooding floods')).toEqual(['flood', 'flood', 'flood']);
    expect(passageTerms('planned plans')).toEqual(['plan', 'plan']);
    // Too short to lose an ending.
    expect(passageTerms('need used')).toEqual(['need', 'used']);
  });
});

describe('BM25 over sentences', () => {
  it('ranks the sentence that holds the question’s words first, as a verbatim span', () => {
    const ranked = rankSpans(TEXT, sentenceSpans(TEXT), 'When does work on the footings start?');
    expect(ranked[0]?.text).toBe('Work on the footings starts in July, beside the pumping station.');
    expect(TEXT.slice(ranked[0]?.start, ranked[0]?.end)).toBe(ranked[0]?.text);
    expect(ranked[0]?.coverage).toBe(1);
  });

  it('weighs rare words over common ones', () => {
    const text = 'The flood was bad. The flood rose fast. The flood reached the pumping station.';
    const ranked = rankSpans(text, sentenceSpans(text), 'the flood at the pumping station');
    expect(ranked[0]?.text).toBe('The flood reached the pumping station.');
  });

  it('finds nothing when no sentence covers enough of the question', () => {
    expect(findPassages(TEXT, 'Did the governor attend the vote?')).toEqual([]);
    expect(findPassages(TEXT, 'Who is the police chief?')).toEqual([]);
    expect(findPassages(TEXT, 'What is it?')).toEqual([]);
  });

  it('keeps at most three passages, best first', () => {
    const text = Array.from({ length: 6 }, (_, index) => `The bridge toll will rise by ${index + 1} dollars in year ${index}.`).join(' ');
    const passages = findPassages(text, 'How much will the bridge toll rise?');
    expect(passages).toHaveLength(3);
    for (const passage of passages) expect(text).toContain(passage.text);
  });
});

describe('paragraphs for a long article', () => {
  it('takes the matching paragraph first, fills the room from the top, and keeps the article’s order', () => {
    const paragraphs = ['Lead paragraph about the town.', 'Markets and roads this week.', 'The bond would add $9 a month to water bills.', 'More about the weather.'];
    const text = paragraphs.join('\n\n');
    // Each paragraph costs its words plus one for the blank line: 6, 6, 11 and 5.
    const words = (part: string) => part.split(' ').length;
    expect(paragraphsForQuestion(text, 'How much is the bond?', 17, words)).toEqual([paragraphs[0], paragraphs[2]]);
    expect(paragraphsForQuestion(text, 'How much is the bond?', 11, words)).toEqual([paragraphs[2]]);
  });
});

import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/article/build-article.js';
import { createExtractiveSummarizer, summarizeSentences } from '../../src/summarize/index.js';
import { splitSentences } from '../../src/text/index.js';

const story = [
  'Storm Battering Coast',
  'A powerful storm battered the northern coast on Sunday, flooding hundreds of homes and cutting power to forty thousand people across the region.',
  'Emergency crews worked through the night to reach villages cut off by the floodwater, officials from the regional government said on Monday morning.',
  'The local bakery on Harbour Street, which opened in 1952, sold out of bread early on Saturday as customers stocked up before the weekend began.',
  'The storm brought winds of up to 140 kilometres an hour to the coast, the strongest recorded there since the great storm of 1987, forecasters said.',
  'Schools across the coast stayed closed on Monday while engineers checked buildings for damage from the storm and the floodwater that followed it.',
  'A storm battered the northern coast on Sunday, flooding hundreds of homes and cutting power to forty thousand people, the region said in a statement.',
  'The regional government said it would ask for national disaster funds to rebuild the homes and roads damaged by the storm and the floods.',
  'A football match between two local clubs was postponed until next month because the pitch lay under half a metre of water on Sunday afternoon.',
].join('\n\n');
const article = articleFromText(story, { kind: 'text', url: null, path: null });

describe('summarizeSentences', () => {
  it.each([
    ['brief', 2],
    ['standard', 3],
    ['detailed', 6],
  ] as const)('gives %s as %i sentences', (length, count) => {
    expect(summarizeSentences(article.text, length, article.metadata.title)).toHaveLength(count);
  });

  it('keeps source order, whatever the scores', () => {
    const sentences = splitSentences(article.text);
    for (const length of ['brief', 'standard', 'detailed'] as const) {
      const positions = summarizeSentences(article.text, length, article.metadata.title).map((sentence) => sentences.indexOf(sentence));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('leads with the lead and skips the off-topic sentences', () => {
    const brief = summarizeSentences(article.text, 'brief', article.metadata.title);
    expect(brief[0]).toMatch(/^A powerful storm battered/);
    const standard = summarizeSentences(article.text, 'standard', article.metadata.title).join(' ');
    expect(standard).not.toMatch(/bakery|football/);
  });

  it('drops a near-copy of a sentence already chosen (MMR)', () => {
    const detailed = summarizeSentences(article.text, 'detailed', article.metadata.title);
    const copies = detailed.filter((sentence) => /battered the northern coast on Sunday, flooding hundreds/.test(sentence));
    expect(copies).toHaveLength(1);
  });

  it('ranks a sentence that opens on he, she or they below an equal one that names its subject', () => {
    const text = [
      'Mayor Elena Vasquez announced a new flood plan for the Millbrook district on Tuesday evening.',
      'She said the first barriers along the river would be installed before the autumn storms.',
      'The council said the first barriers along the river would be installed before the autumn storms.',
    ].join(' ');
    const brief = summarizeSentences(text, 'brief');
    expect(brief).toHaveLength(2);
    expect(brief[1]).toMatch(/^The council said/);
  });

  it('returns every sentence of a text shorter than the length asked for', () => {
    expect(summarizeSentences('One short sentence with enough words in it. Another short sentence with words.', 'detailed')).toHaveLength(2);
  });
});

describe('createExtractiveSummarizer', () => {
  const summarizer = createExtractiveSummarizer();

  it('fills the CONTRACTS summary fields', async () => {
    const result = await summarizer.summarize({ article, options: { length: 'standard', language: null, quotes: true } });
    expect(result).toMatchObject({ headline: 'Storm Battering Coast', provider: 'extractive', model: null, prompt: null, language: 'en', notes: [], unsupportedClaims: [] });
    expect(result.bullets).toHaveLength(3);
  });

  it('leaves quotes out when asked and notes that it cannot translate', async () => {
    const result = await summarizer.summarize({ article, options: { length: 'brief', language: 'de', quotes: false } });
    expect(result.quotes).toEqual([]);
    expect(result.notes).toEqual([expect.stringMatching(/cannot translate.*\(en\)/)]);
  });

  it('uses the first sentence as the headline when the text has no title', async () => {
    const untitled = articleFromText(story.split('\n\n').slice(1).join('\n\n'), { kind: 'text', url: null, path: null });
    const result = await summarizer.summarize({ article: untitled, options: { length: 'brief', language: null, quotes: true } });
    expect(result.headline).toMatch(/^A powerful storm battered the northern coast on Sunday, flooding hundreds of homes and .*…$/);
    expect(result.headline.length).toBeLessThanOrEqual(121);
  });
});

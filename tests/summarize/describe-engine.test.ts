import { describe, expect, it } from 'vitest';
import { summaryToJson } from '../../src/cli/summary-json.js';
import { createExtractiveSummarizer, describeEngine, summaryFooterLine } from '../../src/summarize/index.js';
import { createArticleLoader } from '../../src/article/load-article.js';
import { EXAMPLE_TEXT } from '../../test-support/start-test-bot.js';

const stats = { wordsIn: 812, wordsOut: 96, reductionPct: 88 };

describe('describeEngine', () => {
  it('says "offline summary" for the extractive summariser, and keeps its version for operators', () => {
    expect(describeEngine({ provider: 'extractive', model: null, prompt: null })).toEqual({ name: 'offline summary', version: 'extractive@1' });
  });

  it('names the model for an LLM summary, with the prompt as its version', () => {
    expect(describeEngine({ provider: 'openai', model: 'llama3.1:8b', prompt: 'summarize@1' })).toEqual({ name: 'llama3.1:8b', version: 'summarize@1' });
  });

  it('an LLM that fell back to the extractive summary is an offline summary', () => {
    expect(describeEngine({ provider: 'extractive', model: null, prompt: null }).name).toBe('offline summary');
  });
});

describe('summaryFooterLine', () => {
  it('puts plain words first and the version last', () => {
    expect(summaryFooterLine({ result: { provider: 'extractive', model: null, prompt: null }, stats, cached: false })).toBe('offline summary · 812 → 96 words (−88%) · extractive@1');
    expect(summaryFooterLine({ result: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'summarize@1' }, stats, cached: true })).toBe('gpt-4o-mini · cached · 812 → 96 words (−88%) · summarize@1');
  });
});

describe('--json', () => {
  it('names the extractive algorithm as the prompt, so an operator sees what made the answer', async () => {
    const loader = createArticleLoader({ fetchPage: () => Promise.reject(new Error('no network here')), maxBytes: 1_000_000 });
    const article = loader.fromText(EXAMPLE_TEXT);
    const result = await createExtractiveSummarizer().summarize({ article, options: { length: 'brief', language: null, quotes: true } });
    const json = summaryToJson({ article, result, stats, cached: false });
    expect(json).toMatchObject({ provider: 'extractive', model: null, prompt: 'extractive@1' });
  });
});

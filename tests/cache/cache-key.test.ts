import { describe, expect, it } from 'vitest';
import { articleCacheKey, summaryCacheKey, type SummaryCacheKeyParts } from '../../src/cache/cache-key.js';

const base: SummaryCacheKeyParts = {
  text: 'The council approved the budget.',
  provider: 'openai',
  endpointHost: 'api.openai.com',
  model: 'gpt-4o-mini',
  prompt: 'summarize@1',
  length: 'standard',
  language: null,
  quotes: true,
};

describe('summaryCacheKey', () => {
  it('is a prefixed sha256, stable across calls', () => {
    expect(summaryCacheKey(base)).toMatch(/^summary:[0-9a-f]{64}$/);
    expect(summaryCacheKey({ ...base })).toBe(summaryCacheKey(base));
  });

  const changes: Array<[keyof SummaryCacheKeyParts, SummaryCacheKeyParts[keyof SummaryCacheKeyParts]]> = [
    ['text', 'The council rejected the budget.'],
    ['provider', 'extractive'],
    ['endpointHost', 'localhost:11434'],
    ['endpointHost', null],
    ['model', 'llama3.1'],
    ['model', null],
    ['prompt', 'summarize@2'],
    ['length', 'brief'],
    ['language', 'fr'],
    ['language', ''],
    ['quotes', false],
  ];
  it.each(changes)('changes when %s becomes %j', (field, value) => {
    expect(summaryCacheKey({ ...base, [field]: value })).not.toBe(summaryCacheKey(base));
  });

  it('cannot be fooled by moving characters across a field boundary', () => {
    expect(summaryCacheKey({ ...base, text: 'ab', model: 'c' })).not.toBe(summaryCacheKey({ ...base, text: 'a', model: 'bc' }));
    expect(summaryCacheKey({ ...base, text: 'a","b' })).not.toBe(summaryCacheKey({ ...base, text: 'a', provider: 'openai' }));
    expect(summaryCacheKey({ ...base, endpointHost: null })).not.toBe(summaryCacheKey({ ...base, endpointHost: 'null' }));
  });
});

describe('articleCacheKey', () => {
  it('is a prefixed sha256 of the URL', () => {
    expect(articleCacheKey('https://example.com/a')).toMatch(/^article:[0-9a-f]{64}$/);
    expect(articleCacheKey('https://example.com/a')).toBe(articleCacheKey('https://example.com/a'));
    expect(articleCacheKey('https://example.com/a')).not.toBe(articleCacheKey('https://example.com/b'));
  });

  it('never equals a summary key', () => {
    expect(articleCacheKey(base.text).slice('article:'.length)).not.toBe(summaryCacheKey(base).slice('summary:'.length));
  });
});

import { describe, expect, it } from 'vitest';
import { countPromptTokens, countTextTokens } from '../../src/llm/count-tokens.js';

describe('countTextTokens', () => {
  it('counts with a real BPE tokenizer, not characters', () => {
    expect(countTextTokens('Hello world')).toBe(2);
    expect(countTextTokens('')).toBe(0);
  });

  it('counts special-token strings in article text as plain text instead of throwing', () => {
    expect(countTextTokens('before <|endoftext|> after')).toBeGreaterThan(3);
  });
});

describe('countPromptTokens', () => {
  it('adds the chat format overhead to each message', () => {
    const messages = [
      { role: 'system' as const, content: 'You summarise news.' },
      { role: 'user' as const, content: 'Hello world' },
    ];
    const contentOnly = countTextTokens('You summarise news.') + countTextTokens('Hello world');
    // 3 per message plus the role, and 3 to prime the reply.
    expect(countPromptTokens(messages)).toBe(contentOnly + 2 * (3 + 1) + 3);
    expect(countPromptTokens([])).toBe(3);
  });
});

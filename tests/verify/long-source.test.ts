import { describe, expect, it } from 'vitest';
import { flagUnsupportedClaims, verifyQuotes } from '../../src/verify/index.js';

/**
 * Sources no article is like, a few megabytes of them: regular expressions over long runs of
 * capitalised words or of Chinese overflowed V8's stack here.
 */
describe('verification against a very long source', () => {
  it('flags claims against megabytes of capitalised words', { timeout: 60_000 }, () => {
    const source = `Jane Okafor opened the meeting. ${'A '.repeat(2_500_000)}`;
    expect(flagUnsupportedClaims(['Jane Okafor met Tom Reed.'], source)).toEqual(['Tom Reed']);
  });

  it('flags numbers and checks quotes against megabytes of Chinese', { timeout: 60_000 }, () => {
    const source = `市长表示支持这项计划。“我们不能再等了。”${'中'.repeat(5_000_000)}`;
    expect(flagUnsupportedClaims(['The mayor backed the plan, with a budget of 5,000 yuan.'], source)).toEqual(['5,000']);
    const { stats } = verifyQuotes([{ text: '我们不能再等了', speaker: null, context: '' }, { text: '一句原文里没有的话，完全是编造的', speaker: null, context: '' }], source);
    expect(stats).toMatchObject({ verbatim: 1, dropped: 1 });
  });
});

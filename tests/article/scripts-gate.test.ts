import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/article/build-article.js';
import { GATE_LIMITS } from '../../src/article/quality-gate.js';
import { userFacingErrorOf } from '../../test-support/user-facing-error.js';
import { CHINESE, JAPANESE, KOREAN, THAI } from '../fixtures/news-in-many-scripts.js';

const pasted = { kind: 'text' as const, url: null, path: null };

describe('the quality gate in scripts without spaces', () => {
  it.each([
    ['Chinese', CHINESE.text, 150],
    ['Japanese', JAPANESE.text, 150],
    ['Korean', KOREAN.text, GATE_LIMITS.minWords],
    ['Thai', THAI.text, 100],
  ])('accepts a real %s story and counts its words', (_name, text, atLeast) => {
    const article = articleFromText(text, pasted);
    expect(article.wordCount).toBeGreaterThanOrEqual(atLeast);
    expect(article.paragraphs.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['Chinese', '杭州改造老城区供水管网\n\n市政府周二宣布，将投入十二亿元改造老城区的供水管网。'],
    ['Japanese', '東京都が新防災計画\n\n東京都は火曜日、新しい防災計画を発表した。'],
    ['Thai', 'กรุงเทพฯ ประกาศแผนระบายน้ำ\n\nกรุงเทพมหานครประกาศแผนปรับปรุงระบบระบายน้ำเมื่อวันอังคาร'],
  ])('still refuses a %s text of one sentence as too thin, counting its words', (_name, text) => {
    const error = userFacingErrorOf(() => articleFromText(text, pasted));
    expect(error.code).toBe('too_thin');
    const words = Number(/Only (\d+) words/.exec(error.message)?.[1]);
    // Counted word by word, not as one run of letters between commas.
    expect(words).toBeGreaterThanOrEqual(5);
    expect(words).toBeLessThan(GATE_LIMITS.minWords);
  });
});

describe('pasted text in Chinese and Japanese', () => {
  it('keeps a lead that ends in 。 as the story, not as its headline', () => {
    const article = articleFromText(CHINESE.text, pasted);
    expect(article.metadata.title).toBeNull();
    expect(article.text.startsWith('新华社杭州5月12日电')).toBe(true);
  });

  it('still takes a first line without a full stop as the headline', () => {
    const article = articleFromText(`東京都、新防災計画を発表\n\n${JAPANESE.text}`, pasted);
    expect(article.metadata.title).toBe('東京都、新防災計画を発表');
  });
});

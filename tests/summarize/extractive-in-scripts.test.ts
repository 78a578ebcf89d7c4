import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../src/article/build-article.js';
import { createExtractiveSummarizer, summarizeSentences } from '../../src/summarize/index.js';
import { splitSentences } from '../../src/text/index.js';
import { CHINESE, JAPANESE } from '../fixtures/news-in-many-scripts.js';

const pasted = { kind: 'text' as const, url: null, path: null };
const options = { length: 'standard' as const, quotes: true, language: null };

describe('the extractive summariser on Chinese and Japanese', () => {
  it.each([
    ['Chinese', CHINESE.text],
    ['Japanese', JAPANESE.text],
  ])('gives whole %s sentences of the story, in order, as many as asked', (_name, text) => {
    const article = articleFromText(text, pasted);
    const sentences = splitSentences(article.text);
    const bullets = summarizeSentences(article.text, 'standard', article.metadata.title);
    expect(bullets).toHaveLength(3);
    const positions = bullets.map((bullet) => sentences.indexOf(bullet));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('leads with the lead, as in English news, since each sentence now has a sentence’s length in words', () => {
    const article = articleFromText(CHINESE.text, pasted);
    const [first] = summarizeSentences(article.text, 'brief', null);
    expect(first).toBe(splitSentences(article.text)[0]);
  });

  it('prefers the sentence that shares the headline’s words to an earlier one that does not', () => {
    const story = [
      '市政府周二宣布，将投入十二亿元改造老城区的供水管网，解决居民用水问题。',
      '今天天气晴朗，公园里有很多人在散步和跑步，孩子们在草地上放风筝玩耍。',
      '供水管网改造工程将分三期进行，第一期改造涉及老城区十二个社区的供水管网。',
      '一家新开的咖啡店在周末推出了买一送一的优惠活动，吸引了不少年轻顾客排队。',
      '专家认为，老城区供水管网改造是城市更新的重要内容，居民用水问题将得到解决。',
      '周末的足球比赛因为下雨推迟到下个月举行，球迷们对此表示理解和支持。',
    ].join('\n\n');
    // Word by word, the third sentence shares 供水, 管网, 改造 and 老城区 with the headline; as runs
    // of letters between commas, no two sentences share anything and the second would win on position.
    const bullets = summarizeSentences(story, 'brief', '老城区供水管网改造');
    expect(bullets).toEqual([expect.stringMatching(/^市政府周二宣布/), expect.stringMatching(/^供水管网改造工程/)]);
  });

  it('says the story is Chinese and gives its quote', async () => {
    const article = articleFromText(CHINESE.text, pasted);
    const result = await createExtractiveSummarizer().summarize({ article, options });
    expect(result.language).toBe('zh');
    expect(result.quotes.map((quote) => quote.text)).toContain(CHINESE.quote);
  });

  it('cuts a long Chinese first sentence into a headline of 120 characters at most', async () => {
    const lead = `${'杭州市政府周二宣布将在未来三年投入十二亿元改造老城区的供水管网'.repeat(5)}。`;
    const article = articleFromText([lead, ...CHINESE.text.split('\n\n').slice(1)].join('\n\n'), pasted);
    const { headline } = await createExtractiveSummarizer().summarize({ article, options });
    expect(headline.length).toBeLessThanOrEqual(120);
    expect(headline.length).toBeGreaterThan(100);
    expect(headline.endsWith('…')).toBe(true);
  });
});

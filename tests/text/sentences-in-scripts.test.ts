import { describe, expect, it } from 'vitest';
import { segmentInWindows } from '../../src/text/segment-in-windows.js';
import { splitSentences } from '../../src/text/index.js';

describe('splitSentences in Chinese and Japanese', () => {
  it('splits at 。！？', () => {
    expect(splitSentences('市政府周二宣布改造供水管网。工程预计明年底完工！居民是否满意？很多人表示支持。')).toEqual([
      '市政府周二宣布改造供水管网。',
      '工程预计明年底完工！',
      '居民是否满意？',
      '很多人表示支持。',
    ]);
  });

  it('splits at 。 before a number, which in English would continue the sentence', () => {
    expect(splitSentences('工程预计明年底完工。2025年将开始第二期。')).toEqual(['工程预计明年底完工。', '2025年将开始第二期。']);
  });

  it.each([
    ['corner brackets', '知事は「都民の命を守る。それが最優先だ」と述べた。計画は来年始まる。', ['知事は「都民の命を守る。それが最優先だ」と述べた。', '計画は来年始まる。']],
    ['double corner brackets inside them', '彼は「『安全第一』だ。急がない」と話した。以上だ。', ['彼は「『安全第一』だ。急がない」と話した。', '以上だ。']],
    ['Chinese curly quotes', '市长表示：“这项工程很重要。我们会按时完成。”居民表示支持。', ['市长表示：“这项工程很重要。我们会按时完成。”', '居民表示支持。']],
  ])('keeps a quotation of several sentences in %s together', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});

describe('splitSentences on one very long line', () => {
  const sentences = Array.from({ length: 600 }, (_, index) =>
    [
      `The council met for the ${index + 1}th time on Monday.`,
      `Mr. Smith of the U.S. delegation said, “We are ready. We will go.”`,
      `Prices rose 3.5% in Jan. 2024, officials said!`,
      `市政府第${index + 1}次宣布改造供水管网。`,
    ][index % 4]!,
  );

  it('splits a line far longer than one segmenting window exactly as it splits each sentence', () => {
    const line = sentences.join(' ');
    expect(line.length).toBeGreaterThan(20_000);
    expect(splitSentences(line)).toEqual(sentences);
  });

  it.each([
    ['Chinese sentences', '市政府周二宣布将投入三亿元改造供水管网。'.repeat(250_000), 250_000],
    ['Chinese without punctuation', '中文字'.repeat(1_700_000), 1],
    ['English sentences', 'The council voted to repair the old water mains. '.repeat(100_000).trim(), 100_000],
  ])('splits 5 MB of %s without a line break in linear time', (_name, text, count) => {
    const started = performance.now();
    expect(splitSentences(text)).toHaveLength(count);
    // Segmenting the line in one piece is quadratic: 200,000 characters took seconds, 5 MB hours.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('segmentInWindows', () => {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

  it('gives the segmenter’s own segments, window after window', () => {
    const text = 'One sentence here. Another one follows it! Does a third ask? Yes. '.repeat(40);
    const whole = Array.from(segmenter.segment(text), ({ segment, index }) => ({ segment, index }));
    const windowed = Array.from(segmentInWindows(segmenter, text, 100), ({ segment, index }) => ({ segment, index }));
    expect(windowed).toEqual(whole);
  });

  it('gives a segment longer than the window in cut pieces that join up', () => {
    const text = `${'word '.repeat(100)}end. Next.`;
    const pieces = [...segmentInWindows(segmenter, text, 64)];
    expect(pieces.map(({ segment }) => segment).join('')).toBe(text);
    expect(pieces.filter(({ cut }) => cut).length).toBeGreaterThan(1);
    expect(pieces.at(-1)).toMatchObject({ segment: 'Next.', cut: false });
  });

  it('never parts a surrogate pair', () => {
    const text = '𠀀'.repeat(100);
    for (const { segment } of segmentInWindows(segmenter, text, 7)) expect(segment).toMatch(/^(?:𠀀)+$/u);
  });
});

import { describe, expect, it } from 'vitest';
import { countWords, splitWords } from '../../src/text/index.js';
import { MAX_SEGMENTED_CHARS } from '../../src/text/count-words.js';
import { ARABIC, CHINESE, FRENCH, GERMAN, JAPANESE, KOREAN, RUSSIAN, SPANISH, THAI, TRADITIONAL_CHINESE } from '../fixtures/news-in-many-scripts.js';

/** Runs of letters and digits: what a space-based count sees in text without spaces. */
const lettersRuns = (text: string): number => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

describe('countWords in scripts that space their words', () => {
  it.each([
    ['contractions, dotted abbreviations, hyphenated words and decimals as one word each', "Don't stop the U.S.-led well-known 3.5% e-mail — now", 9],
    ['nothing in punctuation alone', '— … ! ?', 0],
    ['nothing in an empty text', '', 0],
    ['Korean words between spaces', '서울시는 화요일 새로운 정책을 발표했다.', 5],
  ])('counts %s', (_name, text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ['German', GERMAN, 94],
    ['French', FRENCH, 96],
    ['Spanish', SPANISH, 110],
    ['Russian', RUSSIAN, 83],
    ['Arabic', ARABIC, 85],
    ['Korean', KOREAN, 88],
  ])('counts a %s story by its spaces, as before', (_name, story, expected) => {
    expect(countWords(story.text)).toBe(expected);
  });
});

describe('countWords in scripts that do not space their words', () => {
  it('counts a 330-character Chinese story as well over 150 words, not as the 26 runs between its commas', () => {
    expect(CHINESE.text.length).toBeGreaterThanOrEqual(330);
    expect(lettersRuns(CHINESE.text)).toBeLessThan(30);
    const words = countWords(CHINESE.text);
    // Chinese averages about 1.5 to 2 characters a word.
    expect(words).toBeGreaterThan(150);
    expect(words).toBeLessThan(CHINESE.text.length);
  });

  it.each([
    // Characters (with Thai's vowel and tone marks) per word: Chinese and Japanese words run one to
    // three characters, Thai words longer.
    ['Traditional Chinese', TRADITIONAL_CHINESE, 1, 3],
    ['Japanese', JAPANESE, 1, 3],
    ['Thai', THAI, 2, 8],
  ])('counts a %s story at %i to %i characters a word', (_name, story, fewest, most) => {
    const letters = story.text.replace(/[^\p{L}\p{M}\p{N}]/gu, '').length;
    const words = countWords(story.text);
    expect(letters / words).toBeGreaterThanOrEqual(fewest);
    expect(letters / words).toBeLessThanOrEqual(most);
    expect(words).toBeGreaterThan(lettersRuns(story.text));
  });

  it('counts a sentence word by word, with the Latin words and numbers in it', () => {
    // 市长 | 李 | 明 | 表示 | 支持 | iPhone | 15 | 发布
    expect(countWords('市长李明表示支持 iPhone 15 发布')).toBe(8);
  });

  it('does not split a Japanese word written in kanji and kana', () => {
    expect(splitWords('知事は計画を発表した')).toContain('発表');
    expect(splitWords('ラーメンを食べた')).toContain('ラーメン');
  });
});

describe('countWords on very long text', () => {
  it.each([
    ['Chinese with no punctuation', '中文字'.repeat(1_700_000)],
    ['Hangul with no spaces', '한'.repeat(5_000_000)],
    ['Chinese sentences with no spaces', '市政府周二宣布将投入三亿元改造供水管网。'.repeat(250_000)],
    ['one Latin letter', 'a'.repeat(5_000_000)],
    ['Thai with no spaces', 'ประกาศแผน'.repeat(550_000)],
    ['Chinese and Latin mixed', 'abc中文 '.repeat(800_000)],
  ])('counts 5 MB of %s in linear time, without overflowing the stack', (_name, text) => {
    const started = performance.now();
    const words = countWords(text);
    // Quadratic segmenting or a backtracking regex takes minutes here, or throws; the linear count takes well under a second.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(words).toBeGreaterThan(0);
  });

  it('estimates past its segmenting budget at the rate it counted', () => {
    const sentence = '市政府周二宣布将投入三亿元改造供水管网。';
    const perSentence = countWords(sentence);
    const repeats = Math.ceil((5 * MAX_SEGMENTED_CHARS) / sentence.length);
    const words = countWords(sentence.repeat(repeats));
    expect(words / (perSentence * repeats)).toBeGreaterThan(0.95);
    expect(words / (perSentence * repeats)).toBeLessThan(1.05);
  });
});

describe('splitWords', () => {
  it('splits spaced text into runs of letters and digits', () => {
    expect(splitWords("The U.S. council's 2024 plan")).toEqual(['The', 'U', 'S', 'council', 's', '2024', 'plan']);
  });

  it('splits Chinese into dictionary words, so two sentences share the words they share', () => {
    const first = splitWords('市政府宣布改造供水管网。');
    const second = splitWords('居民支持改造供水管网。');
    expect(first.filter((word) => second.includes(word))).toEqual(expect.arrayContaining(['改造', '供水']));
  });

  it.each([
    // /[\p{L}\p{N}]+/gu throws "Maximum call stack size exceeded" on 5 million Hangul or Cyrillic letters.
    ['Hangul', '한'.repeat(5_000_000), 1],
    ['Cyrillic', 'я'.repeat(5_000_000), 1],
    // 5 MB in UTF-8: the segmenter walks it a stretch at a time.
    ['Chinese', '中文字'.repeat(560_000), 1_000_000],
  ])('splits 5 MB of %s without a space, without overflowing the stack', (_name, text, atLeast) => {
    expect(splitWords(text).length).toBeGreaterThanOrEqual(atLeast);
  });
});

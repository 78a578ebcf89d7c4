import type { TextSpan } from './text-span.js';

/**
 * Scripts written without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Burmese.
 * Script_Extensions rather than Script, so that the marks these scripts share (、。ー々) belong to
 * them: a Japanese word like 発表した or ラーメン stays in one piece for the segmenter.
 */
const UNSPACED_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar'].map((script) => `\\p{scx=${script}}`).join('');
const HAS_UNSPACED = new RegExp(`[${UNSPACED_SCRIPTS}]`, 'u');
/**
 * A stretch of unspaced script, at most this long: the segmenter is handed one stretch at a time,
 * since V8's Intl.Segmenter slows down with the length of what it walks (200,000 characters of
 * one line take seconds). A word cut at a stretch's end counts twice: at most one in a thousand.
 */
export const MAX_STRETCH_LENGTH = 1000;
const UNSPACED_STRETCH = new RegExp(`[${UNSPACED_SCRIPTS}]{1,${MAX_STRETCH_LENGTH}}`, 'gu');

/** ICU's dictionary break rules for Chinese, Japanese and South-East Asian scripts apply whatever the locale. */
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

export interface ScriptStretch extends TextSpan {
  /** Words need a dictionary here (ICU's) rather than the spaces between them. */
  readonly unspaced: boolean;
}

export function hasUnspacedScript(text: string): boolean {
  return HAS_UNSPACED.test(text);
}

/** `text` cut into stretches of unspaced script and the (possibly empty) spaced text between them, in order. */
export function* scriptStretches(text: string): Generator<ScriptStretch> {
  let spacedFrom = 0;
  for (const match of text.matchAll(UNSPACED_STRETCH)) {
    yield { start: spacedFrom, end: match.index, unspaced: false };
    spacedFrom = match.index + match[0].length;
    yield { start: match.index, end: spacedFrom, unspaced: true };
  }
  yield { start: spacedFrom, end: text.length, unspaced: false };
}

/** The words of one stretch of unspaced script (at most MAX_STRETCH_LENGTH long), as ICU's dictionary finds them. */
export function* unspacedWords(stretch: string): Generator<string> {
  for (const { segment, isWordLike } of wordSegmenter.segment(stretch)) if (isWordLike) yield segment;
}

import { languageByScript } from './script-language.js';

/**
 * A language for pasted text, which declares none: by script where the script tells (Chinese,
 * Japanese, Korean, Thai, Russian, Arabic and others), else by a small stop-word vote over the
 * Latin-script languages whose news we see most. Anything else is "und" (undetermined, in
 * BCP-47), never a wrong guess.
 */
const MARKERS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'was', 'on', 'said'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'del', 'las', 'por', 'una', 'para'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'une', 'que', 'dans', 'pour', 'qui'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'von', 'sich', 'auch', 'ein'],
  it: ['il', 'di', 'che', 'la', 'per', 'non', 'una', 'sono', 'della', 'del', 'con', 'gli'],
  pt: ['o', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'para', 'com', 'não', 'os'],
  nl: ['de', 'het', 'een', 'van', 'en', 'dat', 'niet', 'zijn', 'voor', 'met', 'op', 'ook'],
};
const MIN_SHARE = 0.08;
/**
 * The opening of the text is sample enough. Cutting it first keeps a 5 MB paste as cheap as a page,
 * and safe: /\p{L}+/ over megabytes of Chinese overflows V8's regular-expression stack.
 */
const SAMPLE_CHARS = 20_000;
const SAMPLE_WORDS = 2000;

export function guessLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  return languageByScript(sample) ?? languageByStopWords(sample);
}

function languageByStopWords(sample: string): string {
  const words = sample.toLowerCase().match(/\p{L}+/gu)?.slice(0, SAMPLE_WORDS) ?? [];
  if (words.length === 0) return 'und';
  let best = 'und';
  let bestShare = 0;
  for (const [language, markers] of Object.entries(MARKERS)) {
    const set = new Set(markers);
    const share = words.filter((word) => set.has(word)).length / words.length;
    if (share > bestShare) {
      best = language;
      bestShare = share;
    }
  }
  return bestShare >= MIN_SHARE ? best : 'und';
}

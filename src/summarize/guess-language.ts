/**
 * A small stop-word vote for pasted text, which declares no language. It covers the languages
 * whose news we see most; anything else is "und" (undetermined, in BCP-47), never a wrong guess.
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

export function guessLanguage(text: string): string {
  const words = text.toLowerCase().match(/\p{L}+/gu)?.slice(0, 2000) ?? [];
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

import type { GoldArticle } from './gold-quotes.js';

/** How the fake model names a quote's speaker, in turn: as the gold set does, someone else, no one, or by surname only. */
export const SPEAKER_MODES = ['right', 'wrong', 'missing', 'surname'] as const;
export type SpeakerMode = (typeof SPEAKER_MODES)[number];

export interface ModelQuote {
  text: string;
  speaker: string | null;
  context: string;
}

/**
 * A model's answer for one article: every gold quote, verbatim, with the speaker `SPEAKER_MODES`
 * picks in turn. A wrong speaker is another speaker of the same article, or a capitalised word the
 * article uses that names someone else (the errors models make: a country, a platform, the reporter).
 */
export function modelQuotesFor(article: GoldArticle, text: string): { quotes: ModelQuote[]; modes: SpeakerMode[] } {
  const speakers = [...new Set(article.quotes.map((quote) => quote.speaker).filter((speaker): speaker is string => speaker !== null))];
  const modes: SpeakerMode[] = [];
  const quotes = article.quotes
    .filter((quote) => quote.kind === 'speech')
    .map((quote, index) => {
      const mode = SPEAKER_MODES[index % SPEAKER_MODES.length]!;
      modes.push(mode);
      return { text: quote.text, speaker: speakerFor(mode, quote.speaker, speakers, text), context: '' };
    });
  return { quotes, modes };
}

function speakerFor(mode: SpeakerMode, gold: string | null, speakers: readonly string[], text: string): string | null {
  if (mode === 'missing') return null;
  if (mode === 'right' || gold === null) return gold;
  if (mode === 'surname') return gold.split(/\s+/).at(-1) ?? gold;
  const goldWords = new Set(gold.split(/\s+/));
  return speakers.find((other) => !other.split(/\s+/).some((word) => goldWords.has(word))) ?? otherCapitalisedWord(text, goldWords);
}

function otherCapitalisedWord(text: string, exclude: ReadonlySet<string>): string {
  for (const [word] of text.matchAll(/(?<=[a-z,] )\p{Lu}\p{Ll}{3,}/gu)) if (!exclude.has(word)) return word;
  return 'Twitter';
}

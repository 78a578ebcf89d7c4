import type { QuoteVerificationStats } from '../verify/index.js';

/**
 * Says, in the summary's notes, how many quote speakers the model gave that the article does not
 * support (replaced by the article's own attribution, or removed): a reader and an operator should
 * know that the model put words in the wrong mouth, even though what we print is right.
 */
export function speakerCorrectionNote(stats: QuoteVerificationStats): string | null {
  const corrected = stats.speakersReplaced + stats.speakersCleared;
  if (corrected === 0) return null;
  return `Corrected ${corrected} quote ${corrected === 1 ? 'speaker' : 'speakers'} to match the article.`;
}

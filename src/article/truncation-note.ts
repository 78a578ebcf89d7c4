import type { Article } from './types.js';

/**
 * A sentence for a summary's notes when the article holds only the first part of its input, or
 * null when the whole was read. A reader should know that the end of a huge page was never seen.
 */
export function truncationNote(article: Article): string | null {
  const truncated = article.truncated;
  if (!truncated) return null;
  const subject = article.source.kind === 'url' ? 'page' : 'text';
  // "the first 0%" would read as nothing; a sliver is still "under 1%".
  const percent = Math.floor(truncated.keptShare * 100);
  const share = percent < 1 ? 'under 1%' : `${percent}%`;
  const why = truncated.limit === 'markup' ? 'its HTML is too large or too deeply nested to read whole' : `it is too long to summarise whole`;
  return `Only the first ${share} of this ${subject} was read (${article.wordCount.toLocaleString('en-US')} words): ${why}.`;
}

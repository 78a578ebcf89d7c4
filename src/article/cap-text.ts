/**
 * Characters of article text at most, for pasted text, text files and what is extracted from a
 * page alike. Real articles are far shorter (the longest of the extraction benchmark's 121 pages
 * has 42,000 characters; a long read 100,000); past this size a summary no longer stands for the
 * whole, and cleaning, summarising and finding quotes over 5 MB of text would not fit issue 12's
 * bound (10 s of CPU and 400 MB for the whole process).
 */
export const MAX_ARTICLE_CHARS = 300_000;

/** The blank line an article's paragraphs are joined with. */
const PARAGRAPH_BREAK = 2;

/** The first part of `text` within `maxChars`, ending at a paragraph break when one is near the limit. Null when all of it fits. */
export function capText(text: string, maxChars = MAX_ARTICLE_CHARS): { text: string; keptShare: number } | null {
  if (text.length <= maxChars) return null;
  const end = breakBefore(text, maxChars);
  return { text: text.slice(0, end), keptShare: end / text.length };
}

/**
 * The first paragraphs within `maxChars` once joined by blank lines (the last one cut between words
 * if it alone is too long). Null when all fit.
 */
export function capParagraphs(paragraphs: readonly string[], maxChars = MAX_ARTICLE_CHARS): { paragraphs: string[]; keptShare: number } | null {
  let total = Math.max(0, paragraphs.length - 1) * PARAGRAPH_BREAK;
  for (const paragraph of paragraphs) total += paragraph.length;
  if (total <= maxChars) return null;
  const kept: string[] = [];
  let used = 0;
  for (const paragraph of paragraphs) {
    if (kept.length > 0) used += PARAGRAPH_BREAK;
    if (used + paragraph.length > maxChars) {
      // A paragraph that would fill most of what is left is cut rather than dropped, so that one huge paragraph still gives text.
      const room = maxChars - used;
      if (room > maxChars / 5) {
        const end = breakBefore(paragraph, room);
        kept.push(paragraph.slice(0, end));
        used += end;
      }
      break;
    }
    kept.push(paragraph);
    used += paragraph.length;
  }
  return { paragraphs: kept, keptShare: used / total };
}

/** Where to end a cut at `limit`: the last blank line in the last fifth, else the last whitespace, else the limit. */
function breakBefore(text: string, limit: number): number {
  const floor = Math.floor(limit * 0.8);
  const paragraphBreak = text.lastIndexOf('\n\n', limit);
  if (paragraphBreak >= floor) return paragraphBreak;
  for (let index = limit; index > floor; index--) {
    if (/\s/.test(text[index - 1] ?? '')) return index - 1;
  }
  // No whitespace at all near the limit (one long token): cut there, but not inside a surrogate pair.
  return /[\uD800-\uDBFF]/.test(text[limit - 1] ?? '') ? limit - 1 : limit;
}

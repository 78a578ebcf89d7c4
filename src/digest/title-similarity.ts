/** Shorter titles ("Live updates", "Breaking news") recur too often to identify a story. */
export const MIN_TITLE_WORDS = 6;
export const MIN_TITLE_SIMILARITY = 0.9;
/** Titles alike but further apart than this are a recurring headline ("Morning briefing: Tuesday"), not one story. */
export const MAX_TITLE_DISTANCE_MS = 48 * 60 * 60 * 1000;

export interface DatedTitle {
  title: string;
  publishedAt: Date | null;
}

/** The title's words, lower-cased and NFKC-folded, apostrophes removed ("Don't" is "dont"); punctuation separates words. */
export function titleTokens(title: string): string[] {
  return (
    title
      .normalize('NFKC')
      .toLowerCase()
      .replace(/['\u2019]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Token-set overlap of two titles: |A ∩ B| / max(|A|, |B|) over their distinct words, from 0 to 1.
 * Dividing by the larger set (rather than the union, as Jaccard does) means that at 0.9 a title of
 * fewer than ten distinct words must have exactly the other's words, and a longer one may differ by
 * one word in ten, either replaced or added. Empty titles score 0: there is nothing to match.
 */
export function tokenSetSimilarity(a: string, b: string): number {
  const left = new Set(titleTokens(a));
  const right = new Set(titleTokens(b));
  const larger = Math.max(left.size, right.size);
  if (larger === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return shared / larger;
}

/**
 * Whether two titles name the same story: each has at least 6 words, their token-set similarity is
 * at least 0.9, and they were published at most 48 hours apart. Without both dates the distance is
 * unknown, so the answer is false; callers that have a better date (such as when it was seen) pass that.
 */
export function sameStoryTitle(a: DatedTitle, b: DatedTitle): boolean {
  if (a.publishedAt === null || b.publishedAt === null) return false;
  if (Math.abs(a.publishedAt.getTime() - b.publishedAt.getTime()) > MAX_TITLE_DISTANCE_MS) return false;
  if (titleTokens(a.title).length < MIN_TITLE_WORDS || titleTokens(b.title).length < MIN_TITLE_WORDS) return false;
  return tokenSetSimilarity(a.title, b.title) >= MIN_TITLE_SIMILARITY;
}

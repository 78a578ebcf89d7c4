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

/**
 * The pairs (i < j) of titles that could reach MIN_TITLE_SIMILARITY, found without comparing all
 * pairs (a first digest sees ~1,000 items: half a million comparisons, ~2.6 s). Prefix filtering:
 * order each title's distinct words rarest first; two titles sharing at least 90% of the larger
 * set's words must share a word among the first |A| − ⌊0.9·|A|⌋ + 1 of either. Pairs returned
 * still need `sameStoryTitle` (dates, word counts); no pair it would accept is left out.
 */
export function candidateTitlePairs(titles: readonly string[]): Array<[number, number]> {
  const sets = titles.map((title) => (titleTokens(title).length >= MIN_TITLE_WORDS ? [...new Set(titleTokens(title))] : []));
  const frequency = new Map<string, number>();
  for (const set of sets) for (const token of set) frequency.set(token, (frequency.get(token) ?? 0) + 1);

  const byToken = new Map<string, number[]>();
  const pairs = new Set<number>();
  const found: Array<[number, number]> = [];
  sets.forEach((set, index) => {
    if (set.length === 0) return;
    const ordered = [...set].sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    const prefix = ordered.slice(0, ordered.length - Math.floor(MIN_TITLE_SIMILARITY * ordered.length) + 1);
    for (const token of prefix) {
      const earlier = byToken.get(token) ?? [];
      for (const other of earlier) {
        const id = other * titles.length + index;
        if (!pairs.has(id)) {
          pairs.add(id);
          found.push([other, index]);
        }
      }
      earlier.push(index);
      byToken.set(token, earlier);
    }
  });
  return found;
}

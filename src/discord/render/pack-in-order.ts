/** What `fit` says about items `from`..`to` together in one container. */
export type Fit = 'fits' | 'full' | 'stop';

/**
 * Items, in order, into consecutive containers (story embeds into messages, quote lines into
 * embeds), each filled before the next opens. `fit(container, from, to)` judges the items from
 * `from` to `to` (exclusive) together in that container: 'fits' takes the next item too, 'full'
 * closes the container and opens the next, 'stop' closes it and leaves the rest out. Returns how
 * many items each container holds. Only the first may hold none (it moves on); a later container
 * that cannot take its first item ends the packing.
 */
export function packInOrder(total: number, fit: (container: number, from: number, to: number) => Fit): number[] {
  const counts: number[] = [];
  let start = 0;
  while (start < total) {
    const container = counts.length;
    let end = start;
    let verdict: Fit = 'fits';
    while (end < total && (verdict = fit(container, start, end + 1)) === 'fits') end += 1;
    if (end === start && (verdict === 'stop' || container > 0)) break;
    counts.push(end - start);
    if (verdict === 'stop') break;
    start = end;
  }
  return counts;
}

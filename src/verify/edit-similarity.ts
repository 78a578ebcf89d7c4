/**
 * Levenshtein distances from `pattern` to every prefix of `text` that starts at `start`, up to
 * `maxLength` characters: entry j is the distance to `text.slice(start, start + j)`. One pass
 * gives them all, so a caller can choose the best end for a window.
 *
 * Stops early once no longer prefix can come within `maxDistance` (the smallest entry of a
 * row never shrinks in the rows after it); the array is then shorter than `maxLength + 1`.
 */
export function prefixEditDistances(pattern: string, text: string, start: number, maxLength: number, maxDistance: number): number[] {
  const length = pattern.length;
  const codes = Int32Array.from({ length }, (_, index) => pattern.charCodeAt(index));
  let previous = Int32Array.from({ length: length + 1 }, (_, index) => index);
  let current = new Int32Array(length + 1);
  const distances = [length];
  const stop = Math.min(text.length, start + maxLength);
  for (let position = start; position < stop; position++) {
    const code = text.charCodeAt(position);
    current[0] = position - start + 1;
    let rowMinimum = current[0];
    for (let index = 1; index <= length; index++) {
      const substitution = previous[index - 1]! + (codes[index - 1] === code ? 0 : 1);
      const deletion = previous[index]! + 1;
      const insertion = current[index - 1]! + 1;
      const best = Math.min(substitution, deletion, insertion);
      current[index] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    distances.push(current[length]!);
    if (rowMinimum > maxDistance) break;
    [previous, current] = [current, previous];
  }
  return distances;
}

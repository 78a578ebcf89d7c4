export const ELLIPSIS = '…';

/** Sentence ends, the closing marks that may follow them, and what a word cut leaves off its end. */
const SENTENCE_ENDS = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']']);
/** Left off the end of a word cut, so "rose, fell…" reads "rose…" rather than "rose,…". */
const DANGLING = new Set([',', ';', ':', '-', '–', '—', '(', '“', '"', '‘', "'", '«']);
/** A sentence cut must keep at least this share of what a word cut keeps, or the word cut wins. */
const SENTENCE_MIN_SHARE = 0.5;

/**
 * `text` unchanged when it has at most `max` characters. Otherwise cut at the last sentence end
 * that fits ("First. …"), else at the last word boundary ("First sec…"); only a single word longer
 * than `max` is cut inside. A sentence end that would keep less than half of what the word cut
 * keeps loses to it. The result, "…" included, is at most `max` characters.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  const byWord = lastWordCut(text, max - ELLIPSIS.length);
  const bySentence = lastSentenceCut(text, max - ELLIPSIS.length - 1);
  if (bySentence !== null && (byWord === null || bySentence.length >= byWord.length * SENTENCE_MIN_SHARE)) {
    return `${bySentence} ${ELLIPSIS}`;
  }
  if (byWord !== null) return `${byWord}${ELLIPSIS}`;
  return `${hardCut(text, max - ELLIPSIS.length)}${ELLIPSIS}`;
}

/** The longest start of `text`, at most `limit` long, that ends a sentence before whitespace. */
function lastSentenceCut(text: string, limit: number): string | null {
  for (let index = Math.min(limit, text.length - 1); index > 0; index -= 1) {
    if (!isSpace(text, index)) continue;
    let end = index;
    while (end > 0 && isSpace(text, end - 1)) end -= 1;
    let mark = end;
    while (mark > 0 && CLOSERS.has(text.charAt(mark - 1))) mark -= 1;
    if (mark > 0 && SENTENCE_ENDS.has(text.charAt(mark - 1))) return text.slice(0, end);
    index = end;
  }
  return null;
}

/** The longest start of `text`, at most `limit` long, that ends before whitespace, without dangling punctuation. */
function lastWordCut(text: string, limit: number): string | null {
  for (let index = Math.min(limit, text.length - 1); index > 0; index -= 1) {
    if (!isSpace(text, index)) continue;
    let end = index;
    while (end > 0 && (isSpace(text, end - 1) || DANGLING.has(text.charAt(end - 1)))) end -= 1;
    if (end > 0) return text.slice(0, end);
    return null;
  }
  return null;
}

/** The first `limit` code units, never splitting a surrogate pair. */
function hardCut(text: string, limit: number): string {
  const code = text.charCodeAt(limit - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
  return text.slice(0, Math.max(0, end)).trimEnd();
}

function isSpace(text: string, index: number): boolean {
  return /\s/.test(text.charAt(index));
}

export interface FitLinesOptions {
  /** Lines past this many are left out (and counted as omitted) even when they would fit. */
  maxLines?: number;
  /** The last line when some are left out, e.g. `(n) => \`(${n} more)\``; room is kept for it. */
  overflow?: (omitted: number) => string;
  /** How to shorten the first line when it alone is too long (default: fitText); quotes keep their marks this way. */
  cut?: (line: string, max: number) => string;
}

export interface FittedLines {
  text: string;
  /** How many of the lines are shown (the first of them possibly shortened). */
  shown: number;
  omitted: number;
}

/**
 * The first lines, whole, joined by `separator`, while they fit in `max` characters; later lines
 * are dropped whole rather than any line being cut. Only a first line that alone is too long is
 * shortened (with `cut`). With `overflow`, the text ends with that line when some were left out.
 */
export function fitLines(lines: readonly string[], max: number, separator = '\n', options: FitLinesOptions = {}): FittedLines {
  const considered = lines.slice(0, Math.max(0, options.maxLines ?? lines.length));
  const kept: string[] = [];
  let length = 0;
  for (const line of considered) {
    const next = length + (kept.length > 0 ? separator.length : 0) + line.length;
    if (next > max) break;
    kept.push(line);
    length = next;
  }
  const noteFor = (omitted: number): string | null => (omitted > 0 && options.overflow ? fitText(options.overflow(omitted), max) : null);
  const room = (note: string | null): number => max - (note === null ? 0 : note.length + separator.length);

  let omitted = lines.length - kept.length;
  let note = noteFor(omitted);
  while (kept.length > 0 && length > room(note)) {
    const dropped = kept.pop() ?? '';
    length -= dropped.length + (kept.length > 0 ? separator.length : 0);
    omitted += 1;
    note = noteFor(omitted);
  }

  const first = considered[0];
  if (kept.length === 0 && first !== undefined) {
    const noteAfter = noteFor(omitted - 1);
    const shortened = (options.cut ?? fitText)(first, room(noteAfter));
    if (shortened && shortened.length <= room(noteAfter)) {
      kept.push(shortened);
      omitted -= 1;
      note = noteAfter;
    }
  }

  const parts = note === null ? kept : [...kept, note];
  return { text: parts.join(separator), shown: kept.length, omitted };
}

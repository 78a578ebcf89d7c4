import type { TextSpan } from './text-span.js';

/** Longest piece one match may take: far above any word, far below what overflows the stack. */
export const MAX_PIECE_LENGTH = 256;

/**
 * Runs of the characters in `characterClass` (the inside of a `[...]` class, Unicode flag), each
 * run joined across single characters of `joiners` ("U.S", "well-known").
 *
 * Why not /[\p{L}]+/gu: on a few megabytes of one script without spaces V8 throws "Maximum call
 * stack size exceeded" (5 MB of Chinese does). A bounded quantifier keeps every match short, and
 * the pieces that touch are joined back here, in one linear pass.
 */
export function* boundedRuns(text: string, characterClass: string, joiners = ''): Generator<TextSpan> {
  const piece = pieceOf(characterClass);
  let run: TextSpan | null = null;
  for (const match of text.matchAll(piece)) {
    const start = match.index;
    const end = start + match[0].length;
    const gap = start - (run?.end ?? 0);
    if (run && (gap === 0 || (gap === 1 && joiners.includes(text.charAt(run.end))))) {
      run = { start: run.start, end };
      continue;
    }
    if (run) yield run;
    run = { start, end };
  }
  if (run) yield run;
}

const PIECES = new Map<string, RegExp>();

function pieceOf(characterClass: string): RegExp {
  let piece = PIECES.get(characterClass);
  if (!piece) {
    piece = new RegExp(`[${characterClass}]{1,${MAX_PIECE_LENGTH}}`, 'gu');
    PIECES.set(characterClass, piece);
  }
  return piece;
}

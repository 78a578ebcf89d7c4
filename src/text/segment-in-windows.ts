/**
 * Intl.Segmenter over long text, a window at a time. V8's segmenter slows down with the length
 * of the string it walks, faster than linearly: one 200,000-character line takes seconds to split
 * into sentences, and a 5 MB paste without line breaks would take hours. Windows keep it linear.
 */

/** Longer than nearly every paragraph, so ordinary text is segmented in one piece, exactly as before. */
export const SEGMENT_WINDOW = 4000;

export interface WindowedSegment {
  readonly segment: string;
  /** Offset in the whole text. */
  readonly index: number;
  /** Cut by a window's end, not ended by the segmenter: the next segment carries on where this one stops. */
  readonly cut: boolean;
}

/**
 * The segments of `text`, in order. The last segment of a window may be cut short by the window's
 * end, so it is not given out but segmented again at the start of the next window; only a segment
 * that fills its whole window is given out cut.
 */
export function* segmentInWindows(segmenter: Intl.Segmenter, text: string, window = SEGMENT_WINDOW): Generator<WindowedSegment> {
  let from = 0;
  while (from < text.length) {
    let end = Math.min(text.length, from + window);
    // Never part a surrogate pair: a lone half is no letter at all.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    const atEnd = end === text.length;
    let held: Intl.SegmentData | undefined;
    for (const data of segmenter.segment(text.slice(from, end))) {
      if (held) yield { segment: held.segment, index: from + held.index, cut: false };
      held = data;
    }
    if (!held) return;
    if (atEnd) {
      yield { segment: held.segment, index: from + held.index, cut: false };
      return;
    }
    if (held.index > 0) {
      from += held.index;
    } else {
      yield { segment: held.segment, index: from, cut: true };
      from = end;
    }
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

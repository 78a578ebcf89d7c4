const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Placeholder: ICU sentences only. The merging layer lands in this slice. */
export function splitSentences(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment.trim()).filter(Boolean);
}

import { splitSentences } from './sentences.js';
import type { SummaryLength } from './types.js';

/** Placeholder: Lead-N. The scored summariser lands in this slice. */
export function summarizeSentences(text: string, length: SummaryLength, title: string | null = null): string[] {
  void title;
  const count = length === 'brief' ? 2 : length === 'standard' ? 3 : 6;
  return splitSentences(text).slice(0, count);
}

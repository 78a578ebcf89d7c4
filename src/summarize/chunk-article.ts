import { splitSentences } from '../text/index.js';

export interface ChunkOptions {
  /** Target size of a chunk, in tokens. */
  chunkTokens: number;
  countTokens: (text: string) => number;
}

/**
 * Splits a long article into chunks of about `chunkTokens`, on paragraph boundaries, each
 * chunk repeating the previous chunk's last paragraph so a point that spans the cut is seen
 * whole by one of them. A paragraph too long for any chunk is split between its sentences.
 */
export function chunkParagraphs(paragraphs: readonly string[], options: ChunkOptions): string[][] {
  const pieces = paragraphs.flatMap((paragraph) => splitOversized(paragraph, options));
  const sized = pieces.map((text) => ({ text, tokens: options.countTokens(text) }));
  const chunks: string[][] = [];
  let current: typeof sized = [];
  let overlapCount = 0;
  let tokens = 0;
  for (const piece of sized) {
    if (current.length > overlapCount && tokens + piece.tokens > options.chunkTokens) {
      chunks.push(current.map((entry) => entry.text));
      const overlap = current.at(-1);
      current = overlap && overlap.tokens + piece.tokens <= options.chunkTokens ? [overlap] : [];
      overlapCount = current.length;
      tokens = current.reduce((sum, entry) => sum + entry.tokens, 0);
    }
    current.push(piece);
    tokens += piece.tokens;
  }
  if (current.length > 0) chunks.push(current.map((entry) => entry.text));
  return chunks;
}

function splitOversized(paragraph: string, options: ChunkOptions): string[] {
  if (options.countTokens(paragraph) <= options.chunkTokens) return [paragraph];
  const parts: string[] = [];
  let current = '';
  for (const sentence of splitSentences(paragraph)) {
    const candidate = current ? `${current} ${sentence}` : sentence;
    if (current && options.countTokens(candidate) > options.chunkTokens) {
      parts.push(current);
      current = sentence;
    } else {
      current = candidate;
    }
  }
  if (current) parts.push(current);
  return parts;
}

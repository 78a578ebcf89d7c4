import { describe, expect, it } from 'vitest';
import { chunkParagraphs } from '../../src/summarize/chunk-article.js';

/** One token per word keeps the arithmetic visible. */
const countTokens = (text: string) => text.split(/\s+/).filter(Boolean).length;
const paragraph = (label: string, words: number) => `${label} ${'word '.repeat(words - 1).trim()}`;

describe('chunkParagraphs', () => {
  it('keeps a short article in one chunk', () => {
    const paragraphs = [paragraph('a', 10), paragraph('b', 10)];
    expect(chunkParagraphs(paragraphs, { chunkTokens: 100, countTokens })).toEqual([paragraphs]);
  });

  it('cuts on paragraph boundaries with one paragraph of overlap', () => {
    const paragraphs = ['a', 'b', 'c', 'd', 'e', 'f'].map((label) => paragraph(label, 40));
    const chunks = chunkParagraphs(paragraphs, { chunkTokens: 100, countTokens });
    expect(chunks.map((chunk) => chunk.map((text) => text[0]).join(''))).toEqual(['ab', 'bc', 'cd', 'de', 'ef']);
    for (const chunk of chunks) expect(countTokens(chunk.join(' '))).toBeLessThanOrEqual(100);
  });

  it('covers every paragraph, in order', () => {
    const paragraphs = Array.from({ length: 50 }, (_, index) => paragraph(`p${index}`, 7 + (index % 13) * 5));
    const chunks = chunkParagraphs(paragraphs, { chunkTokens: 120, countTokens });
    const seen = [...new Set(chunks.flat())];
    expect(seen).toEqual(paragraphs);
  });

  it('splits a paragraph longer than a chunk between its sentences', () => {
    const sentences = Array.from({ length: 30 }, (_, index) => `Sentence number ${index} has exactly seven words.`);
    const chunks = chunkParagraphs([sentences.join(' ')], { chunkTokens: 50, countTokens });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(countTokens(chunk.join(' '))).toBeLessThanOrEqual(50);
    expect(chunks.flat().join(' ')).toContain('Sentence number 29 has exactly seven words.');
  });
});

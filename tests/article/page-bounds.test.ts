/**
 * The article pipeline on pages and texts too large, too odd or not text at all (issue 12): what
 * the builders and the loader make of them. The CLI end of the same cases is tests/hostile/.
 */
import { describe, expect, it } from 'vitest';
import { articleFromHtml, articleFromText } from '../../src/article/build-article.js';
import { capParagraphs, capText, MAX_ARTICLE_CHARS } from '../../src/article/cap-text.js';
import { createArticleLoader } from '../../src/article/load-article.js';
import { truncationNote } from '../../src/article/truncation-note.js';
import { bigOrdinaryPage, manyTinyParagraphs, MIB, pngBytes, plainTextStory, STORY_TITLE } from '../../bench/lib/hostile-pages.js';
import { userFacingErrorOf } from '../../test-support/user-facing-error.js';

const pageSource = { kind: 'url' as const, url: 'https://news.example/story', path: null };
const textSource = { kind: 'text' as const, url: null, path: null };

describe('capText and capParagraphs', () => {
  it('leave what fits alone', () => {
    expect(capText('short')).toBeNull();
    expect(capParagraphs(['a', 'b'])).toBeNull();
  });

  it('cut text at the last paragraph break near the limit, and say how much was kept', () => {
    const [first, second, third] = ['one '.repeat(22).trim(), 'two '.repeat(22).trim(), 'three '.repeat(15).trim()];
    const text = `${first}\n\n${second}\n\n${third}`;
    const capped = capText(text, 200);
    expect(capped?.text).toBe(`${first}\n\n${second}`);
    expect(capped?.keptShare).toBeCloseTo((capped?.text.length ?? 0) / text.length);
  });

  it('cut one long paragraph between words', () => {
    const capped = capParagraphs(['intro', 'word '.repeat(1_000)], 1_000);
    expect(capped?.paragraphs[0]).toBe('intro');
    expect(capped?.paragraphs[1]).toMatch(/^(?:word )*word$/);
    expect((capped?.paragraphs[1] ?? '').length).toBeLessThanOrEqual(995);
  });
});

describe('pages and texts too large to read whole', () => {
  it('keep the first part of a 4.9 MB page, and say so in a note', () => {
    const article = articleFromHtml(bigOrdinaryPage(4.9 * MIB), pageSource);
    expect(article.text.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(article.paragraphs[0]).toMatch(/^Update 1\. /);
    expect(article.truncated?.limit).toBe('length');
    expect(article.truncated?.keptShare).toBeGreaterThan(0.03);
    expect(article.truncated?.keptShare).toBeLessThan(0.1);
    expect(truncationNote(article)).toMatch(/^Only the first \d% of this page was read \([\d,]+ words\): it is too long to summarise whole\.$/);
  });

  it('keep the first part of a long text', () => {
    const text = `${STORY_TITLE}\n\n${Array.from({ length: 4_000 }, (_, index) => `Paragraph ${index} tells what the council decided about the river barrier.`).join('\n\n')}`;
    const article = articleFromText(text.repeat(3), textSource);
    expect(article.text.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(truncationNote(article)).toMatch(/^Only the first \d+% of this text was read/);
  });

  it('have no truncation and no note when the whole was read', () => {
    const article = articleFromText(plainTextStory(), textSource);
    expect(article.truncated).toBeUndefined();
    expect(truncationNote(article)).toBeNull();
  });

  it('refuse a page of single letters, cut where the markup budget ends, as no prose', () => {
    const error = userFacingErrorOf(() => articleFromHtml(manyTinyParagraphs(1_000_000), pageSource));
    expect(error.code).toBe('not_article');
    expect(error.message).toBe('No paragraph of this page reads like prose (the longest has 1 word): it looks like a list or a table, not an article.');
  });
});

describe('bodies that are not what they were served as', () => {
  const loader = createArticleLoader({ fetchPage: async () => { throw new Error('no fetching here'); }, maxBytes: 5 * MIB });

  it('reads a body with no tag at all as text, even when it came as HTML', () => {
    const article = loader.fromBytes(new Uint8Array(Buffer.from(plainTextStory())), pageSource, { mimeType: 'text/html', charset: 'utf-8' });
    expect(article.metadata.title).toBe(STORY_TITLE);
    expect(article.paragraphs).toHaveLength(5);
  });

  it('reads an HTML fragment with no <html> or <body> as a page', () => {
    const article = articleFromHtml(plainTextStory().split('\n\n').map((paragraph) => `<p>${paragraph}</p>`).join(''), pageSource);
    expect(article.paragraphs.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses an image served as text/html as binary, naming no internal error', () => {
    const error = userFacingErrorOf(() => loader.fromBytes(pngBytes(4096), pageSource, { mimeType: 'text/html', charset: null }));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/^This is binary data/);
  });
});

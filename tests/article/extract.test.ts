import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article/extract.js';

const paragraph = (n: number) =>
  `Paragraph ${n} explains the council's decision in detail, with enough words to look like real reporting about the budget and the rail services that depend on it.`;

const html = `<!doctype html>
<html lang="en_GB">
<head>
  <title>Budget passes | The Daily Planet</title>
  <meta property="og:site_name" content="The Daily Planet">
  <meta property="article:published_time" content="2026-03-04T09:30:00Z">
  <link rel="canonical" href="/news/budget-passes">
  <script>document.title = 'hijacked'; globalThis.__executed = true;</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article>
    <h1>Budget passes</h1>
    <p class="byline">By Lois Lane</p>
    ${[1, 2, 3, 4, 5].map((n) => `<p>${paragraph(n)}</p>`).join('\n')}
    <figure><img src="x.jpg"><figcaption>The council chamber on Monday. Photo: Jimmy Olsen</figcaption></figure>
    <p>First line<br>same paragraph<br><br>new paragraph after a double break, which some old sites still use.</p>
  </article>
  <footer>© The Daily Planet</footer>
</body></html>`;

describe('extractArticle', () => {
  const page = extractArticle(html, 'https://planet.example/news/budget-passes?utm_source=x');

  it('keeps the metadata: title, byline, site, date, canonical URL and language', () => {
    expect(page.metadata).toEqual({
      title: 'Budget passes',
      byline: 'By Lois Lane',
      siteName: 'The Daily Planet',
      publishedTime: '2026-03-04T09:30:00Z',
      canonicalUrl: 'https://planet.example/news/budget-passes',
      language: 'en-GB',
    });
  });

  it('returns the article as plain paragraphs, without navigation, footer or captions', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(page.paragraphs).toContain(paragraph(n));
    const all = page.paragraphs.join('\n');
    expect(all).not.toMatch(/Home|World|©|Jimmy Olsen|<p>/);
  });

  it('treats one <br> as a line break and two as a new paragraph', () => {
    expect(page.paragraphs).toContain('First line same paragraph');
    expect(page.paragraphs).toContain('new paragraph after a double break, which some old sites still use.');
  });

  it('never executes scripts', () => {
    expect((globalThis as Record<string, unknown>).__executed).toBeUndefined();
    expect(page.metadata.title).not.toBe('hijacked');
  });

  it('falls back to the body text when Readability finds no article', () => {
    const fallback = extractArticle('<html><body><div>Just one line of text.</div></body></html>', null);
    expect(fallback.paragraphs).toEqual(['Just one line of text.']);
    expect(fallback.metadata.canonicalUrl).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createArticleLoader } from '../../src/article/load-article.js';
import { createExtractiveSummarizer } from '../../src/summarize/index.js';

/**
 * Issue 9, end to end in one process: an HTML page with an author in its metadata and a visible
 * byline with a relative time under the headline, through the same front door as every input
 * (the article loader), then the embedded summariser.
 */

const lead = 'The Riverton City Council voted 7-2 on Tuesday night to fund a flood barrier along the east bank of the river.';
const body = [
  lead,
  'The barrier, a wall of steel and concrete three metres high, will protect about four thousand homes that flooded twice in the last decade.',
  'Council members who opposed the plan said the cost, estimated at forty million dollars, would force cuts to road repairs and bus services.',
  'Engineers told the council that construction could begin next spring if the state approves the permits before the end of the year.',
  'Residents of the lower town, who had campaigned for the barrier since the floods of 2019, filled the chamber and applauded the vote.',
];

const page = (bylineLine: string) => `<!doctype html>
<html lang="en"><head>
  <title>Council approves flood barrier | Riverton Post</title>
  <meta name="author" content="Jane Roe">
  <meta property="og:site_name" content="Riverton Post">
</head><body>
  <article>
    <h1>Council approves flood barrier</h1>
    ${bylineLine}
    ${body.map((paragraph) => `<p>${paragraph}</p>`).join('\n    ')}
  </article>
</body></html>`;

const loader = createArticleLoader({
  fetchPage: () => Promise.reject(new Error('no network in this test')),
  maxBytes: 1_000_000,
});
const summarizer = createExtractiveSummarizer();
const source = { kind: 'url' as const, url: 'https://rivertonpost.example/news/flood-barrier', path: null };

describe('a page with a byline line under its headline', () => {
  it.each([
    ['a paragraph', '<p>By Jane Roe · 3 hours ago</p>'],
    ['a line of spans', '<div><span>By Jane Roe</span> · <span>3 hours ago</span></div>'],
    ['an updated stamp', '<p>By Jane Roe</p><p>Updated 12:04 PM EST, Tue March 3, 2020</p>'],
  ])('summarises from the story, not the byline (%s)', async (_label, bylineLine) => {
    const article = loader.fromBytes(new TextEncoder().encode(page(bylineLine)), source, { mimeType: 'text/html', charset: 'utf-8' });
    expect(article.metadata.byline).toBe('Jane Roe');
    expect(article.text).not.toMatch(/hours ago|By Jane Roe|12:04/);
    expect(article.paragraphs[0]).toBe(lead);

    for (const length of ['brief', 'standard', 'detailed'] as const) {
      const summary = await summarizer.summarize({ article, options: { length, language: null, quotes: false } });
      expect(summary.bullets[0]).toBe(lead);
      for (const bullet of summary.bullets) expect(body.join(' ')).toContain(bullet);
    }
  });
});

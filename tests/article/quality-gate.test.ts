import { describe, expect, it } from 'vitest';
import { articleFromHtml, articleFromText } from '../../src/article/build-article.js';
import { userFacingErrorOf } from '../../test-support/user-facing-error.js';

const source = { kind: 'url' as const, url: 'https://news.example/story', path: null };
const sentence = 'The regional council approved a new transport budget after a long debate about rail services and bus routes.';
let proseCalls = 0;
/** Distinct prose on every call, since cleaning drops repeated paragraphs. */
const prose = (words: number) => {
  proseCalls += 1;
  return Array.from({ length: Math.ceil(words / 18) }, (_, index) => `${sentence.replace('.', '')} in session ${proseCalls}-${index}.`).join(' ');
};


const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>Budget passes</title>${head}</head><body><article>${body}</article></body></html>`;

describe('quality gate', () => {
  it('refuses text under 80 words as too thin, saying how many words it found', () => {
    const error = userFacingErrorOf(() => articleFromText('Short headline\n\nThe council met today. It was brief and nothing was decided.', { kind: 'text', url: null, path: null }));
    expect(error.code).toBe('too_thin');
    expect(error.message).toMatch(/Only 11 words/);
    expect(error.badInput).toBe(true);
  });

  it.each(['text', 'stdin', 'file'] as const)('advises pasting more of the article, not about JavaScript, when %s input is too short', (kind) => {
    const error = userFacingErrorOf(() => articleFromText('Short headline\n\nThe council met today. It was brief and nothing was decided.', { kind, url: null, path: kind === 'file' ? 'story.txt' : null }));
    expect(error.code).toBe('too_thin');
    expect(error.message).toMatch(/Only 11 words/);
    expect(error.message).toMatch(/paste more of the article/i);
    expect(error.message).not.toMatch(/JavaScript|login|page/i);
  });

  it('says so when pasted text holds nothing but a headline, a byline and a date', () => {
    const error = userFacingErrorOf(() => articleFromText('Council approves flood barrier\n\nBy Jane Roe · 3 hours ago\n\nUpdated 12:04 PM EST, Tue March 3, 2020', { kind: 'text', url: null, path: null }));
    expect(error.code).toBe('too_thin');
    expect(error.message).toMatch(/No article text/);
    expect(error.message).not.toMatch(/JavaScript/);
  });

  it('still tells a thin web page that it may need JavaScript or a login', () => {
    const error = userFacingErrorOf(() => articleFromHtml(page('<p>The council met today. It was brief and nothing was decided.</p>'), source));
    expect(error.code).toBe('too_thin');
    expect(error.message).toMatch(/JavaScript or a login/);
  });

  it('accepts an article just over the threshold', () => {
    expect(() => articleFromText(prose(90), { kind: 'text', url: null, path: null })).not.toThrow();
  });

  it('refuses an empty paste with its own message', () => {
    expect(userFacingErrorOf(() => articleFromText('   \n\n ', { kind: 'text', url: null, path: null })).code).toBe('empty_input');
  });

  const notFree = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","isAccessibleForFree":"False"}</script>';

  it('refuses a teaser from a page that declares isAccessibleForFree: false', () => {
    const error = userFacingErrorOf(() => articleFromHtml(page(`<p>${prose(150)}</p>`, notFree), source));
    expect(error.code).toBe('paywalled');
    expect(error.message).toMatch(/paywall/);
  });

  it('summarises a metered page that declares a paywall but ships the whole article', () => {
    expect(articleFromHtml(page(`<p>${prose(300)}</p><p>${prose(300)}</p>`, notFree), source).wordCount).toBeGreaterThan(500);
  });

  it('finds isAccessibleForFree inside an @graph', () => {
    const jsonLd = '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","isAccessibleForFree":false}]}</script>';
    expect(userFacingErrorOf(() => articleFromHtml(page(`<p>${prose(150)}</p>`, jsonLd), source)).code).toBe('paywalled');
  });

  it('refuses a short teaser that ends in a subscribe prompt as a paywall', () => {
    const body = `<p>${prose(120)}</p><p>${prose(60)}</p><p>Already a subscriber? Sign in to continue reading.</p>`;
    const error = userFacingErrorOf(() => articleFromHtml(page(body), source));
    expect(error.code).toBe('paywalled');
    expect(error.message).toMatch(/subscribe or sign-in prompt/);
  });

  it('does not mistake a newsletter prompt under a short article for a paywall', () => {
    const body = `<p>${prose(100)}</p><p>${prose(60)}</p><p>Click here to subscribe to The Daily Planet newsletter</p>`;
    expect(() => articleFromHtml(page(body), source)).not.toThrow();
  });

  it('lets a long article with a paywall-like prompt at the end through', () => {
    const body = `<p>${prose(200)}</p><p>${prose(200)}</p><p>Subscribe to continue reading.</p>`;
    expect(() => articleFromHtml(page(body), source)).not.toThrow();
  });

  it('refuses an index page where links are most of the text and no block reads like prose', () => {
    const links = Array.from({ length: 40 }, (_, index) => `<li><a href="/story/${index}">Council approves budget after long debate number ${index}</a> — short teaser</li>`).join('');
    const error = userFacingErrorOf(() => articleFromHtml(`<!doctype html><html><body><main><ul>${links}</ul></main></body></html>`, source));
    expect(error.code).toBe('not_article');
    expect(error.message).toMatch(/index or search page/);
  });

  it('keeps a link-heavy page that still has a real prose block', () => {
    const links = Array.from({ length: 10 }, (_, index) => `<p><a href="/s/${index}">${sentence}</a></p>`).join('');
    expect(() => articleFromHtml(page(`${links}<p>${prose(200)}</p>`), source)).not.toThrow();
  });
});

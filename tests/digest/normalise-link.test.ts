import { describe, expect, it } from 'vitest';
import { normaliseLink } from '../../src/digest/normalise-link.js';

describe('normaliseLink', () => {
  it.each([
    ['drops utm_* parameters, keeping the others in order', 'https://a.example/x?id=7&utm_source=rss&utm_Medium=feed&page=2', 'https://a.example/x?id=7&page=2'],
    ['drops fbclid and gclid', 'https://a.example/x?fbclid=abc&gclid=def', 'https://a.example/x'],
    ['drops the fragment', 'https://a.example/x#comments', 'https://a.example/x'],
    ['drops a trailing slash', 'https://a.example/news/story/', 'https://a.example/news/story'],
    ['drops the root slash', 'https://a.example/', 'https://a.example'],
    ['lower-cases the host but not the path', 'https://News.EXAMPLE/Story/ABC', 'https://news.example/Story/ABC'],
    ['drops a default port and credentials', 'https://user:pw@a.example:443/x', 'https://a.example/x'],
    ['keeps a non-default port', 'http://a.example:8080/x/', 'http://a.example:8080/x'],
    ['encodes the query one way', 'https://a.example/s?q=a%20b&utm_campaign=z', 'https://a.example/s?q=a+b'],
    ['trims whitespace', '  https://a.example/x/  ', 'https://a.example/x'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseLink(input)).toBe(expected);
  });

  it('gives copies of one link with different tracking the same form', () => {
    expect(normaliseLink('https://A.example/story/?utm_source=twitter#top')).toBe(normaliseLink('https://a.example/story'));
  });

  it('is null for what is not an http(s) URL', () => {
    expect(normaliseLink('not a url')).toBeNull();
    expect(normaliseLink('mailto:news@a.example')).toBeNull();
    expect(normaliseLink('javascript:alert(1)')).toBeNull();
    expect(normaliseLink('')).toBeNull();
  });
});

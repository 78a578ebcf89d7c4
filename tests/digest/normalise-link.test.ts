import { describe, expect, it } from 'vitest';
import { isTrackingParameter, normaliseLink, withoutTracking } from '../../src/digest/normalise-link.js';

describe('normaliseLink', () => {
  it.each([
    ['drops utm_* parameters, keeping the others in order', 'https://a.example/x?id=7&utm_source=rss&utm_Medium=feed&page=2', 'https://a.example/x?id=7&page=2'],
    ['drops fbclid and gclid', 'https://a.example/x?fbclid=abc&gclid=def', 'https://a.example/x'],
    ['drops Mailchimp mc_cid and mc_eid', 'https://a.example/x?mc_cid=5f3a&id=1&mc_eid=9b2c', 'https://a.example/x?id=1'],
    ['drops ref when it names a feed', 'https://a.example/x?ref=rss&a=1&REF=Feed&ref=rss-feed&ref=atom', 'https://a.example/x?a=1'],
    ['keeps ref when it names something else', 'https://a.example/x?ref=homepage&ref=feedback', 'https://a.example/x?ref=homepage&ref=feedback'],
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

describe('withoutTracking', () => {
  it.each([
    ['removes every tracking parameter, keeping the others as written and the fragment', 'https://a.example/x/?id=7&utm_source=rss&q=a%20b&ref=rss&fbclid=1&gclid=2&mc_cid=3&mc_eid=4#top', 'https://a.example/x/?id=7&q=a%20b#top'],
    ['drops the query mark when nothing else is left', 'https://a.example/x?utm_medium=feed&ref=feed', 'https://a.example/x'],
    ['leaves a clean link exactly as it was', 'https://a.example/x/?q=a+b&ref=homepage#c', 'https://a.example/x/?q=a+b&ref=homepage#c'],
    ['leaves what is not an http(s) URL alone', 'javascript:alert(1)?utm_source=x', 'javascript:alert(1)?utm_source=x'],
  ])('%s', (_name, input, expected) => {
    expect(withoutTracking(input)).toBe(expected);
  });

  it('follows the same rule as identity: a shown link normalises like the tagged one', () => {
    const tagged = 'https://a.example/story?utm_source=rss&ref=feed&id=3&mc_eid=9';
    expect(normaliseLink(withoutTracking(tagged))).toBe(normaliseLink(tagged));
    expect(isTrackingParameter('ref', 'rss')).toBe(true);
    expect(isTrackingParameter('ref', 'homepage')).toBe(false);
    expect(isTrackingParameter('utm_term', 'anything')).toBe(true);
  });
});

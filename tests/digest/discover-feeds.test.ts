import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../src/digest/discover-feeds.js';

const PAGE_URL = 'https://news.example/section/world/';

function page(head: string): string {
  return `<!doctype html><html><head><title>World</title>${head}</head><body><a href="/feed.xml">RSS</a></body></html>`;
}

describe('discoverFeeds', () => {
  it('finds every advertised feed type in document order, resolved against the page', () => {
    const html = page(`
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/atom+xml" href="atom.xml" title="Atom">
      <link rel="alternate" type="application/rss+xml" href="/rss.xml" title="RSS">
      <link rel="alternate" type="application/feed+json" href="//cdn.news.example/feed.json">
      <link rel="alternate" type="application/json" href="https://api.news.example/feed">
    `);
    expect(discoverFeeds(html, PAGE_URL)).toEqual([
      'https://news.example/section/world/atom.xml',
      'https://news.example/rss.xml',
      'https://cdn.news.example/feed.json',
      'https://api.news.example/feed',
    ]);
  });

  it('removes duplicates, keeping the first', () => {
    const html = page(`
      <link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="alternate" type="application/rss+xml" href="https://news.example/rss.xml">
    `);
    expect(discoverFeeds(html, PAGE_URL)).toEqual(['https://news.example/rss.xml', 'https://news.example/atom.xml']);
  });

  it('ignores other rels and types, and accepts case and parameter variations', () => {
    const html = page(`
      <link rel="alternate" type="text/html" href="/fr/" hreflang="fr">
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="feed" type="application/rss+xml" href="/not-alternate.xml">
      <link rel="Alternate home" type="Application/RSS+XML; charset=utf-8" href="/mixed-case.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml">
    `);
    expect(discoverFeeds(html, PAGE_URL)).toEqual(['https://news.example/mixed-case.xml']);
  });

  it('honours the page base href', () => {
    const html = page('<base href="https://static.news.example/en/"><link rel="alternate" type="application/rss+xml" href="feed.rss">');
    expect(discoverFeeds(html, PAGE_URL)).toEqual(['https://static.news.example/en/feed.rss']);
  });

  it('is empty for a page with no feeds', () => {
    expect(discoverFeeds(page(''), PAGE_URL)).toEqual([]);
    expect(discoverFeeds('', PAGE_URL)).toEqual([]);
  });

  it('finds the feed of a page whose body nests 100,000 elements', () => {
    const html = page('<link rel="alternate" type="application/rss+xml" href="/rss.xml">').replace('<body>', `<body>${'<div>'.repeat(100_000)}`);
    expect(discoverFeeds(html, PAGE_URL)).toEqual(['https://news.example/rss.xml']);
  });
});

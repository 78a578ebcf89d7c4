import { describe, expect, it } from 'vitest';
import { findArticleLinks } from '../../src/discord/find-article-links.js';
import { matchLanguages, parseLanguageOption } from '../../src/discord/languages.js';

describe('findArticleLinks', () => {
  it('finds article links in order, without repeats, at most three', () => {
    const content = 'Read https://news.example/a and https://news.example/b, then (https://news.example/c). Also https://news.example/a https://news.example/d';
    expect(findArticleLinks(content)).toEqual(['https://news.example/a', 'https://news.example/b', 'https://news.example/c']);
  });

  it.each([
    'https://cdn.example/photo.JPG',
    'https://example.com/clip.mp4',
    'https://example.com/podcast.mp3',
    'https://example.com/files/archive.zip',
    'https://www.youtube.com/watch?v=x',
    'https://youtu.be/x',
    'https://tenor.com/view/x',
    'https://media.giphy.com/x',
    'https://i.imgur.com/x',
    'https://www.twitch.tv/x',
    'https://open.spotify.com/track/x',
    'https://discord.com/channels/1/2/3',
    'https://discord.gg/invite',
    'https://cdn.discordapp.com/attachments/1/2/file.txt',
    '<https://news.example/suppressed>',
  ])('skips %s', (link) => {
    expect(findArticleLinks(`look: ${link}`)).toEqual([]);
  });
});

describe('matchLanguages', () => {
  it('offers at least 30 languages, at most 25 at a time', () => {
    expect(matchLanguages('')).toHaveLength(25);
    expect(matchLanguages('a').length).toBeLessThanOrEqual(25);
  });

  it('matches by name or tag, prefix first', () => {
    expect(matchLanguages('fre')[0]).toEqual({ name: 'French — français (fr)', value: 'fr' });
    expect(matchLanguages('pt-b')[0]?.value).toBe('pt-BR');
    expect(matchLanguages('klingon')).toEqual([]);
  });
});

describe('parseLanguageOption', () => {
  it('turns a tag, an English name or the language’s own name into its tag', () => {
    expect(parseLanguageOption('de')).toBe('de');
    expect(parseLanguageOption('Deutsch')).toBe('de');
    expect(parseLanguageOption('german')).toBe('de');
    expect(parseLanguageOption('日本語')).toBe('ja');
    expect(parseLanguageOption('pt-br')).toBe('pt-BR');
    expect(parseLanguageOption('gsw')).toBe('gsw');
    expect(parseLanguageOption('  ')).toBeNull();
  });

  it('refuses what is no known language, echoing at most a short piece of it', () => {
    expect(() => parseLanguageOption('klingon')).toThrow(/"klingon" is not a language newsbrief knows/);
    expect(() => parseLanguageOption('x'.repeat(5000))).toThrow(/^"x{40}…" is not a language/);
  });
});

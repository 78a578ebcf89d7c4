import type { Article } from '../article/types.js';
import { describeEngine, type ArticleSummary } from '../summarize/index.js';

/** The `--json` object of CONTRACTS §2, key for key. */
export function summaryToJson({ article, result, stats, cached }: ArticleSummary) {
  return {
    headline: result.headline,
    bullets: result.bullets,
    quotes: result.quotes.map(({ text, speaker, context }) => ({ text, speaker, context })),
    language: result.language,
    stats,
    source: sourceToJson(article),
    provider: result.provider,
    model: result.model,
    // The algorithm's version stands in for a prompt, so an operator sees what made every answer.
    prompt: result.prompt ?? describeEngine(result).version,
    cached,
    notes: result.notes,
    unsupportedClaims: result.unsupportedClaims,
  };
}

export function sourceToJson(article: Article) {
  const { source, metadata } = article;
  return {
    kind: source.kind,
    url: source.url,
    path: source.path,
    title: metadata.title,
    byline: metadata.byline,
    siteName: metadata.siteName,
    publishedTime: metadata.publishedTime,
    canonicalUrl: metadata.canonicalUrl,
  };
}

/** `--extract-only --json`: the article and its metadata, with no summary fields. */
export function articleToJson(article: Article) {
  return {
    article: {
      ...sourceToJson(article),
      language: article.metadata.language,
      wordCount: article.wordCount,
      paragraphs: article.paragraphs,
      text: article.text,
    },
  };
}

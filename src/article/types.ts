/** Where an article came from. Mirrors the `source` object of the CLI's `--json` (CONTRACTS §2). */
export interface ArticleSource {
  kind: 'url' | 'file' | 'stdin' | 'text';
  url: string | null;
  path: string | null;
}

export interface ArticleMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601 when the page declares it. */
  publishedTime: string | null;
  canonicalUrl: string | null;
  /** BCP-47 tag declared by the page (`<html lang>`, `og:locale`), when any. */
  language: string | null;
}

/** A cleaned article: plain paragraphs, no markup, ready for the quality gate and a summariser. */
export interface Article {
  source: ArticleSource;
  metadata: ArticleMetadata;
  paragraphs: string[];
  /** The paragraphs joined by blank lines. Quotes are verified against this text. */
  text: string;
  wordCount: number;
}

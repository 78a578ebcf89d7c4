import { createHash } from 'node:crypto';

/** Exactly the fields of CONTRACTS §5; a field added here changes every key, which is the point. */
export interface SummaryCacheKeyParts {
  /** The cleaned article text. */
  text: string;
  provider: 'openai' | 'extractive';
  /** The base URL's host; null for the extractive summariser. */
  endpointHost: string | null;
  model: string | null;
  /** `summarize@2` for a prompt, or the extractive algorithm's version such as `extractive@1`. */
  prompt: string;
  length: string;
  /** The requested language; null for the article's own. */
  language: string | null;
  quotes: boolean;
}

export function summaryCacheKey(parts: SummaryCacheKeyParts): string {
  // A JSON array in a fixed order: every string is quoted and escaped, so no two different
  // field lists encode alike ('ab' + 'c' differs from 'a' + 'bc'), and null differs from "".
  const fields = [parts.text, parts.provider, parts.endpointHost, parts.model, parts.prompt, parts.length, parts.language, parts.quotes];
  return `summary:${sha256(JSON.stringify(fields))}`;
}

/** An answer to a question about an article (`/ask`, the Ask button): CONTRACTS §5's article, question and prompt version. */
export interface AnswerCacheKeyParts {
  /** The cleaned article text. */
  text: string;
  /** The question as `normaliseQuestion` leaves it, so "What was decided?" and "what was decided" share an answer. */
  question: string;
  provider: 'openai' | 'extractive';
  /** The base URL's host; null without a model. */
  endpointHost: string | null;
  model: string | null;
  /** `ask@1`, or the passage ranking's version such as `bm25@1`. */
  prompt: string;
}

export function answerCacheKey(parts: AnswerCacheKeyParts): string {
  const fields = [parts.text, parts.question, parts.provider, parts.endpointHost, parts.model, parts.prompt];
  return `answer:${sha256(JSON.stringify(fields))}`;
}

/** Articles fetched from a URL; the URL as given, so the caller decides whether to normalise it first. */
export function articleCacheKey(url: string): string {
  return `article:${sha256(url)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { UserFacingError } from '../errors.js';
import { articleFromHtml, articleFromText } from './build-article.js';
import { decodeBody } from './decode-body.js';
import type { FetchedPage } from './fetch-page.js';
import type { Article, ArticleSource } from './types.js';

export type FetchPage = (url: string, signal?: AbortSignal) => Promise<FetchedPage>;

export interface ArticleLoaderOptions {
  fetchPage: FetchPage;
  /** Files get the same size cap as pages. */
  maxBytes: number;
}

export interface ArticleLoader {
  fromUrl(url: string, signal?: AbortSignal): Promise<Article>;
  fromFile(path: string): Promise<Article>;
  fromBytes(body: Uint8Array, source: ArticleSource, hint?: { mimeType?: string; charset?: string | null }): Article;
  fromText(text: string, source?: ArticleSource): Article;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const TEXT_SOURCE: ArticleSource = { kind: 'text', url: null, path: null };

/** Every front door (CLI, commands, link replies, digests) turns its input into an Article here. */
export function createArticleLoader(options: ArticleLoaderOptions): ArticleLoader {
  const fromBytes: ArticleLoader['fromBytes'] = (body, source, hint = {}) => {
    const mimeType = hint.mimeType ?? sniffMimeType(body, source.path);
    const text = decodeBody(body, hint.charset ?? null, mimeType);
    return mimeType === 'text/plain' ? articleFromText(text, source) : articleFromHtml(text, source);
  };

  return {
    async fromUrl(url, signal) {
      const page = await options.fetchPage(url, signal);
      return fromBytes(page.body, { kind: 'url', url: page.url, path: null }, { mimeType: page.mimeType, charset: page.charset });
    },
    async fromFile(path) {
      const info = await stat(path).catch((error: unknown) => {
        throw new UserFacingError('file_not_found', `Cannot read ${path}: no such file.`, { cause: error });
      });
      if (!info.isFile()) throw new UserFacingError('file_not_found', `${path} is not a file.`);
      if (info.size > options.maxBytes) throw tooLarge(info.size, options.maxBytes);
      return fromBytes(new Uint8Array(await readFile(path)), { kind: 'file', url: null, path });
    },
    fromBytes,
    fromText(text, source = TEXT_SOURCE) {
      return articleFromText(text, source);
    },
  };
}

/** Files carry no Content-Type, so the extension and the first bytes decide. */
function sniffMimeType(body: Uint8Array, path: string | null): string {
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  if (head.startsWith('%PDF-')) throw new UserFacingError('unsupported_type', 'PDFs are not supported yet.');
  if (body.subarray(0, 8192).includes(0) && !/^(?:\xFF\xFE|\xFE\xFF)/.test(head)) {
    throw new UserFacingError('unsupported_type', 'This file is binary, not text or HTML. newsbrief reads .txt, .md and .html files.');
  }
  if (path && HTML_EXTENSIONS.has(extname(path).toLowerCase())) return 'text/html';
  return /^\s*(?:<!doctype html|<html|<head|<body|<article)/i.test(head.replace(/^\xEF\xBB\xBF/, '')) ? 'text/html' : 'text/plain';
}

export function tooLarge(size: number, limit: number): UserFacingError {
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
  return new UserFacingError('too_large', `The input is ${mb(size)} MB, over the ${mb(limit)} MB limit.`);
}

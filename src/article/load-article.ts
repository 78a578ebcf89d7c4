import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { cachedCall } from '../cache/cached.js';
import { articleCacheKey } from '../cache/cache-key.js';
import type { InFlight } from '../cache/in-flight.js';
import type { TypedCache } from '../cache/typed-cache.js';
import { UserFacingError } from '../errors.js';
import { articleFromHtml, articleFromText } from './build-article.js';
import { parseRequestedUrl } from './check-url-as-written.js';
import { decodeBody } from './decode-body.js';
import { binaryRefusal, sniffMimeType, tooLarge } from './content-type.js';
import type { FetchedPage } from './fetch-page.js';
import { shortenForMessage } from './shorten-for-message.js';
import { looksBinary } from './sniff-bytes.js';
import type { Article, ArticleSource } from './types.js';

export type FetchPage = (url: string, signal?: AbortSignal) => Promise<FetchedPage>;

export interface ArticleLoaderOptions {
  fetchPage: FetchPage;
  /** The fetcher's checks that need no I/O; without it, a link is only parsed. */
  checkUrl?: (url: string) => void;
  /** Files get the same size cap as pages. */
  maxBytes: number;
  /** Fetched articles, by URL, for a few hours: repeating a link skips the fetch. Concurrent fetches of one URL are shared. */
  urlCache?: {
    cache: TypedCache<Article>;
    inFlight: InFlight<Article>;
  };
}

export interface ArticleLoader {
  /** Refuses, before any I/O, a link that could never be fetched (malformed, another scheme, a literal private address). */
  checkUrl(url: string): void;
  fromUrl(url: string, signal?: AbortSignal): Promise<Article>;
  fromFile(path: string): Promise<Article>;
  /** A file someone uploaded (a Discord attachment): fetched like a page, read like a file. */
  fromRemoteFile(url: string, fileName: string, signal?: AbortSignal): Promise<Article>;
  fromBytes(body: Uint8Array, source: ArticleSource, hint?: { mimeType?: string; charset?: string | null }): Article;
  fromText(text: string, source?: ArticleSource): Article;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const TEXT_SOURCE: ArticleSource = { kind: 'text', url: null, path: null };

/** Every front door (CLI, commands, link replies, digests) turns its input into an Article here. */
export function createArticleLoader(options: ArticleLoaderOptions): ArticleLoader {
  const fromBytes: ArticleLoader['fromBytes'] = (body, source, hint = {}) => {
    // A server's type is its word, not the body's: an image or an archive served as text/html is still not text.
    if (looksBinary(body)) throw binaryRefusal();
    const mimeType = hint.mimeType ?? sniffMimeType(body, HTML_EXTENSIONS.has(extname(source.path ?? '').toLowerCase()));
    const text = decodeBody(body, hint.charset ?? null, mimeType);
    return mimeType === 'text/plain' ? articleFromText(text, source) : articleFromHtml(text, source);
  };

  return {
    checkUrl: options.checkUrl ?? ((url) => void parseRequestedUrl(url)),
    async fromUrl(url, signal) {
      const fetchAndBuild = async () => {
        const page = await options.fetchPage(url, signal);
        return fromBytes(page.body, { kind: 'url', url: page.url, path: null }, { mimeType: page.mimeType, charset: page.charset });
      };
      if (!options.urlCache) return fetchAndBuild();
      const { value } = await cachedCall({ ...options.urlCache, key: articleCacheKey(url.trim()), compute: fetchAndBuild });
      return value;
    },
    async fromFile(path) {
      const info = await stat(path).catch((error: unknown) => {
        throw new UserFacingError('file_not_found', `Cannot read ${shortenForMessage(path, undefined, 'end')}: no such file.`, { cause: error });
      });
      if (!info.isFile()) throw new UserFacingError('file_not_found', `${shortenForMessage(path, undefined, 'end')} is not a file.`);
      if (info.size > options.maxBytes) throw tooLarge(options.maxBytes, 'file', info.size);
      return fromBytes(new Uint8Array(await readFile(path)), { kind: 'file', url: null, path });
    },
    async fromRemoteFile(url, fileName, signal) {
      const page = await options.fetchPage(url, signal);
      // The upload's name and bytes decide, as for a local file; the CDN's content type is a guess.
      return fromBytes(page.body, { kind: 'file', url: null, path: fileName }, { charset: page.charset });
    },
    fromBytes,
    fromText(text, source = TEXT_SOURCE) {
      return articleFromText(text, source);
    },
  };
}

import type { Attachment } from 'discord.js';
import { extname } from 'node:path';
import type { Article } from '../article/types.js';
import { UserFacingError } from '../errors.js';
import type { Services } from '../main.js';

/** Attachments newsbrief reads, and the most it reads of one (CONTRACTS §4). */
const FILE_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm']);
export const MAX_ATTACHMENT_BYTES = 1_048_576;

export interface ArticleInput {
  url?: string | null;
  text?: string | null;
  file?: Attachment | null;
}

export function hasInput(input: ArticleInput): boolean {
  return Boolean(input.url?.trim() || input.text?.trim() || input.file);
}

/** One of url, text or file becomes an Article, through the same fetch, cleaning and gate as the CLI. */
export async function articleFromInput(input: ArticleInput, services: Services, signal?: AbortSignal): Promise<Article> {
  const given = [input.url?.trim(), input.text?.trim(), input.file].filter(Boolean).length;
  if (given > 1) throw new UserFacingError('bad_arguments', 'Give one of url, text or file, not several.');
  if (input.url?.trim()) return services.articles.fromUrl(input.url.trim(), signal);
  if (input.file) {
    const extension = extname(input.file.name).toLowerCase();
    if (!FILE_EXTENSIONS.has(extension)) {
      throw new UserFacingError('unsupported_type', `${input.file.name} is not a .txt, .md or .html file${extension === '.pdf' ? ' (PDFs are not supported yet)' : ''}.`);
    }
    if (input.file.size > MAX_ATTACHMENT_BYTES) {
      throw new UserFacingError('too_large', `${input.file.name} is ${(input.file.size / 1_048_576).toFixed(1)} MB; attachments can be at most 1 MB.`);
    }
    return services.articles.fromRemoteFile(input.file.url, input.file.name, signal);
  }
  return services.articles.fromText(input.text ?? '');
}

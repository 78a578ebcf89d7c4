import { ApplicationCommandOptionType, type Attachment, type ChatInputCommandInteraction } from 'discord.js';
import { extname } from 'node:path';
import type { Article } from '../article/types.js';
import { UserFacingError } from '../errors.js';
import type { Services } from '../services.js';
import type { DeferMode } from './command-module.js';

/** Attachments newsbrief reads, and the most it reads of one (CONTRACTS §4). */
const FILE_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm']);
export const MAX_ATTACHMENT_BYTES = 1_048_576;

export interface ArticleInput {
  url?: string | null;
  text?: string | null;
  file?: Attachment | null;
}

/** The options /summarize and /quotes share: where the article comes from, and whether the answer is private. */
export const ARTICLE_INPUT_OPTIONS = [
  { type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article', max_length: 2000 },
  { type: ApplicationCommandOptionType.String, name: 'text', description: 'The article text', max_length: 6000 },
  { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'A .txt, .md or .html file, up to 1 MB' },
] as const;
export const PRIVATE_OPTION = { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see the answer (default: false)' } as const;

export function readArticleInput(interaction: ChatInputCommandInteraction): ArticleInput {
  return {
    url: interaction.options.getString('url'),
    text: interaction.options.getString('text'),
    file: interaction.options.getAttachment('file'),
  };
}

export function hasInput(input: ArticleInput): boolean {
  return Boolean(input.url?.trim() || input.text?.trim() || input.file);
}

/**
 * How /summarize and /quotes acknowledge: with nothing to read, not at all (a box to paste the
 * article in is shown instead, CONTRACTS §4); with `private: true`, privately; else publicly.
 */
export function articleInputDefer(interaction: ChatInputCommandInteraction): DeferMode {
  return !hasInput(readArticleInput(interaction)) ? 'none' : interaction.options.getBoolean('private') ? 'ephemeral' : 'public';
}

/** The checks of `checkArticleInput` on the input given, if any: with none, the paste box asks for it. */
export function checkGivenArticleInput(interaction: ChatInputCommandInteraction, services: Services): void {
  const input = readArticleInput(interaction);
  if (hasInput(input)) checkArticleInput(input, services);
}

/**
 * The mistakes that need no I/O: several inputs, a link that could never be fetched, a refused
 * file type or size, text with no words. Run before the defer, so they are answered privately at once.
 */
export function checkArticleInput(input: ArticleInput, services: Services): void {
  const given = [input.url?.trim(), input.text?.trim(), input.file].filter(Boolean).length;
  if (given > 1) throw new UserFacingError('bad_arguments', 'Give one of url, text or file, not several.');
  if (input.url?.trim()) services.articles.checkUrl(input.url.trim());
  else if (input.file) checkAttachment(input.file);
  else checkPastedText(input.text ?? '');
}

/** Text with no letter or digit in it is nothing to summarise. */
export function checkPastedText(text: string): void {
  if (!/[\p{L}\p{N}]/u.test(text)) throw new UserFacingError('empty_text', 'There is no text to summarise: paste the article itself.');
}

/** One of url, text or file becomes an Article, through the same fetch, cleaning and gate as the CLI. */
export async function articleFromInput(input: ArticleInput, services: Services, signal?: AbortSignal): Promise<Article> {
  checkArticleInput(input, services);
  if (input.url?.trim()) return services.articles.fromUrl(input.url.trim(), signal);
  if (input.file) return services.articles.fromRemoteFile(input.file.url, input.file.name, signal);
  return services.articles.fromText(input.text ?? '');
}

function checkAttachment(file: Attachment): void {
  const extension = extname(file.name).toLowerCase();
  if (!FILE_EXTENSIONS.has(extension)) {
    throw new UserFacingError('unsupported_type', `${file.name} is not a .txt, .md or .html file${extension === '.pdf' ? ' (PDFs are not supported yet)' : ''}.`);
  }
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new UserFacingError('too_large', `${file.name} is ${(file.size / 1_048_576).toFixed(1)} MB; attachments can be at most 1 MB.`);
  }
}

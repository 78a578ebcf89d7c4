import { UserFacingError } from '../errors.js';
import type { Services } from '../main.js';
import type { ArticleSummary } from '../summarize/summarize-article.js';
import { findArticleLinks } from './find-article-links.js';
import { renderSummariesMessage } from './render/summary-embed.js';

const DEFAULTS = { length: 'standard', language: null, quotes: true } as const;

/**
 * A message's article links (at most 3), each summarised; or, with no links, the message's own
 * text. One link failing does not sink the others: it is left out, and if all fail the first
 * failure is the answer.
 */
export async function summarizeMessage(content: string, guildId: string | null, services: Services) {
  const links = findArticleLinks(content);
  if (links.length === 0) {
    if (!content.trim()) throw new UserFacingError('empty_input', 'That message has no text or article links to summarise.');
    const article = services.articles.fromText(content);
    return renderSummariesMessage([await services.summaries.summarize(article, { ...DEFAULTS, guildId })]);
  }
  const settled = await Promise.allSettled(
    links.map(async (link) => services.summaries.summarize(await services.articles.fromUrl(link), { ...DEFAULTS, guildId })),
  );
  const summaries = settled.filter((result): result is PromiseFulfilledResult<ArticleSummary> => result.status === 'fulfilled').map((result) => result.value);
  const firstFailure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (summaries.length === 0 && firstFailure) throw firstFailure.reason;
  return renderSummariesMessage(summaries);
}

import { UserFacingError } from '../errors.js';
import type { Services } from '../services.js';
import type { ArticleSummary } from '../summarize/summarize-article.js';
import { findArticleLinks, withoutLinks } from './find-article-links.js';
import { renderSummariesMessage } from './render/summary-embed.js';

const DEFAULTS = { length: 'standard', language: null, quotes: true } as const;

/**
 * A message's article links (at most 3, <…> ones too), each summarised; or, with no links, the
 * message's own text; a message of media links only is refused by name. One link failing does
 * not sink the others: it is left out, and if all fail the first failure is the answer.
 */
export async function summarizeMessage(content: string, guildId: string | null, services: Services) {
  const links = findArticleLinks(content, 3, { includeSuppressed: true });
  if (links.length === 0) {
    if (!withoutLinks(content)) {
      throw new UserFacingError('empty_input', 'That message has no article links or text to summarise (image, video and other media links are skipped).');
    }
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

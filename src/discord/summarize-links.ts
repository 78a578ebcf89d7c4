import { UserFacingError } from '../errors.js';
import type { Services } from '../services.js';
import type { ArticleSummary, SummarizeRequest } from '../summarize/index.js';
import { withChannelDefaults, type ChannelDefaults } from './channel-defaults.js';
import { findArticleLinks, withoutLinks } from './find-article-links.js';
import { renderSummariesMessage, type RenderedMessage } from './render/summary-embed.js';

/** Links summarised together: the summaries in link order, and why each of the others failed. */
export interface LinkSummaries {
  summaries: ArticleSummary[];
  failures: unknown[];
}

/**
 * Each link fetched and summarised at once, for link replies and the Summarize message menu. One
 * link failing does not sink the others: its error is returned beside the summaries.
 */
export async function summarizeLinks(links: readonly string[], request: SummarizeRequest, services: Pick<Services, 'articles' | 'summaries'>): Promise<LinkSummaries> {
  const settled = await Promise.allSettled(links.map(async (link) => services.summaries.summarize(await services.articles.fromUrl(link), request)));
  return {
    summaries: settled.filter((result): result is PromiseFulfilledResult<ArticleSummary> => result.status === 'fulfilled').map((result) => result.value),
    failures: settled.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason),
  };
}

const MESSAGE_MENU_DEFAULTS = { length: 'standard', language: null, quotes: true } as const;

/**
 * The Summarize message menu: a message's article links (at most 3, <…> ones too), each
 * summarised; or, with no links, the message's own text; a message of media links only is refused
 * by name. A link that fails is left out, and if all fail the first failure is the answer.
 * `channelDefaults` are the /settings of the channel the menu was used in.
 */
export async function summarizeMessageLinks(content: string, guildId: string | null, services: Services, channelDefaults: ChannelDefaults = {}): Promise<RenderedMessage> {
  const request = { ...withChannelDefaults(MESSAGE_MENU_DEFAULTS, channelDefaults), guildId };
  const links = findArticleLinks(content, 3, { includeSuppressed: true });
  if (links.length === 0) {
    if (!withoutLinks(content)) {
      throw new UserFacingError('empty_input', 'That message has no article links or text to summarise (image, video and other media links are skipped).');
    }
    const article = services.articles.fromText(content);
    return renderSummariesMessage([await services.summaries.summarize(article, request)]);
  }
  const { summaries, failures } = await summarizeLinks(links, request, services);
  if (summaries.length === 0 && failures.length > 0) throw failures[0];
  return renderSummariesMessage(summaries);
}

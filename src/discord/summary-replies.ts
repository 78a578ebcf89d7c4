import type { Article } from '../article/types.js';
import type { Services } from '../services.js';
import type { SummaryLength } from '../summarize/types.js';
import { renderQuotesMessage, renderSummaryMessage } from './render/summary-embed.js';
import type { ButtonState } from './button-state.js';

export interface DiscordSummaryRequest {
  length: SummaryLength;
  language: string | null;
  quotes: boolean;
  guildId: string | null;
  ephemeral?: boolean;
}

/** Summarise, keep what the buttons need, and render the answer with its buttons. */
export async function summaryReply(article: Article, request: DiscordSummaryRequest, services: Services) {
  const summary = await services.summaries.summarize(article, request);
  const state: ButtonState = { article, language: request.language, quotes: summary.result.quotes, provider: summary.result.provider };
  const id = await services.buttons.save(state);
  // A detailed summary is as much detail as there is: a More detail button would answer with itself.
  const moreDetail = request.length === 'detailed' ? {} : { moreDetailId: `more:${id}` };
  return renderSummaryMessage(summary, { ...moreDetail, quotesId: `quotes:${id}`, ...(request.ephemeral ? { ephemeral: true } : {}) });
}

/** Every verified quote, with the source's title and link. */
export function quotesReply(article: Article, quotes: ButtonState['quotes'], footer: string) {
  return renderQuotesMessage(quotes, {
    title: article.metadata.title ?? 'Key quotes',
    url: article.source.url ?? article.metadata.canonicalUrl,
    footer,
  });
}

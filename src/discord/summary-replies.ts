import type { Article } from '../article/types.js';
import { UserFacingError } from '../errors.js';
import type { Services } from '../services.js';
import type { SummaryLength } from '../summarize/index.js';
import { askButton } from './ask-replies.js';
import type { ButtonState } from './button-state.js';
import type { ComponentHandler } from './command-module.js';
import { componentId } from './component-id.js';
import { renderQuotesMessage, renderSummaryMessage } from './render/summary-embed.js';

export interface DiscordSummaryRequest {
  length: SummaryLength;
  language: string | null;
  quotes: boolean;
  guildId: string | null;
  ephemeral?: boolean;
}

/** More detail: the same article at `detailed` length, for whoever clicked, privately. */
export const moreDetailButton: ComponentHandler = {
  prefix: 'more',
  defer: 'ephemeral',
  async execute(interaction, id, services) {
    const state = await loadState(id, services);
    const reply = await summaryReply(state.article, { length: 'detailed', language: state.language, quotes: true, guildId: interaction.guildId, ephemeral: true }, services);
    await interaction.editReply(reply);
  },
};

/** Quotes: every verified quote of the summary, for whoever clicked, privately. */
export const quotesButton: ComponentHandler = {
  prefix: 'quotes',
  defer: 'ephemeral',
  async execute(interaction, id, services) {
    const state = await loadState(id, services);
    await interaction.editReply(quotesReply(state.article, state.quotes, `${state.quotes.length} verified quotes`));
  },
};

/** Summarise, keep what the buttons need, and render the answer with its buttons. */
export async function summaryReply(article: Article, request: DiscordSummaryRequest, services: Services) {
  const summary = await services.summaries.summarize(article, request);
  const state: ButtonState = { article, language: request.language, quotes: summary.result.quotes, provider: summary.result.provider };
  const id = await services.buttons.save(state);
  // A detailed summary is as much detail as there is: a More detail button would answer with itself.
  const moreDetail = request.length === 'detailed' ? {} : { moreDetailId: componentId(moreDetailButton, id) };
  return renderSummaryMessage(summary, { ...moreDetail, quotesId: componentId(quotesButton, id), askId: componentId(askButton, id), ...(request.ephemeral ? { ephemeral: true } : {}) });
}

/** Every verified quote, with the source's title and link. */
export function quotesReply(article: Article, quotes: ButtonState['quotes'], footer: string) {
  return renderQuotesMessage(quotes, {
    title: article.metadata.title ?? 'Key quotes',
    url: article.source.url ?? article.metadata.canonicalUrl,
    footer,
  });
}

/** A button's state, or the user is told it has expired (state outlives restarts, not its TTL). */
async function loadState(id: string, services: Services): Promise<ButtonState> {
  const state = await services.buttons.load(id);
  if (!state) throw new UserFacingError('button_expired', 'This button has expired. Run /summarize again.');
  return state;
}

import { TextInputStyle, type APIModalInteractionResponseCallbackData, type APITextInputComponent } from 'discord.js';
import type { Article } from '../article/types.js';
import { UserFacingError } from '../errors.js';
import type { Services } from '../services.js';
import { checkQuestion, MAX_QUESTION_CHARS } from '../summarize/index.js';
import type { ComponentHandler, ComponentInteraction } from './command-module.js';
import { componentId } from './component-id.js';
import { PASTE_FIELD_ID } from './paste-modal.js';
import { renderAnswerMessage } from './render/answer-embed.js';

/** The question field's id in every ask modal. */
export const QUESTION_FIELD_ID = 'question';

/**
 * Ask: a box for one question about the summarised article. The modal's id carries the button
 * state's short id, so the article is read from the durable store when the question comes back,
 * after a restart too.
 */
export const askButton: ComponentHandler = {
  prefix: 'ask',
  // A modal must be the first answer to the click: nothing is deferred.
  defer: 'none',
  async execute(interaction, id, services) {
    if (!interaction.isButton()) return;
    // Said now rather than after the question is typed.
    await loadArticle(id, services);
    await interaction.showModal(questionModal(componentId(askModal, id)));
  },
};

/** The question from the Ask button's box, answered privately to whoever asked. */
export const askModal: ComponentHandler = {
  prefix: 'ask-modal',
  defer: 'ephemeral',
  check: checkQuestionField,
  async execute(interaction, id, services) {
    if (!interaction.isModalSubmit()) return;
    const article = await loadArticle(id, services);
    await interaction.editReply(await answerReply(article, interaction.fields.getTextInputValue(QUESTION_FIELD_ID), interaction.guildId, services));
  },
};

/** Answers a question about an article and renders it; the service checks the answer against the article. */
export async function answerReply(article: Article, question: string, guildId: string | null, services: Services) {
  return renderAnswerMessage(await services.answers.answer(article, question, { guildId }));
}

/**
 * The box a question is typed in (at most 300 characters), with a field to paste the article
 * above it when there is none yet (/ask with no url, text or file); `question` is filled in.
 */
export function questionModal(customId: string, options: { withArticle?: boolean; question?: string } = {}): APIModalInteractionResponseCallbackData {
  const question: APITextInputComponent = {
    type: 4,
    custom_id: QUESTION_FIELD_ID,
    label: 'Your question',
    style: TextInputStyle.Paragraph,
    max_length: MAX_QUESTION_CHARS,
    required: true,
    placeholder: 'e.g. Who voted against the plan?',
    ...(options.question ? { value: options.question.slice(0, MAX_QUESTION_CHARS) } : {}),
  };
  const article: APITextInputComponent = { type: 4, custom_id: PASTE_FIELD_ID, label: 'Article text', style: TextInputStyle.Paragraph, max_length: 4000, required: true };
  return {
    custom_id: customId,
    title: 'Ask the article',
    components: [...(options.withArticle ? [article] : []), question].map((input) => ({ type: 1, components: [input] })),
  };
}

/** Before the defer: a question with no words, or longer than the field allows, is answered privately at once. */
export function checkQuestionField(interaction: ComponentInteraction): void {
  if (interaction.isModalSubmit()) checkQuestion(interaction.fields.getTextInputValue(QUESTION_FIELD_ID));
}

async function loadArticle(id: string, services: Services): Promise<Article> {
  const state = await services.buttons.load(id);
  if (!state) throw new UserFacingError('button_expired', 'This button has expired. Run /summarize again.');
  return state.article;
}

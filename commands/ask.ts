import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ARTICLE_INPUT_OPTIONS, articleFromInput, checkGivenArticleInput, hasInput, readArticleInput } from '../src/discord/article-from-input.js';
import { answerReply, askButton, askModal, checkQuestionField, questionModal, QUESTION_FIELD_ID } from '../src/discord/ask-replies.js';
import type { CommandModule, ComponentHandler } from '../src/discord/command-module.js';
import { checkPastedModal, PASTE_FIELD_ID } from '../src/discord/paste-modal.js';
import { checkQuestion, MAX_QUESTION_CHARS } from '../src/summarize/index.js';

const data = {
  name: 'ask',
  description: 'Ask a question about a news article: the answer quotes the article.',
  type: ApplicationCommandType.ChatInput,
  contexts: [0, 1, 2],
  integration_types: [0],
  // Discord lists required options first.
  options: [
    { type: ApplicationCommandOptionType.String, name: 'question', description: 'What you want to know about the article', required: true, max_length: MAX_QUESTION_CHARS },
    ...ARTICLE_INPUT_OPTIONS,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** /ask with no url, text or file: a box to paste the article in, the question filled in. */
const pastedArticle: ComponentHandler = {
  prefix: 'ask-paste',
  defer: 'ephemeral',
  check(interaction) {
    checkPastedModal(interaction);
    checkQuestionField(interaction);
  },
  async execute(interaction, _argument, services) {
    if (!interaction.isModalSubmit()) return;
    const article = services.articles.fromText(interaction.fields.getTextInputValue(PASTE_FIELD_ID));
    await interaction.editReply(await answerReply(article, interaction.fields.getTextInputValue(QUESTION_FIELD_ID), interaction.guildId, services));
  },
};

const command: CommandModule<ChatInputCommandInteraction> = {
  data,
  // A question is one person's: the answer is private, as the Ask button's is (CONTRACTS §4).
  defer: (interaction) => (hasInput(readArticleInput(interaction)) ? 'ephemeral' : 'none'),
  check(interaction, services) {
    checkQuestion(interaction.options.getString('question', true));
    checkGivenArticleInput(interaction, services);
  },
  async execute(interaction, services) {
    const question = interaction.options.getString('question', true);
    const input = readArticleInput(interaction);
    if (!hasInput(input)) {
      await interaction.showModal(questionModal(pastedArticle.prefix, { withArticle: true, question }));
      return;
    }
    const article = await articleFromInput(input, services);
    await interaction.editReply(await answerReply(article, question, interaction.guildId, services));
  },
  // The Ask button is under every summary; its handlers live here, with the command that answers questions.
  components: [askButton, askModal, pastedArticle],
};

export default command;

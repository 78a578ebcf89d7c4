import {
  ApplicationCommandType,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Article } from '../src/article/types.js';
import type { Services } from '../src/services.js';
import { checkPastedModal, pasteModal, PASTE_FIELD_ID } from '../src/discord/paste-modal.js';
import { ARTICLE_INPUT_OPTIONS, PRIVATE_OPTION, articleFromInput, articleInputDefer, checkGivenArticleInput, hasInput, readArticleInput } from '../src/discord/article-from-input.js';
import type { CommandModule } from '../src/discord/command-module.js';
import { quotesReply } from '../src/discord/summary-replies.js';

const MODAL_ID = 'quotes-modal';

const data = {
  name: 'quotes',
  description: 'The key quotes of a news article, each with its speaker.',
  type: ApplicationCommandType.ChatInput,
  contexts: [0, 1, 2],
  integration_types: [0],
  options: [...ARTICLE_INPUT_OPTIONS, PRIVATE_OPTION],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const command: CommandModule<ChatInputCommandInteraction> = {
  data,
  defer: articleInputDefer,
  check: checkGivenArticleInput,
  async execute(interaction, services) {
    const input = readArticleInput(interaction);
    if (!hasInput(input)) {
      await interaction.showModal(pasteModal(MODAL_ID, 'Find the key quotes'));
      return;
    }
    await interaction.editReply(await keyQuotesReply(await articleFromInput(input, services), interaction.guildId, services));
  },
  components: [
    {
      prefix: MODAL_ID,
      defer: 'public',
      check: checkPastedModal,
      async execute(interaction, _argument, services) {
        if (!interaction.isModalSubmit()) return;
        const article = services.articles.fromText(interaction.fields.getTextInputValue(PASTE_FIELD_ID));
        await interaction.editReply(await keyQuotesReply(article, interaction.guildId, services));
      },
    },
  ],
};

async function keyQuotesReply(article: Article, guildId: string | null, services: Services) {
  const found = await services.quotes.keyQuotes(article, { guildId });
  // Plain words first (the model's name, or "offline quote finder"); the prompt version last, for operators.
  const parts = [`${found.quotes.length} verified quotes`, found.model ?? 'offline quote finder', ...found.notes, ...(found.model && found.prompt ? [found.prompt] : [])];
  return quotesReply(article, found.quotes, parts.join(' · '));
}

export default command;

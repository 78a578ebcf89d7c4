import {
  ApplicationCommandType,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { UserFacingError } from '../src/errors.js';
import { ARTICLE_INPUT_OPTIONS, PRIVATE_OPTION, articleFromInput, hasInput, readArticleInput } from '../src/discord/article-from-input.js';
import type { CommandModule } from '../src/discord/command-module.js';
import { quotesReply } from '../src/discord/summary-replies.js';

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
  // With nothing to read, the refusal is an immediate private reply: no public "thinking…" first.
  defer: (interaction) => (!hasInput(readArticleInput(interaction)) ? 'none' : interaction.options.getBoolean('private') ? 'ephemeral' : 'public'),
  async execute(interaction, services) {
    const input = readArticleInput(interaction);
    if (!hasInput(input)) throw new UserFacingError('empty_input', 'Give a url, some text or a file to find quotes in.');
    const article = await articleFromInput(input, services);
    const found = await services.quotes.keyQuotes(article, { guildId: interaction.guildId });
    const engine = found.model ? `${found.model} · ${found.prompt}` : 'quote finder';
    const notes = found.notes.length > 0 ? ` · ${found.notes.join(' · ')}` : '';
    await interaction.editReply(quotesReply(article, found.quotes, `${found.quotes.length} verified quotes · ${engine}${notes}`));
  },
};

export default command;

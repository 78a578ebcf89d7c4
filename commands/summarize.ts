import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { UserFacingError } from '../src/errors.js';
import { ARTICLE_INPUT_OPTIONS, PRIVATE_OPTION, articleFromInput, checkArticleInput, checkPastedText, hasInput, readArticleInput } from '../src/discord/article-from-input.js';
import type { CommandModule, ComponentHandler } from '../src/discord/command-module.js';
import { matchLanguages, parseLanguageOption } from '../src/discord/languages.js';
import { PASTE_FIELD_ID, pasteModal } from '../src/discord/paste-modal.js';
import { quotesReply, summaryReply } from '../src/discord/summary-replies.js';
import type { SummaryLength } from '../src/summarize/types.js';

const MODAL_ID = 'summarize-modal';

const data = {
  name: 'summarize',
  description: 'Summarise a news article: a link, pasted text or a file.',
  type: ApplicationCommandType.ChatInput,
  contexts: [0, 1, 2],
  integration_types: [0],
  options: [
    ...ARTICLE_INPUT_OPTIONS,
    {
      type: ApplicationCommandOptionType.String,
      name: 'length',
      description: 'How long the summary is (default: standard)',
      choices: [
        { name: 'brief', value: 'brief' },
        { name: 'standard', value: 'standard' },
        { name: 'detailed', value: 'detailed' },
      ],
    },
    { type: ApplicationCommandOptionType.String, name: 'language', description: "Language of the summary (default: the article's)", autocomplete: true },
    { type: ApplicationCommandOptionType.Boolean, name: 'quotes', description: 'List key quotes (default: true)' },
    PRIVATE_OPTION,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** More detail: the same article at `detailed` length, for whoever clicked, privately. */
const moreDetail: ComponentHandler = {
  prefix: 'more',
  defer: 'ephemeral',
  async execute(interaction, id, services) {
    const state = await services.buttons.load(id);
    if (!state) throw expired();
    const reply = await summaryReply(state.article, { length: 'detailed', language: state.language, quotes: true, guildId: interaction.guildId, ephemeral: true }, services);
    await interaction.editReply(reply);
  },
};

/** Quotes: every verified quote of the summary, for whoever clicked, privately. */
const allQuotes: ComponentHandler = {
  prefix: 'quotes',
  defer: 'ephemeral',
  async execute(interaction, id, services) {
    const state = await services.buttons.load(id);
    if (!state) throw expired();
    await interaction.editReply(quotesReply(state.article, state.quotes, `${state.quotes.length} verified quotes`));
  },
};

/** The modal shown when /summarize is given nothing: paste the text there. */
const modalSubmit: ComponentHandler = {
  prefix: MODAL_ID,
  defer: 'public',
  check(interaction) {
    if (interaction.isModalSubmit()) checkPastedText(interaction.fields.getTextInputValue(PASTE_FIELD_ID));
  },
  async execute(interaction, _argument, services) {
    if (!interaction.isModalSubmit()) return;
    const text = interaction.fields.getTextInputValue(PASTE_FIELD_ID);
    const article = services.articles.fromText(text);
    await interaction.editReply(await summaryReply(article, { length: 'standard', language: null, quotes: true, guildId: interaction.guildId }, services));
  },
};

function expired(): UserFacingError {
  return new UserFacingError('button_expired', 'This button has expired. Run /summarize again.');
}

const command: CommandModule<ChatInputCommandInteraction> = {
  data,
  defer: (interaction) => (!hasInput(readArticleInput(interaction)) ? 'none' : interaction.options.getBoolean('private') ? 'ephemeral' : 'public'),
  check(interaction, services) {
    parseLanguageOption(interaction.options.getString('language'));
    const input = readArticleInput(interaction);
    if (hasInput(input)) checkArticleInput(input, services);
  },
  async execute(interaction, services) {
    const input = readArticleInput(interaction);
    if (!hasInput(input)) {
      await interaction.showModal(pasteModal(MODAL_ID, 'Summarise an article'));
      return;
    }
    const article = await articleFromInput(input, services);
    const isPrivate = interaction.options.getBoolean('private') ?? false;
    const reply = await summaryReply(
      article,
      {
        length: (interaction.options.getString('length') ?? 'standard') as SummaryLength,
        language: parseLanguageOption(interaction.options.getString('language')),
        quotes: interaction.options.getBoolean('quotes') ?? true,
        guildId: interaction.guildId,
        ephemeral: isPrivate,
      },
      services,
    );
    await interaction.editReply(reply);
  },
  async autocomplete(interaction) {
    await interaction.respond(matchLanguages(interaction.options.getFocused()));
  },
  components: [moreDetail, allQuotes, modalSubmit],
};

export default command;

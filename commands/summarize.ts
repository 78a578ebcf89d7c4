import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { defaultsChannelId, withChannelDefaults } from '../src/discord/channel-defaults.js';
import { ARTICLE_INPUT_OPTIONS, PRIVATE_OPTION, articleFromInput, articleInputDefer, checkGivenArticleInput, hasInput, readArticleInput } from '../src/discord/article-from-input.js';
import type { CommandModule, ComponentHandler } from '../src/discord/command-module.js';
import { choiceOption } from '../src/discord/command-options.js';
import { matchLanguages, parseLanguageOption } from '../src/discord/languages.js';
import { checkPastedModal, PASTE_FIELD_ID, pasteModal } from '../src/discord/paste-modal.js';
import type { SummaryLength } from '../src/summarize/index.js';
import { moreDetailButton, quotesButton, summaryReply } from '../src/discord/summary-replies.js';

const MODAL_ID = 'summarize-modal';
/** What /summarize uses where neither the command nor the channel's /settings say otherwise. */
const SUMMARIZE_DEFAULTS = { length: 'standard', language: null, quotes: true } as const;

const LENGTH_OPTION = choiceOption('length', 'How long the summary is (default: standard)', ['brief', 'standard', 'detailed'] satisfies SummaryLength[]);

const data = {
  name: 'summarize',
  description: 'Summarise a news article: a link, pasted text or a file.',
  type: ApplicationCommandType.ChatInput,
  contexts: [0, 1, 2],
  integration_types: [0],
  options: [
    ...ARTICLE_INPUT_OPTIONS,
    LENGTH_OPTION.data,
    { type: ApplicationCommandOptionType.String, name: 'language', description: "Language of the summary (default: the article's)", autocomplete: true },
    { type: ApplicationCommandOptionType.Boolean, name: 'quotes', description: 'List key quotes (default: true)' },
    PRIVATE_OPTION,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The modal shown when /summarize is given nothing: paste the text there. */
const modalSubmit: ComponentHandler = {
  prefix: MODAL_ID,
  defer: 'public',
  check: checkPastedModal,
  async execute(interaction, _argument, services) {
    if (!interaction.isModalSubmit()) return;
    const text = interaction.fields.getTextInputValue(PASTE_FIELD_ID);
    const article = services.articles.fromText(text);
    const options = withChannelDefaults(SUMMARIZE_DEFAULTS, await services.channelDefaults.get(interaction.guildId, defaultsChannelId(interaction.channel, interaction.channelId)));
    await interaction.editReply(await summaryReply(article, { ...options, guildId: interaction.guildId }, services));
  },
};

const command: CommandModule<ChatInputCommandInteraction> = {
  data,
  defer: articleInputDefer,
  check(interaction, services) {
    parseLanguageOption(interaction.options.getString('language'));
    checkGivenArticleInput(interaction, services);
  },
  async execute(interaction, services) {
    const input = readArticleInput(interaction);
    if (!hasInput(input)) {
      await interaction.showModal(pasteModal(MODAL_ID, 'Summarise an article'));
      return;
    }
    const article = await articleFromInput(input, services);
    const isPrivate = interaction.options.getBoolean('private') ?? false;
    // An option given here wins over the channel's /settings, which win over /summarize's own defaults.
    const options = withChannelDefaults(SUMMARIZE_DEFAULTS, await services.channelDefaults.get(interaction.guildId, defaultsChannelId(interaction.channel, interaction.channelId)), {
      length: LENGTH_OPTION.read(interaction),
      language: parseLanguageOption(interaction.options.getString('language')),
      quotes: interaction.options.getBoolean('quotes'),
    });
    const reply = await summaryReply(
      article,
      {
        ...options,
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
  components: [moreDetailButton, quotesButton, modalSubmit],
};

export default command;

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { defaultsChannelId, SUMMARY_LENGTHS } from '../src/discord/channel-defaults.js';
import type { CommandModule } from '../src/discord/command-module.js';
import { choiceOption } from '../src/discord/command-options.js';
import { matchLanguages, parseLanguageOption } from '../src/discord/languages.js';
import { channelDefaultsMessage } from '../src/discord/render/channel-defaults-text.js';
import { requireServerManager } from '../src/discord/require-server-manager.js';

const LENGTH_OPTION = choiceOption('length', 'Default summary length in this channel', SUMMARY_LENGTHS);

const data = {
  name: 'settings',
  description: "This channel's defaults for summaries: language, length, quotes. Alone, shows them.",
  type: ApplicationCommandType.ChatInput,
  contexts: [0],
  integration_types: [0],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    { type: ApplicationCommandOptionType.String, name: 'language', description: 'Default summary language in this channel', autocomplete: true },
    LENGTH_OPTION.data,
    { type: ApplicationCommandOptionType.Boolean, name: 'quotes', description: 'List key quotes by default in this channel' },
    { type: ApplicationCommandOptionType.Boolean, name: 'reset', description: "Clear this channel's defaults (then set any others given)" },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const command: CommandModule<ChatInputCommandInteraction> = {
  data,
  defer: 'ephemeral',
  check(interaction) {
    requireServerManager(interaction, '/settings', "this channel's summary defaults");
    parseLanguageOption(interaction.options.getString('language'));
  },
  async execute(interaction, services) {
    requireServerManager(interaction, '/settings', "this channel's summary defaults");
    // Run inside a thread or a forum post, /settings is its channel's: threads share their channel's defaults.
    const { guildId } = interaction;
    const channelId = defaultsChannelId(interaction.channel, interaction.channelId);
    const language = parseLanguageOption(interaction.options.getString('language'));
    const length = LENGTH_OPTION.read(interaction);
    const quotes = interaction.options.getBoolean('quotes');
    const reset = interaction.options.getBoolean('reset') ?? false;
    const changing = reset || language !== null || length !== null || quotes !== null;
    const defaults = changing
      ? await services.channelDefaults.update(guildId, channelId, { language: language ?? undefined, length: length ?? undefined, quotes: quotes ?? undefined }, { reset })
      : await services.channelDefaults.get(guildId, channelId);
    await interaction.editReply(channelDefaultsMessage(defaults, { channelId, action: reset ? 'reset' : changing ? 'set' : 'show', canTranslate: services.llm !== null }));
  },
  async autocomplete(interaction) {
    await interaction.respond(matchLanguages(interaction.options.getFocused()));
  },
};

export default command;

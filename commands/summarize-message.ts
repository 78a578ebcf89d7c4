import { ApplicationCommandType, type MessageContextMenuCommandInteraction, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import { defaultsChannelId } from '../src/discord/channel-defaults.js';
import type { CommandModule } from '../src/discord/command-module.js';
import { summarizeMessageLinks } from '../src/discord/summarize-links.js';

/** Discord allows no options on a context menu, so it summarises with the defaults (the channel's /settings, else its own). */
const data = {
  name: 'Summarize',
  type: ApplicationCommandType.Message,
  contexts: [0, 1, 2],
  integration_types: [0],
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

const command: CommandModule<MessageContextMenuCommandInteraction> = {
  data,
  defer: 'public',
  async execute(interaction, services) {
    const defaults = await services.channelDefaults.get(interaction.guildId, defaultsChannelId(interaction.channel, interaction.channelId));
    await interaction.editReply(await summarizeMessageLinks(interaction.targetMessage.content, interaction.guildId, services, defaults));
  },
};

export default command;

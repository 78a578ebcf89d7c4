import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { UserFacingError } from '../src/errors.js';
import type { CommandModule } from '../src/discord/command-module.js';
import { missingChannelPermissions } from '../src/discord/channel-permissions.js';
import { forumOf } from '../src/discord/forum-channels.js';
import { requireServerManager } from '../src/discord/require-server-manager.js';
import { NO_MENTIONS } from '../src/discord/render/neutralise-mentions.js';

const data = {
  name: 'autosummary',
  description: 'Reply to news links pasted in this channel with their summaries.',
  type: ApplicationCommandType.ChatInput,
  contexts: [0],
  integration_types: [0],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'on', description: 'Reply to links pasted in this channel' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'off', description: 'Stop replying to links in this channel' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'Whether this channel replies to links' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const command: CommandModule<ChatInputCommandInteraction> = {
  data,
  defer: 'ephemeral',
  async execute(interaction, services) {
    if (!services.config.LINK_REPLIES) {
      throw new UserFacingError('link_replies_off', 'Link replies are switched off for this bot (its host has not set LINK_REPLIES=true), so /autosummary cannot be used.');
    }
    requireServerManager(interaction, '/autosummary', '/autosummary');
    const { guildId } = interaction;
    // Inside a forum post the setting is the forum's, so it holds for every post, later ones too.
    const forumId = forumOf(interaction.channel);
    const channelId = forumId ?? interaction.channelId;
    const where = forumId ? `<#${forumId}> and all its posts` : 'this channel';
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'on') {
      const missing = missingChannelPermissions(interaction.appPermissions, interaction.channel?.isThread() ? 'thread' : 'channel');
      if (missing.length > 0) {
        throw new UserFacingError('missing_permissions', `newsbrief needs ${missing.join(', ')} in ${forumId ? `<#${forumId}>` : 'this channel'} before it can reply to links here.`);
      }
      await services.channels.enable(guildId, channelId);
      await interaction.editReply({ content: `Link replies are **on** in ${where}: pasted news links get a summary.`, allowedMentions: NO_MENTIONS });
    } else if (subcommand === 'off') {
      await services.channels.disable(guildId, channelId);
      await interaction.editReply({ content: `Link replies are **off** in ${where}.`, allowedMentions: NO_MENTIONS });
    } else {
      const on = await services.channels.isEnabled(guildId, channelId);
      await interaction.editReply({ content: `Link replies are **${on ? 'on' : 'off'}** in ${where}.`, allowedMentions: NO_MENTIONS });
    }
  },
};

export default command;

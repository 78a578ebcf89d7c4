import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { parseSlot } from '../src/digest/schedule-slot.js';
import { UserFacingError } from '../src/errors.js';
import type { CommandModule } from '../src/discord/command-module.js';
import { createDigestChannel } from '../src/discord/digest-channel.js';
import { requireServerManager } from '../src/discord/require-server-manager.js';
import { digestHomeChannel, digestTargetChannel } from '../src/discord/digest-target-channel.js';
import { describeFeedFilter, digestOverviewEmbed } from '../src/discord/render/digest-overview.js';
import { requirePingableRole } from '../src/discord/digest-ping-role.js';
import { matchTimeZones } from '../src/discord/time-zones.js';
import { clean } from '../src/discord/render/embed-text.js';
import { fitText } from '../src/discord/render/fit-text.js';
import { NO_MENTIONS } from '../src/discord/render/neutralise-mentions.js';
import { feedChoiceValue, findFeedChoice } from '../src/discord/feed-choices.js';

const { String: text, Channel: channel, Subcommand, Boolean: flag, Role: roleOption } = ApplicationCommandOptionType;
/** Where digests can go; a forum takes a post per digest, and has no place of its own to type a command in. */
const DIGEST_CHANNEL_TYPES: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum];

const data = {
  name: 'digest',
  description: 'A daily digest of your feeds in this channel, at a set time.',
  type: ApplicationCommandType.ChatInput,
  contexts: [0],
  integration_types: [0],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: Subcommand, name: 'add', description: 'Add an RSS, Atom or JSON feed (or a site that advertises one)',
      options: [
        { type: text, name: 'feed', description: 'The feed or site URL', required: true, max_length: 2000 },
        { type: channel, name: 'channel', description: 'Where the digest goes (default: this channel)', channel_types: DIGEST_CHANNEL_TYPES },
      ],
    },
    {
      type: Subcommand, name: 'remove', description: "Remove one of this channel's feeds",
      options: [{ type: text, name: 'feed', description: 'The feed', required: true, autocomplete: true }],
    },
    {
      type: Subcommand, name: 'filter', description: "Choose which of a feed's items the digest considers (no option: show it)",
      options: [
        { type: text, name: 'feed', description: 'The feed', required: true, autocomplete: true },
        { type: text, name: 'include', description: 'Only items with one of these: comma-separated words or phrases, or /regex/', max_length: 500 },
        { type: text, name: 'exclude', description: 'No items with any of these: comma-separated words or phrases, or /regex/', max_length: 500 },
        { type: flag, name: 'clear', description: 'Remove both include and exclude' },
      ],
    },
    { type: Subcommand, name: 'list', description: "This channel's feeds, schedule, last and next run" },
    {
      type: Subcommand, name: 'ping', description: "Mention a role in each digest's header (no role: mention none)",
      options: [{ type: roleOption, name: 'role', description: 'The role to mention (it must be mentionable by the bot)' }],
    },
    {
      type: Subcommand, name: 'schedule', description: 'Post the digest every day at a local time (again to add another time)',
      options: [
        { type: text, name: 'time', description: '24-hour HH:MM, for example 07:30', required: true, max_length: 5 },
        { type: text, name: 'timezone', description: 'IANA time zone, for example Europe/Berlin', required: true, autocomplete: true },
        { type: text, name: 'days', description: 'Every day (default) or Monday to Friday', choices: [{ name: 'daily', value: 'daily' }, { name: 'weekdays', value: 'weekdays' }] },
        { type: channel, name: 'channel', description: 'Whose digest (default: this channel; a forum, from anywhere)', channel_types: DIGEST_CHANNEL_TYPES },
      ],
    },
    {
      type: Subcommand, name: 'unschedule', description: 'Stop posting at a time',
      options: [{ type: text, name: 'time', description: 'The HH:MM to remove', required: true, autocomplete: true }],
    },
    { type: Subcommand, name: 'preview', description: 'See what would be posted now (only you see it; nothing is marked as seen)' },
    {
      type: Subcommand, name: 'now', description: 'Post the digest now; the next scheduled one shows only newer stories',
      options: [{ type: channel, name: 'channel', description: 'Whose digest (default: this channel; a forum, from anywhere)', channel_types: DIGEST_CHANNEL_TYPES }],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const command: CommandModule<ChatInputCommandInteraction> = {
  data,
  // Every answer is private, `now`'s too: the digest it posts is the one public message.
  defer: 'ephemeral',
  async execute(interaction, services) {
    requireServerManager(interaction, '/digest', 'digests');
    const { guildId } = interaction;
    // Inside a forum post, the digest is the forum's.
    const channelId = digestHomeChannel(interaction);
    const { digests } = services;
    const reply = (content: string) => interaction.editReply({ content, allowedMentions: NO_MENTIONS });

    switch (interaction.options.getSubcommand()) {
      case 'add': {
        const target = digestTargetChannel(interaction);
        const found = await digests.addFeed(guildId, target, interaction.options.getString('feed', true));
        const discovered = found.discoveredOn ? ` (found on ${found.discoveredOn})` : '';
        const scheduled = (await digests.overview(target)).slots.length > 0;
        const forum = interaction.guild?.channels.cache.get(target)?.type === ChannelType.GuildForum;
        await reply(
          `Added **${name(found.feed.title)}** <${found.url}>${discovered} to <#${target}>: ${found.feed.items.length} items now. ` +
            'The first digest takes the last 24 hours of it.' +
            (forum ? ' Each digest opens a new post there, titled with its date.' : '') +
            (scheduled ? '' : ` Next: \`/digest schedule time:07:30 timezone:Europe/Berlin${target === interaction.channelId ? '' : ` channel:#${channelName(interaction, target)}`}\`.`),
        );
        return;
      }
      case 'remove': {
        const chosen = interaction.options.getString('feed', true).trim();
        const feed = findFeedChoice(await digests.feeds(channelId), chosen);
        const removed = await digests.removeFeed(channelId, feed?.url ?? chosen);
        await reply(`Removed **${name(removed.title)}** <${removed.url}>.`);
        return;
      }
      case 'filter': {
        const chosen = interaction.options.getString('feed', true).trim();
        const feed = findFeedChoice(await digests.feeds(channelId), chosen);
        const result = await digests.setFilter(channelId, feed?.url ?? chosen, {
          include: interaction.options.getString('include'),
          exclude: interaction.options.getString('exclude'),
          clear: interaction.options.getBoolean('clear') ?? false,
        });
        const filter = result.feed.filter;
        const title = `**${name(result.feed.title)}**`;
        await reply(
          !filter
            ? `${title} has no filter${result.changed ? ' now' : ''}: the digest considers all of its items.` +
                (result.changed ? '' : ' Set one with `include` or `exclude`.')
            : `${title} ${result.changed ? 'now filters' : 'filters'}: ${describeFeedFilter(filter)}. ` +
                'Words and phrases match whole words, in any case, in the title, description and categories; the next digest applies it.',
        );
        return;
      }
      case 'ping': {
        const role = interaction.options.getRole('role');
        if (role) requirePingableRole(role, guildId, interaction.appPermissions);
        await digests.setPing(channelId, role?.id ?? null);
        await reply(
          role
            ? `Each digest here now mentions <@&${role.id}> in its header, and pings no one else. \`/digest ping\` with no role stops it.`
            : 'Digests here mention no role now.',
        );
        return;
      }
      case 'list':
        await interaction.editReply({ embeds: [digestOverviewEmbed(await digests.overview(channelId))], allowedMentions: NO_MENTIONS });
        return;
      case 'schedule': {
        const slot = parseSlot(interaction.options.getString('time', true), interaction.options.getString('timezone', true), interaction.options.getString('days'));
        const target = digestTargetChannel(interaction);
        const { added, next } = await digests.schedule(guildId, target, slot);
        const when = `<t:${Math.floor(next.getTime() / 1000)}:F>`;
        await reply(
          added
            ? `The digest posts ${target === interaction.channelId ? 'here' : `in <#${target}>`} at **${slot.time} ${slot.timezone}** (${slot.days}). Next: ${when}.`
            : `That time is already scheduled. Next: ${when}.`,
        );
        return;
      }
      case 'unschedule': {
        const time = interaction.options.getString('time', true).trim();
        const removed = await digests.unschedule(channelId, time);
        if (removed.length === 0) throw new UserFacingError('unknown_slot', `Nothing is scheduled at ${time} here. \`/digest list\` shows the times.`);
        await reply(`Removed ${removed.map((slot) => `**${slot.time} ${slot.timezone}**`).join(', ')}.`);
        return;
      }
      case 'preview': {
        const [first, ...rest] = await digests.preview(guildId, channelId);
        if (!first) {
          await reply('Nothing new to post: every story in these feeds has been in a digest, or is older than the first 24 hours.');
          return;
        }
        await interaction.editReply({ embeds: first.embeds, allowedMentions: NO_MENTIONS });
        for (const message of rest) await interaction.followUp({ embeds: message.embeds, ephemeral: true, allowedMentions: NO_MENTIONS });
        return;
      }
      case 'now': {
        const target = digestTargetChannel(interaction);
        const result = await digests.postNow(guildId, target, `digest:${target}:now:${interaction.id}`, createDigestChannel(interaction.client));
        await reply(
          result.outcome === 'posted'
            ? `Posted ${result.stories} ${result.stories === 1 ? 'story' : 'stories'} in <#${target}>.`
            : result.outcome === 'locked'
              ? 'A digest is being posted here right now; try again in a minute.'
              : 'Nothing new since the last digest, so nothing was posted.',
        );
        return;
      }
      default:
        throw new UserFacingError('bad_arguments', 'Unknown /digest subcommand.');
    }
  },

  async autocomplete(interaction, services) {
    const focused = interaction.options.getFocused(true);
    const typed = focused.value.toLowerCase();
    if (focused.name === 'timezone') {
      await interaction.respond(matchTimeZones(focused.value));
    } else if (focused.name === 'feed') {
      const feeds = await services.digests.feeds(digestHomeChannel(interaction));
      await interaction.respond(
        feeds
          .filter((feed) => `${feed.title} ${feed.url}`.toLowerCase().includes(typed))
          .slice(0, 25)
          .map((feed) => ({ name: `${feed.title} — ${feed.url}`.slice(0, 100), value: feedChoiceValue(feed) })),
      );
    } else if (focused.name === 'time') {
      const { slots } = await services.digests.overview(digestHomeChannel(interaction));
      await interaction.respond(slots.filter((slot) => slot.time.includes(typed)).slice(0, 25).map((slot) => ({ name: `${slot.time} ${slot.timezone} (${slot.days})`, value: slot.time })));
    } else {
      await interaction.respond([]);
    }
  },
};

/** A channel's name as a user would type it in an option (its id when it is not cached). */
function channelName(interaction: ChatInputCommandInteraction, channelId: string): string {
  return interaction.guild?.channels.cache.get(channelId)?.name ?? channelId;
}

/** A feed's title for a reply line: markdown shown as typed, mentions neutralised. */
function name(title: string): string {
  return fitText(clean(title), 200) || 'Untitled feed';
}

export default command;

import type { Message } from 'discord.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import { defaultsChannelId, withChannelDefaults } from './channel-defaults.js';
import { findArticleLinks } from './find-article-links.js';
import { forumOf } from './forum-channels.js';
import { NO_MENTIONS } from './render/neutralise-mentions.js';
import { renderSummariesMessage } from './render/summary-embed.js';
import { summarizeLinks } from './summarize-links.js';
import type { UserLimits } from './user-limits.js';

const DEFAULTS = { length: 'brief', language: null, quotes: true } as const;

export interface LinkWatcherOptions {
  services: Services;
  userLimits: UserLimits;
  log: Logger;
}

/**
 * Replies to news links that people paste in channels where /autosummary is on. It stays quiet
 * about everything else: cooldowns and limits are silent, and a failure is a log line and at
 * most one ⚠️ reaction, never a message.
 */
export function createLinkWatcher(options: LinkWatcherOptions) {
  return async function onMessage(message: Message): Promise<void> {
    if (message.author.bot || message.webhookId || !message.inGuild()) return;
    const links = findArticleLinks(message.content);
    if (links.length === 0) return;
    // In a forum post the forum's setting counts (/autosummary there is the forum's); the cooldown stays the post's own.
    if (!(await options.services.channels.isEnabled(message.guildId, forumOf(message.channel) ?? message.channelId))) return;
    // The cooldown (CHANNEL_LINK_COOLDOWN_S) lives with the user limits, shared across processes with REDIS_URL.
    if (await options.userLimits.channelCooling(message.channelId)) return;
    if (!(await options.userLimits.take(message.author.id)).allowed) return;
    if (!(await options.userLimits.startChannelCooldown(message.channelId))) return;

    const context = { guildId: message.guildId, channelId: message.channelId, messageId: message.id, links: links.length };
    const request = { ...withChannelDefaults(DEFAULTS, await options.services.channelDefaults.get(message.guildId, defaultsChannelId(message.channel, message.channelId))), guildId: message.guildId };
    const { summaries, failures } = await summarizeLinks(links, request, options.services);
    for (const failure of failures) options.log.info({ ...context, err: failure }, 'link reply: a link failed');
    try {
      if (summaries.length > 0) {
        await message.reply({ ...renderSummariesMessage(summaries), allowedMentions: { ...NO_MENTIONS, repliedUser: false }, failIfNotExists: false });
        options.log.info({ ...context, summarised: summaries.length }, 'link reply sent');
      } else {
        await message.react('⚠️');
      }
    } catch (error) {
      options.log.warn({ ...context, err: error }, 'link reply could not be posted');
    }
  };
}

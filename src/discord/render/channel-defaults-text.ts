import type { ChannelDefaults } from '../channel-defaults.js';
import { languageLabel } from '../languages.js';
import { NO_MENTIONS } from './neutralise-mentions.js';

export interface ChannelDefaultsView {
  channelId: string;
  /** What the command did: nothing (it only shows them), set some, or cleared them first. */
  action: 'show' | 'set' | 'reset';
  /** Without an LLM a language default cannot be honoured: the offline summariser does not translate. */
  canTranslate: boolean;
}

/**
 * `/settings`' private answer: every default in plain words, the surface's own default named for
 * those left unset, and how to change or clear them.
 */
export function channelDefaultsMessage(defaults: ChannelDefaults, view: ChannelDefaultsView) {
  const heading = {
    show: `**Summary defaults in <#${view.channelId}>**`,
    set: `**Saved.** Summary defaults in <#${view.channelId}> are now:`,
    reset: `**Reset.** This channel's defaults were cleared; summaries in <#${view.channelId}> now use:`,
  }[view.action];
  const lines = [
    heading,
    `• Language: ${defaults.language ? languageLabel(defaults.language) : "not set (each article's own language)"}`,
    `• Length: ${defaults.length ?? 'not set (standard for /summarize and the Summarize menu, brief for link replies and digests)'}`,
    `• Key quotes: ${defaults.quotes === undefined ? 'not set (on)' : defaults.quotes ? 'on' : 'off'}`,
    '',
    'They apply to /summarize, the Summarize message menu, link replies and digests posted in this channel; an option given on a command still wins.',
    'Change one with `/settings language:… length:… quotes:…`; clear them all with `/settings reset:true`.',
  ];
  if (defaults.language && !view.canTranslate) {
    lines.push('', '⚠️ This bot has no LLM configured, and the offline summariser cannot translate: summaries stay in the article\'s language until one is.');
  }
  return { content: lines.join('\n'), allowedMentions: NO_MENTIONS };
}

import type { APIEmbed } from 'discord.js';
import { neutraliseMentions } from './neutralise-mentions.js';

/** Helpers both the summary and the digest renderers use to put outside text into embeds. */

/** Only http(s) links become embed or button URLs; anything else (`javascript:`) is dropped. */
export function linkable(candidate: string | null | undefined): string | null {
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? candidate : null;
  } catch {
    return null;
  }
}

/** An embed timestamp, only for a real date Discord accepts. */
export function embedTimestamp(date: Date | null): Pick<APIEmbed, 'timestamp'> {
  if (date === null || Number.isNaN(date.getTime())) return {};
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999 ? { timestamp: date.toISOString() } : {};
}

/** One line of plain text: runs of whitespace, newlines included, become one space. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Outside text for a description or field: one line, mentions neutralised, and markdown shown as
 * typed, so a masked link `[text](url)` cannot hide where it goes. One line means headings, lists
 * and block quotes cannot start (every line begins with "• ", "“", "⚠️ " or "– "), so only inline
 * marks need a backslash. (discord.js's escapeMarkdown takes ~20 ms on 5 kB; this is linear.)
 */
export function clean(text: string): string {
  return neutraliseMentions(flatten(text)).replace(/[\\*_~`|[\]]/g, '\\$&');
}

import type { APIEmbed } from 'discord.js';
import type { Quote } from '../../quotes/index.js';
import { fitLines, fitText } from './fit-text.js';
import { neutraliseMentions } from './neutralise-mentions.js';

/** Helpers both the summary and the digest renderers use to put outside text into embeds. */

const SPEAKER_MAX = 100;

/** The names of the fields both renderers show, so a reader finds quotes and notes under the same heading. */
export const FIELD_QUOTES = 'Key quotes';
export const FIELD_NOTES = 'Notes';

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

/** One line of plain text with mentions neutralised, at most `max` characters: titles, author names, footers. */
export function plainLine(text: string, max: number): string {
  return fitText(neutraliseMentions(flatten(text)), max);
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

/** `“text” — Speaker` (or `— unattributed`), at most `max` characters: a long quote is cut inside its marks, `…”`. */
export function formatQuote(quote: Quote, max: number): string {
  const speaker = fitText(clean(quote.speaker ?? '') || 'unattributed', SPEAKER_MAX);
  const attribution = ` — ${speaker}`;
  const text = clean(quote.text);
  const room = max - attribution.length - 2;
  if (room < 1) return fitText(`“${text}”${attribution}`, max);
  return `“${fitText(text, room)}”${attribution}`;
}

/** Notes as "⚠️ " lines in at most `max` characters; those that do not fit are counted in a last line. */
export function renderNotes(notes: readonly string[], max: number): string {
  return fitLines(notes.map(clean).filter(Boolean).map((note) => `⚠️ ${note}`), max, '\n', {
    overflow: (omitted) => `_${omitted} more ${omitted === 1 ? 'note' : 'notes'}._`,
  }).text;
}

export interface BulletRoom {
  /** Characters for every line, the overflow line included. */
  budget: number;
  /** A bullet longer than this is cut at a sentence or word boundary, so one bullet cannot crowd out the rest. */
  longest: number;
  /** When all do not fit, long bullets share the room, cut no shorter than this (default `longest`: never). */
  shortest?: number;
  /** The last line when bullets are left out. */
  overflow: (omitted: number) => string;
}

/**
 * Cleaned bullets as "• " lines in at most `room.budget` characters. Bullets over `longest` are cut;
 * when all do not fit, the long ones share the room (each cut at a sentence or word boundary, none
 * below `shortest`), and bullets that still do not fit are dropped whole with the overflow line.
 */
export function renderBullets(bullets: readonly string[], room: BulletRoom): string {
  const { budget, longest, shortest = longest } = room;
  if (bullets.length === 0 || budget <= 0) return '';
  const lengthAt = (cap: number) => bullets.reduce((sum, bullet) => sum + 2 + Math.min(bullet.length, cap), 0) + bullets.length - 1;
  let cap = longest;
  if (lengthAt(cap) > budget) {
    let low = shortest;
    let high = longest - 1;
    cap = shortest;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      if (lengthAt(middle) <= budget) {
        cap = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
  }
  const lines = bullets.map((bullet) => `• ${fitText(bullet, cap)}`);
  return fitLines(lines, budget, '\n', { overflow: room.overflow }).text;
}

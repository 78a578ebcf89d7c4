import type { APIEmbed } from 'discord.js';
import type { DigestOverview, FeedOverview } from '../../digest/digest-service.js';
import type { ItemFilter } from '../../digest/item-filter.js';
import { describeFilterRule } from '../../digest/parse-item-filter.js';
import type { LastRun } from '../../digest/subscriptions.js';
import { EMBED_DESCRIPTION_MAX } from './discord-limits.js';
import { clean } from './embed-text.js';
import { fitLines, fitText } from './fit-text.js';

const FEED_LINE_MAX = 300;
/** A feed's filter line under it: each rule shown as typed, cut here when long. */
const FILTER_LINE_MAX = 300;
/** The feeds part of the list leaves room for the schedule and the last run below it. */
const FEEDS_MAX = 3000;

/**
 * `/digest list`: feeds with their health, each slot with its next run written in the slot's own
 * zone (Discord's <t:…> tags would show the reader's zone) plus a relative time, and the last run.
 */
export function digestOverviewEmbed(overview: DigestOverview): APIEmbed {
  const heldBack = overview.lastRun?.filtered ?? {};
  const feeds = fitLines(overview.feeds.map((feed) => feedLine(feed, heldBack[feed.feed.url] ?? 0)), FEEDS_MAX, '\n', {
    overflow: (omitted) => `_${omitted} more ${omitted === 1 ? 'feed' : 'feeds'}._`,
  }).text;
  const slots = overview.slots.map((slot) =>
    `• **${slot.time}** ${slot.timezone}, ${slot.days} — next ${localTime(slot.next, slot.timezone)} (<t:${unix(slot.next)}:R>)`,
  );
  const sections = [
    `**Feeds** (${overview.feeds.length})\n${feeds || '_None yet: `/digest add feed:<url>`._'}`,
    `**Schedule**\n${slots.join('\n') || '_Not scheduled: `/digest schedule time:07:30 timezone:Europe/Berlin`._'}`,
    ...(overview.pingRoleId ? [`**Ping**\n<@&${overview.pingRoleId}> is mentioned in each digest's header.`] : []),
    `**Last run**\n${overview.lastRun ? lastRunLine(overview.lastRun, overview.slots[0]?.timezone ?? 'UTC') : '_None yet._'}`,
  ];
  return { title: 'Digest for this channel', description: fitText(sections.join('\n\n'), EMBED_DESCRIPTION_MAX) };
}

function feedLine({ feed, state }: FeedOverview, heldBack: number): string {
  const title = clean(feed.title) || 'Untitled feed';
  const { health } = state;
  const status = health.consecutiveFailures === 0
    ? '✅'
    : `⚠️ failing since ${health.failingSince ? `<t:${unix(new Date(health.failingSince))}:R>` : 'recently'} (${health.consecutiveFailures}×: ${clean(health.lastError ?? 'unknown error')})`;
  const line = fitText(`• ${status} **${title}** <${feed.url}>`, FEED_LINE_MAX);
  return feed.filter ? `${line}\n${filterLine(feed.filter, heldBack)}` : line;
}

/** "  ↳ include: budget, city council · exclude: /sport|football/i — 4 held back in the last run". */
function filterLine(filter: ItemFilter, heldBack: number): string {
  const count = heldBack > 0 ? ` — ${heldBack} held back in the last run` : '';
  return `　↳ ${fitText(describeFeedFilter(filter), FILTER_LINE_MAX - count.length - 4)}${count}`;
}

/** A feed's filter in a line, each rule as typed (markdown shown as typed, mentions neutralised): "include: budget · exclude: sport". */
export function describeFeedFilter(filter: ItemFilter): string {
  const rules = [
    ...(filter.include ? [`include: ${clean(describeFilterRule(filter.include))}`] : []),
    ...(filter.exclude ? [`exclude: ${clean(describeFilterRule(filter.exclude))}`] : []),
  ];
  return rules.join(' · ') || 'none';
}

function lastRunLine(run: LastRun, timezone: string): string {
  const filtered = Object.values(run.filtered ?? {}).reduce((sum, count) => sum + count, 0);
  const line = runOutcomeLine(run, timezone);
  return filtered > 0 ? `${line} Filters held back ${filtered} ${filtered === 1 ? 'item' : 'items'}.` : line;
}

function runOutcomeLine(run: LastRun, timezone: string): string {
  const when = localTime(new Date(run.at), timezone);
  switch (run.outcome) {
    case 'posted':
      return `${when}: posted ${run.stories} ${run.stories === 1 ? 'story' : 'stories'}.`;
    case 'empty':
      return `${when}: nothing new, nothing posted.`;
    case 'skipped':
      return `${when}: skipped${run.detail ? ` (${run.detail})` : ''}.`;
    case 'failed':
      return `${when}: failed${run.detail ? ` (${clean(run.detail)})` : ''}.`;
  }
}

/** "Wed 26 Nov 07:30 Europe/Berlin". */
function localTime(instant: Date, timezone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(instant);
  return `${text.replace(',', '')} ${timezone}`;
}

function unix(instant: Date): number {
  return Math.floor(instant.getTime() / 1000);
}

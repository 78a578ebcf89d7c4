import type { Logger } from '../log.js';
import { clean } from '../discord/render/embed-text.js';
import type { FeedPoll } from './poll-feed.js';
import type { DigestChannel } from './post-run.js';
import type { FeedSubscription } from './subscriptions.js';

/**
 * Posts the one failure notice and the one recovery notice that a feed's health step asks for.
 * A notice that cannot be posted is logged: the health record already says it was sent, so a
 * channel that refuses messages is not retried every poll.
 */
export async function announceHealth(
  channel: DigestChannel,
  channelId: string,
  polls: ReadonlyArray<{ feed: FeedSubscription; poll: FeedPoll }>,
  log: Logger,
): Promise<void> {
  for (const { feed, poll } of polls) {
    const text = poll.noticeDue ? failureNotice(feed, poll) : poll.recovered ? recoveryNotice(feed) : null;
    if (!text) continue;
    try {
      await channel.notice(channelId, text);
    } catch (error) {
      log.warn({ err: error, channelId, feed: feed.url }, 'could not post a feed health notice');
    }
  }
}

function failureNotice(feed: FeedSubscription, poll: FeedPoll): string {
  const since = poll.state.health.failingSince ? `<t:${Math.floor(Date.parse(poll.state.health.failingSince) / 1000)}:f>` : 'recently';
  const error = poll.state.health.lastError ?? 'unknown error';
  return `⚠️ Feed ${name(feed)} has failed since ${since}, last error: ${clean(error)}. It is retried less often until it works; \`/digest remove\` drops it.`;
}

function recoveryNotice(feed: FeedSubscription): string {
  return `✅ Feed ${name(feed)} works again.`;
}

/** "**Title** (<url>)": the angle brackets stop Discord from unfurling the feed. */
function name(feed: FeedSubscription): string {
  const title = clean(feed.title) || 'untitled';
  return `**${title}** (<${feed.url}>)`;
}

import type { Logger } from '../log.js';
import type { DigestRenderer, FeedNotice } from './digest.js';
import type { FeedPoll } from './poll-feed.js';
import type { DigestChannel } from './post-run.js';
import type { FeedSubscription } from './subscriptions.js';

/**
 * Posts the one failure notice and the one recovery notice that a feed's health step asks for.
 * A notice that cannot be posted is logged: the health record already says it was sent, so a
 * channel that refuses messages is not retried every poll.
 */
export async function announceHealth<Part>(
  channel: DigestChannel<Part>,
  renderer: Pick<DigestRenderer<Part>, 'notice'>,
  channelId: string,
  polls: ReadonlyArray<{ feed: FeedSubscription; poll: FeedPoll }>,
  log: Logger,
): Promise<void> {
  for (const { feed, poll } of polls) {
    const notice = feedNotice(feed, poll);
    if (!notice) continue;
    try {
      await channel.notice(channelId, renderer.notice(notice));
    } catch (error) {
      log.warn({ err: error, channelId, feed: feed.url }, 'could not post a feed health notice');
    }
  }
}

/** What the channel is told about a feed after a poll, if anything. */
function feedNotice(feed: FeedSubscription, poll: FeedPoll): FeedNotice | null {
  const { title, url } = feed;
  if (poll.noticeDue) {
    const { failingSince, lastError } = poll.state.health;
    return { kind: 'failing', feed: { title, url }, failingSince, lastError };
  }
  return poll.recovered ? { kind: 'recovered', feed: { title, url } } : null;
}

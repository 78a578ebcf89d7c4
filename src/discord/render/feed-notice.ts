import type { FeedNotice } from '../../digest/digest.js';
import { clean } from './embed-text.js';

/** A feed notice as the channel reads it: "⚠️ Feed **Title** (<url>) has failed since …" or "✅ Feed … works again." */
export function feedNoticeText(notice: FeedNotice): string {
  if (notice.kind === 'recovered') return `✅ Feed ${feedName(notice.feed)} works again.`;
  const since = notice.failingSince ? `<t:${Math.floor(Date.parse(notice.failingSince) / 1000)}:f>` : 'recently';
  const error = notice.lastError ?? 'unknown error';
  return `⚠️ Feed ${feedName(notice.feed)} has failed since ${since}, last error: ${clean(error)}. It is retried less often until it works; \`/digest remove\` drops it.`;
}

/** "**Title** (<url>)": the angle brackets stop Discord from unfurling the feed. */
function feedName(feed: { title: string; url: string }): string {
  const title = clean(feed.title) || 'untitled';
  return `**${title}** (<${feed.url}>)`;
}

/** One entry of an RSS or Atom feed, as feed parsing produces it. */
export interface FeedItem {
  /** The feed's own URL: GUIDs are only unique within one feed. */
  feedUrl: string;
  /** The feed's title, shown as the story's source. */
  feedTitle: string;
  /** `<guid>` or Atom `<id>`; null when the feed has none. */
  guid: string | null;
  link: string | null;
  title: string;
  /** `<pubDate>` or `<updated>`; null when the feed has none or it does not parse. */
  publishedAt: Date | null;
  /** The item's summary as plain text (RSS `<description>`, Atom `<summary>`, JSON Feed `summary`), cut short; absent when it has none. Read by feed filters. */
  description?: string;
  /** RSS `<category>`, Atom `<category>`, JSON Feed `tags`; absent when it has none. Read by feed filters. */
  categories?: string[];
}

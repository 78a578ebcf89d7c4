/** Links that are media, archives or platforms, never news articles. */
const NOT_ARTICLE_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|avif|bmp|svg|ico|heic|mp4|m4v|mov|webm|mkv|avi|mp3|m4a|wav|ogg|flac|aac|zip|rar|7z|tar|gz|tgz|bz2|xz|exe|dmg|apk|iso)$/i;
const NOT_ARTICLE_HOSTS = [
  'youtube.com', 'youtu.be', 'tenor.com', 'giphy.com', 'imgur.com', 'twitch.tv', 'spotify.com',
  'discord.com', 'discord.gg', 'discordapp.com', 'discordapp.net',
];
const URL_PATTERN = /<?https?:\/\/[^\s<>]+>?/gi;

/**
 * Article links in a message, in order, without repeats, at most `limit`. Links wrapped in <…>
 * (Discord's "no preview" syntax) are left alone: the author asked for them to stay quiet. Someone
 * who picks "Summarize" on the message asks for them, though: `includeSuppressed` keeps them.
 */
export function findArticleLinks(content: string, limit = 3, options: { includeSuppressed?: boolean } = {}): string[] {
  const links: string[] = [];
  for (const match of content.matchAll(URL_PATTERN)) {
    const raw = match[0];
    const suppressed = raw.startsWith('<') && raw.endsWith('>');
    if (suppressed && !options.includeSuppressed) continue;
    const link = (suppressed ? raw.slice(1, -1) : raw).replace(/^</, '').replace(/[)\].,;:!?'"]+$/, '');
    if (!isArticleLink(link) || links.includes(link)) continue;
    links.push(link);
    if (links.length === limit) break;
  }
  return links;
}

/** The message without its links: what is left to read when none of them is an article. */
export function withoutLinks(content: string): string {
  return content.replace(URL_PATTERN, ' ').trim();
}

function isArticleLink(link: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (NOT_ARTICLE_HOSTS.some((blocked) => host === blocked || host.endsWith(`.${blocked}`))) return false;
  return !NOT_ARTICLE_EXTENSIONS.test(url.pathname);
}

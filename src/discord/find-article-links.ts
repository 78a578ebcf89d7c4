/** Links that are media, archives or platforms, never news articles. */
const NOT_ARTICLE_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|avif|bmp|svg|ico|heic|mp4|m4v|mov|webm|mkv|avi|mp3|m4a|wav|ogg|flac|aac|zip|rar|7z|tar|gz|tgz|bz2|xz|exe|dmg|apk|iso)$/i;
const NOT_ARTICLE_HOSTS = [
  'youtube.com', 'youtu.be', 'tenor.com', 'giphy.com', 'imgur.com', 'twitch.tv', 'spotify.com',
  'discord.com', 'discord.gg', 'discordapp.com', 'discordapp.net',
];
const URL_PATTERN = /<?https?:\/\/[^\s<>]+>?/gi;

/**
 * Article links in a message, in order, without repeats, at most `limit`. Links wrapped in <…>
 * (Discord's "no preview" syntax) are left alone: the author asked for them to stay quiet.
 */
export function findArticleLinks(content: string, limit = 3): string[] {
  const links: string[] = [];
  for (const match of content.matchAll(URL_PATTERN)) {
    const raw = match[0];
    if (raw.startsWith('<') && raw.endsWith('>')) continue;
    const link = raw.replace(/^</, '').replace(/[)\].,;:!?'"]+$/, '');
    if (!isArticleLink(link) || links.includes(link)) continue;
    links.push(link);
    if (links.length === limit) break;
  }
  return links;
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

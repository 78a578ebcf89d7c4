/**
 * Boilerplate that survives extraction on real pages. Every rule here is general: it describes
 * a kind of noise (share bars, captions, "Read more" prompts), never a string from one site.
 */

const SHARE_PHRASES = /\b(?:spread the love|sharing is caring|share (?:this|the) (?:article|story|post|page)|share (?:on|via)|copy (?:the )?link|\d+\s+(?:shares|comments))\b/gi;
const SHARE_TOKENS = new Set([
  'share', 'shares', 'tweet', 'email', 'e', 'mail', 'print', 'facebook', 'twitter', 'x', 'whatsapp', 'telegram', 'linkedin',
  'pinterest', 'reddit', 'messenger', 'flipboard', 'pocket', 'copy', 'link', 'save', 'comment', 'comments', 'this',
]);
/** A caption credit inside or at the end of a line: "(File Photo)", "(Photo: AFP)", "Photo: Jane Doe/Reuters". */
const PHOTO_PARENTHETICAL =
  /\s*[([](?:(?:file|representational|representative|stock|archive|handout)\s+(?:photo|image|picture|pic)|(?:photo|image|picture|pic|photograph|credit|source)s?(?:\s+credit)?\s*(?::|by|courtesy|via)[^)\]]*|(?:photo|image)\s*(?:courtesy|credit)[^)\]]*|(?:ap|afp|reuters|getty images|epa|pti|ani|ians)\s+(?:photo|image|file photo)[^)\]]*)[)\]]/gi;
const CAPTION_LINE =
  /^(?:(?:photo|image|picture|pictured|caption|credit|photograph|file photo|video)\s*(?::|by\b|courtesy\b)|\(?(?:photo|image)\s+(?:courtesy|credit)\b)|(?:\/\s*(?:ap|afp|reuters|getty images|epa|bloomberg|shutterstock)|getty images|shutterstock)\.?\s*\)?$/i;
const PROMPT_LINE =
  /^(?:read (?:more|also|next|the full story)|also read|more (?:from|on|about)\b|related(?: (?:articles?|stories|news|coverage))?|see also|recommended|you (?:may|might) (?:also )?like|click here|tap here|follow us|join us on|download (?:our|the) app|listen to (?:this|the) (?:article|story)|advertisement|sponsored|continue reading)\b/i;
/** A call to action about a newsletter: it addresses the reader ("Sign up…", "Get our…") rather than reporting. */
const NEWSLETTER_PROMPT =
  /^(?:sign up|subscribe|get (?:our|the)|join|enter your e-?mail|never miss|don['’]t miss|stay (?:informed|up to date)|want (?:more|the latest))\b.*\b(?:newsletters?|inbox|e-?mails?|updates|briefing)\b|\b(?:sign up for|subscribe to) (?:our|the) [\w\s]*newsletter/i;

const MAX_NOISE_WORDS = 30;
const MIN_REPEATED_WORDS = 3;

export interface CleanOptions {
  title: string | null;
}

export function cleanParagraphs(paragraphs: readonly string[], options: CleanOptions): string[] {
  const title = options.title ? comparable(options.title) : null;
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of paragraphs) {
    const paragraph = stripPhotoCredits(raw.replace(/\s+/g, ' ').trim());
    if (!paragraph) continue;
    const key = comparable(paragraph);
    if (!key) continue;
    // Table cells ("%", "Chevrolet") repeat by design; only lines of a few words are page furniture when repeated.
    if (wordCount(paragraph) >= MIN_REPEATED_WORDS) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (title && isRepeatedHeadline(key, title)) continue;
    if (isNoise(paragraph)) continue;
    kept.push(paragraph);
  }
  return kept;
}

function stripPhotoCredits(paragraph: string): string {
  return paragraph.replace(PHOTO_PARENTHETICAL, '').trim();
}

/** Case, punctuation and spacing differ between a headline and its copies; the words do not. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function isRepeatedHeadline(key: string, title: string): boolean {
  // A headline often comes back with a site name or a caption glued to it.
  return key === title || (key.startsWith(title) && key.length - title.length <= 40 && wordCount(key) <= 30);
}

function isNoise(paragraph: string): boolean {
  const words = wordCount(paragraph);
  if (words > MAX_NOISE_WORDS) return false;
  if (isShareWidget(paragraph)) return true;
  if (CAPTION_LINE.test(paragraph)) return true;
  if (PROMPT_LINE.test(paragraph)) return true;
  return NEWSLETTER_PROMPT.test(paragraph) && !/[“”"]/.test(paragraph);
}

/** "Spread the love", "Share: Facebook | Twitter | Email": a row of share targets and nothing else. */
function isShareWidget(paragraph: string): boolean {
  const rest = paragraph.replace(SHARE_PHRASES, ' ');
  const tokens = rest.toLowerCase().match(/\p{L}+/gu) ?? [];
  const hadPhrase = rest !== paragraph;
  return (hadPhrase || tokens.length > 0) && tokens.every((token) => SHARE_TOKENS.has(token)) && (hadPhrase || tokens.some((t) => t !== 'this'));
}

export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

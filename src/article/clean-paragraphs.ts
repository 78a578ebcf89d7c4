import { countWords } from '../text/index.js';
import { furnitureContext, isAuthorBio, isFurnitureLine, type FurnitureContext } from './page-furniture.js';
import { stripDateline } from './strip-dateline.js';

/**
 * Boilerplate that survives extraction on real pages. Every rule here is general: it describes
 * a kind of noise (share bars, captions, "Read more" prompts, bylines and time stamps), never a
 * string from one site.
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
  /^(?:©|(?:image|photo|picture|video)s?\s+(?:copyright|©)|copyright\s*(?:©|@|\(c\)|\d{4}))|\ball rights reserved\.?$|\b(?:photos?|images?|pictures?)\s*©[^.]*$|^(?:(?:photo|image|picture|pictured|caption|credit|photograph|file photo|video)\s*(?::|by\b|courtesy\b)|\(?(?:photo|image)\s+(?:courtesy|credit)\b)|(?:\/\s*(?:ap|afp|reuters|getty images|epa|bloomberg|shutterstock)|getty images|shutterstock)\.?\s*\)?$/i;
const PROMPT_LINE =
  /^[[(]?\s*(?:(?:read (?:more|also|next|the full story)|also read|more (?:from|on|about)\b|related(?: (?:articles?|stories|news|coverage|posts?|content))?|see (?:also|more)|recommended|you (?:may|might) (?:also )?like|click here|tap here|follow us|join us on|download (?:our|the) app|listen to (?:this|the) (?:article|story)|advertisement|sponsored|continue reading|like this (?:story|article|post)|leggi anche|leia também|veja também|lee también|lea también|lire aussi|à lire aussi|lesen sie auch|siehe auch|mehr zum thema|baca juga|more (?:articles|stories|posts|news) (?:from|by|on|about)|also on [\w-]+(?:\.[\w-]+)+)\b|(?:also|more|related|see more|don['’]t miss|читайте также)\s*:)/iu;
/** A line that is one control or label of the page and nothing else. */
const WIDGET_LINE =
  /^(?:advert(?:isement)?|ads?|anzeige|publicidad|publicidade|pubblicità|publicité|iklan|реклама|sponsored(?: content)?|paid (?:content|post)|partner content|\d* ?comments?|close|caption|more|highlights|trending(?: now)?|(?:most )?popular(?: now| this week| today)?|latest(?: news| stories)?|recent (?:articles|posts|stories)|sign in|log ?in|sign up|subscribe(?: now| today)?|print(?: this)?(?: article| page| story)?|text size|order reprints|reprints|enlarge (?:this )?image|view (?:the )?author(?:['’]s)? archive|email the author|follow on (?:twitter|facebook|instagram|x)|skip to (?:the )?(?:main )?content|loading(?: content)?|(?:image|photo|slide) \d+(?:\s*(?:of|\/)?\s*\/?\s*\d+)?|don['’]t miss|this (?:slideshow|video|content|page|feature|site|website|gallery) requires javascript|(?:please )?enable javascript(?: to [^.]*)?|media playback is (?:unsupported|not supported) on your device|about the authors?|learn more|tell us what you think|more(?: [\p{L}\d'’]+){0,3} (?:stories|news|articles|posts|videos|reads)|(?:via|source|fonte|fuente|quelle)\s*:?\s*(?:www\.)?[\w-]+(?:\.[\w-]+)+|\S+@\S+\.\p{L}{2,})\s*[.:!…]*$/iu;
/** A call to action or a disclosure anywhere in a short line: "Click here for more information", "Follow us on Twitter". */
const CALL_TO_ACTION =
  /\b(?:click|tap) here\b|\bfollow (?:us|me)\b|\bfollow @\w+|^follow\b.*(?:\bon (?:twitter|facebook|instagram|youtube|linkedin|tiktok|x)\b|https?:\/\/|www\.)|\bshare (?:it|this)(?: (?:story|article))? with (?:a |your )?friends?\b|\buses cookies\b|\bmay earn (?:an? )?(?:small )?(?:affiliate )?commission\b|\bcontains? affiliate\b|\baffiliate (?:and\/or referral )?links?\b|\bsubscribe to (?:the |our )?[\p{L}\d'’ ]{0,40}\b(?:channel|podcast|newsletter)\b|^subscribe to\b|\[(\w+)\b[^\]]*\].*\[\/\1\]|^(?:write to|e-?mail|contact|reach)\b.{0,60}\S+@\S+\.\p{L}{2,}\.?$/iu;
/** A cheap first look: CALL_TO_ACTION is tried only on lines with one of its words. */
const CALL_TO_ACTION_HINT = /here|follow|share|cookie|commission|affiliate|subscribe|\[|@/i;
/** "Tags: budget, council", "Filed under: Politics |": the page's own index terms. */
const TAG_LINE =
  /^(?:tags?|tagged(?: with| in)?|filed under|topics?|categor(?:y|ies|ia)|etiquetas|schlagwörter|themen)(?:\s*:|\s+(?=[^.]*,[^.]*,[^.]*$))/iu;
/** A call to action about a newsletter: it addresses the reader ("Sign up…", "Get our…") rather than reporting. */
const NEWSLETTER_PROMPT =
  /^(?:sign up|subscribe|get|join|enter your e-?mail|never miss|don['’]t miss|stay (?:informed|up to date)|want (?:more|the latest))\b.*\b(?:newsletters?|inbox|e-?mails?|updates|briefing|alerts)\b|\b(?:meet|to|into|straight to|delivered to) your inbox\b|\b(?:sign up for|subscribe to) (?:our|the) [\w\s]*newsletter/i;

const MAX_NOISE_WORDS = 30;
/** A tag list can run longer than other furniture. */
const MAX_TAG_WORDS = 80;
/** A caption is short; a long paragraph that ends in a photo credit is the story with the credit stripped. */
const MAX_CAPTION_WORDS = 40;
const MIN_REPEATED_WORDS = 3;

export interface CleanOptions {
  title: string | null;
  /** Readability's byline: recognises the author's line and bio, which then live in metadata only. */
  byline?: string | null;
  siteName?: string | null;
  /** The page's own address, which print headers repeat as a line of text. */
  pageUrl?: string | null;
}

/** Author bios sit at the end: only the last paragraphs are searched for one. */
const BIO_TAIL_PARAGRAPHS = 6;

/** A dateline opens the lead, which a standfirst may precede. */
const DATELINE_PARAGRAPHS = 2;

export function cleanParagraphs(paragraphs: readonly string[], options: CleanOptions): string[] {
  const title = options.title ? comparable(options.title) : null;
  const furniture = furnitureContext(options);
  const ownUrl = options.pageUrl ? comparableUrl(options.pageUrl) : null;
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of paragraphs) {
    const spaced = raw.replace(/\s+/g, ' ').trim();
    const paragraph = stripPhotoCredits(spaced);
    if (!paragraph) continue;
    // A short line that ended in a photo credit is the photo's caption: "Protesters in the square (Image: Getty)".
    const words = countWords(paragraph);
    if (paragraph !== spaced && words <= MAX_CAPTION_WORDS && endsWithPhotoCredit(spaced)) continue;
    if (ownUrl !== null && !paragraph.includes(' ') && comparableUrl(paragraph) === ownUrl) continue;
    const key = comparable(paragraph);
    if (!key) continue;
    // Table cells ("%", "Chevrolet") repeat by design; only lines of a few words are page furniture when repeated.
    if (words >= MIN_REPEATED_WORDS) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (title && isRepeatedHeadline(key, title)) continue;
    if (isNoise(paragraph, words, furniture)) continue;
    kept.push(paragraph);
  }
  return dropAuthorBios(kept, furniture).map((paragraph, index) => (index < DATELINE_PARAGRAPHS ? stripDateline(paragraph) : paragraph));
}

/** "Jane Roe is a reporter for the Planet." Among the last paragraphs, a short bio of the byline's author. */
function dropAuthorBios(paragraphs: string[], furniture: FurnitureContext): string[] {
  if (furniture.authors.length === 0) return paragraphs;
  const tailStart = Math.max(1, paragraphs.length - BIO_TAIL_PARAGRAPHS);
  return paragraphs.filter((paragraph, index) => index < tailStart || !isAuthorBio(paragraph, furniture));
}

function comparableUrl(text: string): string {
  return text.trim().toLowerCase().replace(/^https?:\/\/(?:www\.)?/, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
}

function endsWithPhotoCredit(paragraph: string): boolean {
  let end = -1;
  for (const match of paragraph.matchAll(PHOTO_PARENTHETICAL)) end = (match.index ?? 0) + match[0].length;
  return end >= 0 && /^[\s.]*$/.test(paragraph.slice(end));
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
  return key === title || (key.startsWith(title) && key.length - title.length <= 40 && countWords(key) <= 30);
}

function isNoise(paragraph: string, words: number, furniture: FurnitureContext): boolean {
  if (words > MAX_NOISE_WORDS) return TAG_LINE.test(paragraph) && words <= MAX_TAG_WORDS;
  if (isShareWidget(paragraph)) return true;
  if (CAPTION_LINE.test(paragraph)) return true;
  if (PROMPT_LINE.test(paragraph) || WIDGET_LINE.test(paragraph) || TAG_LINE.test(paragraph)) return true;
  if (CALL_TO_ACTION_HINT.test(paragraph) && CALL_TO_ACTION.test(paragraph) && !/[“”"]/.test(paragraph)) return true;
  if (isFurnitureLine(paragraph, furniture)) return true;
  return NEWSLETTER_PROMPT.test(paragraph) && !/[“”"]/.test(paragraph);
}

/** "Spread the love", "Share: Facebook | Twitter | Email": a row of share targets and nothing else. */
function isShareWidget(paragraph: string): boolean {
  const rest = paragraph.replace(SHARE_PHRASES, ' ');
  const tokens = rest.toLowerCase().match(/\p{L}+/gu) ?? [];
  const hadPhrase = rest !== paragraph;
  return (hadPhrase || tokens.length > 0) && tokens.every((token) => SHARE_TOKENS.has(token)) && (hadPhrase || tokens.some((t) => t !== 'this'));
}

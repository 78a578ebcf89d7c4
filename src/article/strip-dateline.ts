/**
 * The dateline that opens a wire story ("WASHINGTON (AP) — ", "KYIV, Ukraine, March 3 (Reuters) - ",
 * "(CNN) -- ") names where it was filed, not what happened: left in, it opens the first bullet.
 * Only the lead paragraph's opening is read, and a place must be written in capitals or followed by
 * a news agency, so an ordinary sentence that starts with a name and a dash is left alone.
 */
const AGENCY = String.raw`\((?:AP|Reuters|AFP|CNN|UPI|dpa|DPA|Bloomberg|PA|ANI|IANS|Xinhua|EFE|ANSA|Kyodo|Yonhap|TASS|Interfax|BBC|NYT|WSJ|CBS|NBC|ABC|Fox News|CNBC|The Conversation)\)`;
const CAPS_PLACE = String.raw`[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+){0,3}`;
const ANY_PLACE = String.raw`[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3}`;
const REGION = String.raw`(?:,\s*[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,2})?`;
const DATE = String.raw`(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?`;
const DASH = String.raw`\s*(?:[—–]|--?)\s+`;
const DATELINE = new RegExp(
  String.raw`^(?:${CAPS_PLACE}${REGION}${DATE}(?:\s*${AGENCY})?|${ANY_PLACE}${REGION}${DATE}\s*${AGENCY}|${AGENCY})${DASH}(?=[\p{Lu}"“‘'])`,
  'u',
);
/** A lead paragraph is a sentence or more; a short line that looks like this is something else. */
const MIN_LEAD_WORDS = 12;
/** Datelines are short: a longer match is a sentence that happens to fit the pattern. */
const MAX_DATELINE_CHARS = 80;

export function stripDateline(paragraph: string): string {
  if (paragraph.split(/\s+/).length < MIN_LEAD_WORDS) return paragraph;
  const match = DATELINE.exec(paragraph.slice(0, MAX_DATELINE_CHARS + 4));
  if (!match || match[0].length > MAX_DATELINE_CHARS) return paragraph;
  return paragraph.slice(match[0].length);
}

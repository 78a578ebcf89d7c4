/**
 * Page furniture: the short lines around a story that are about the page rather than the news —
 * the byline, the author's name on its own, datelines and time stamps, reading times and the
 * author's bio. Every rule is general: it describes a kind of line, never a string from one site.
 * A line counts as furniture only when every word in it is accounted for (a date part, a label
 * such as "Updated", a name from the byline, the site's name); a sentence that merely contains a
 * date ("On Tuesday, March 3, the council voted…") always has words left over, so it stays.
 */

/** What the page says about itself, used to recognise the author line and the site's name. */
export interface FurnitureHints {
  /** Readability's byline ("By Jane Roe", "Jane Roe and John Doe, Reuters"). */
  byline?: string | null;
  siteName?: string | null;
  /** The page's address: a site's name in a dateline ("/ CBS News") is usually its host name. */
  pageUrl?: string | null;
}

/** Derived once per article from FurnitureHints. */
export interface FurnitureContext {
  /** Lower-case words of the byline and the site's name. */
  ownWords: Set<string>;
  /** The host name without dots ("wwwcbsnewscom"), or "" when unknown. */
  host: string;
  /** The byline's people as lower-case words: ["jane", "roe"], ["jane"], ["troy", "l", "smith"]. */
  authors: string[][];
}

/** The longest line that can be furniture; real datelines and bylines are far shorter. */
const MAX_FURNITURE_TOKENS = 30;
const MAX_BYLINE_NAMES = 12;
/** A person's name in a byline: "Troy L. Smith", "Juan Pablo de la Cruz" is too long to be sure of. */
const MAX_NAME_WORDS = 4;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Where pages glue a date to a word: "2019Updated", "4:20am", "FoustMonday". */
const GLUED = /(?<=\d)(?=\p{L})|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\d)/gu;
/** An author bio is a short paragraph; a long one that starts with the author's name is the story. */
const MAX_BIO_WORDS = 80;

const MONTHS = new Set(
  [
    // English
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    // Spanish, Portuguese, Italian, French, German, Dutch
    'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre',
    'ene', 'abr', 'ago', 'dic',
    'janeiro', 'fevereiro', 'março', 'maio', 'junho', 'julho', 'setembro', 'outubro', 'novembro', 'dezembro', 'fev', 'mai', 'set', 'out', 'dez',
    'gennaio', 'febbraio', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre', 'dicembre', 'gen', 'mag', 'giu', 'lug', 'ott',
    'janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'janv', 'févr', 'avr', 'juil', 'déc',
    'januar', 'jänner', 'februar', 'märz', 'juni', 'juli', 'oktober', 'dezember', 'jän', 'mär', 'okt',
    'januari', 'februari', 'maart', 'mei', 'augustus',
    // Russian (genitive, as in dates)
    'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
  ],
);
const WEEKDAYS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
  'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'feira',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
]);
/** Words that label a time stamp: "Updated", "Published:", "Posted on", "Last modified". */
const STAMP_LABELS = new Set([
  'published', 'updated', 'posted', 'modified', 'created', 'last', 'first', 'original', 'originally', 'date', 'dated', 'time', 'edited',
  'publicado', 'actualizado', 'atualizado', 'atualizada', 'em', 'publié', 'mis', 'jour', 'pubblicato', 'aggiornato', 'veröffentlicht',
  'aktualisiert', 'stand', 'gepubliceerd', 'bijgewerkt', 'опубликовано', 'обновлено',
]);
/** Glue between date parts: "22 de janeiro de 2018 às 0:13", "on Monday at 11:08", "am 3. März um 14 Uhr". */
const DATE_GLUE = new Set([
  'at', 'on', 'of', 'the', 'de', 'del', 'às', 'as', 'a', 'las', 'à', 'le', 'el', 'il', 'alle', 'ore', 'um', 'am', 'uhr', 'h', 'hrs',
  'st', 'nd', 'rd', 'th', 'er', 'º', 'ª', 'в', 'г', 'года',
]);
const AM_PM = new Set(['am', 'pm']);
/** Units of a relative time stamp: "3 hours ago", "5m ago", "hace 2 días", "vor 3 Stunden", "il y a 2 heures". */
const TIME_UNITS = new Set([
  'second', 'seconds', 'sec', 'secs', 's', 'minute', 'minutes', 'min', 'mins', 'm', 'hour', 'hours', 'hr', 'hrs', 'h', 'day', 'days', 'd',
  'week', 'weeks', 'wk', 'wks', 'w', 'month', 'months', 'mo', 'mos', 'year', 'years', 'yr', 'yrs', 'y',
  'segundos', 'minutos', 'hora', 'horas', 'día', 'días', 'dia', 'dias', 'semanas', 'meses', 'años', 'anos',
  'secondes', 'heure', 'heures', 'jour', 'jours', 'semaines', 'mois', 'ans',
  'sekunden', 'minute', 'minuten', 'stunde', 'stunden', 'tag', 'tagen', 'wochen', 'monaten', 'jahren',
  'minuti', 'ora', 'ore', 'giorno', 'giorni', 'settimane', 'mesi', 'anni',
]);
const RELATIVE_WORDS = new Set(['ago', 'just', 'now', 'yesterday', 'today', 'an', 'hace', 'vor', 'il', 'y', 'fa', 'há', 'atrás', 'gestern', 'heute', 'hier', 'ieri', 'oggi', 'ayer', 'hoy', 'ontem', 'hoje']);
/** A relative time stamp, the strongest sign of furniture: nobody writes "3 hours ago" in a story's text. */
const RELATIVE_STAMP =
  /(?:\b(?:\d+|an?|one|a few)\s*(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y)\.?\s+ago\b|\bjust now\b|\bhace\s+\d+\s+\p{L}+|\bvor\s+\d+\s+\p{L}+|\bil y a\s+\d+\s+\p{L}+|\b\d+\s+\p{L}+\s+fa\b|\bhá\s+\d+\s+\p{L}+)/iu;
const CLOCK_TIME = /\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,2}\s?[ap]m\b/i;
const NUMERIC_DATE = /\b(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})\b/;
/** "4 min read", "Reading time: 3 minutes", "Tempo de leitura: 1 minuto", "Lesezeit: 5 Min." */
const READING_TIME =
  /(?:\b\d+(?:\s*(?:-|–|to)\s*\d+)?\s*(?:min(?:ute)?s?|minutos?|minuten|minuti)\.?\s+(?:read|reading|de leitura|de lectura|de lecture|lesezeit|di lettura|lesen)\b|^(?:estimated\s+)?(?:reading|read)\s+time\b|^(?:tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura|leestijd|время чтения)(?!\p{L}))/iu;
/** Words that open a byline. "Text:" and "Texto:" label it on some sites. */
const BYLINE_OPENER = /^\s*(?:(?:written|words|story|reported|text|photos?)\s+by|by|von|por|par|di|door|av|text|texto|texte|текст|автор)(?![\p{L}\p{N}])\s*:?\s*/iu;
/** A dash that opens a signature line. */
const SIGNATURE_OPENER = /^\s*[—–-]\s*/;
/** What follows a name in a byline: "Jane Roe, Staff Writer", "John Doe, AP Sports Writer". */
const BYLINE_ROLE_WORDS = new Set([
  'staff', 'writer', 'writers', 'reporter', 'reporters', 'correspondent', 'correspondents', 'editor', 'editors', 'contributor',
  'contributors', 'columnist', 'senior', 'chief', 'political', 'sports', 'business', 'science', 'technology', 'tech', 'health',
  'news', 'associated', 'press', 'wire', 'wires', 'services', 'service', 'photographer', 'opinion', 'contributing', 'special',
  'to', 'the', 'for', 'and', 'with', 'in', 'of', 'reuters', 'ap', 'afp', 'bloomberg', 'guest', 'author', 'team', 'desk', 'newsroom',
  'editorial', 'correspondent', 'producer', 'analyst', 'intern', 'freelance', 'updated', 'published',
]);
/** A byline's job title, which on its own line is still the byline: "Opinion Columnist", "Staff Writer". */
const BYLINE_TITLES = new Set(['columnist', 'correspondent', 'writer', 'reporter', 'contributor', 'editor', 'photographer']);
/** Joins names in a byline: "Jane Roe and John Doe", "Jane Roe & John Doe", "Jane Roe y Juan Pérez". */
const NAME_JOINERS = new Set(['and', 'und', 'y', 'e', 'et', 'og', 'en', 'with', '&']);
/** How an author bio begins after the name: "Jane Roe is a reporter…", "Jane joined…", "Jane Roe (jane@…) covers…". */
const BIO_VERB =
  /^(?:\s*\([^)]{0,80}\))?\s*(?:is|was|has|joined|writes|covers|reports|lives|works|edits|leads|spent|holds|graduated|['’]s)\b/i;
/**
 * Credit lines at the end of agency copy: "Reporting by Jane Roe; Editing by John Doe",
 * "(Additional reporting by John Doe)". The credit words open the line; the rest must be names.
 */
const CREDIT_OPENER =
  /^[([]?\s*(?:additional |further )?(?:reporting|writing|editing|research|compiled|produced|photography|graphics|translation)(?: and \p{L}+)? by\b/iu;
const CREDIT_WORDS = new Set([
  'reporting', 'writing', 'editing', 'research', 'compiled', 'produced', 'photography', 'graphics', 'translation', 'additional',
  'further', 'by', 'from', 'in', 'with', 'and', 'the',
]);
/** "Keith Roe contributed reporting from Hong Kong.", "Fox News’ Jane Roe contributed to this report." */
const CONTRIBUTED_LINE =
  /^(?:\p{Lu}[\p{L}'’.-]*\s+){2,6}(?:and\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,4})?contributed (?:reporting|research|to this (?:report|story|article))\b[^.]*\.?$/u;

export function furnitureContext(hints: FurnitureHints): FurnitureContext {
  const bylineWords = tokensOf((hints.byline ?? '').replace(BYLINE_OPENER, ' '));
  const siteWords = tokensOf(hints.siteName ?? '');
  const own = [...bylineWords, ...siteWords]
    .map((word) => word.toLowerCase())
    .filter((word) => !/^\d+$/.test(word) && !MONTHS.has(word) && !WEEKDAYS.has(word) && !NAME_JOINERS.has(word));
  return {
    ownWords: new Set(own),
    host: hostOf(hints.pageUrl ?? null),
    authors: authorNames(hints.byline ?? null),
  };
}

/**
 * A line that is only page furniture: a byline, the author's name, a dateline or time stamp,
 * a reading time or a credit line. Never a line with words of its own.
 */
export function isFurnitureLine(line: string, context: FurnitureContext): boolean {
  const prepared = prepare(line);
  const tokens = words(prepared);
  if (tokens.length === 0 || tokens.length > MAX_FURNITURE_TOKENS) return false;
  if (isCreditLine(line, tokens)) return true;
  if (isTimeStamp(prepared, tokens, context) || isAuthorLine(tokens, context) || isReadingTime(prepared, tokens)) return true;
  const opener = BYLINE_OPENER.exec(line);
  if (opener) return isByline(line.slice(opener[0].length), context, /^\s*by\b/i.test(opener[0]));
  // "— Jane Roe (@janeroe) November 4, 2019": the signature under an embedded post.
  const signature = SIGNATURE_OPENER.exec(line);
  return signature !== null && hasDateSignal(prepared, tokens) && isByline(line.slice(signature[0].length), context, false);
}

function isCreditLine(line: string, tokens: readonly string[]): boolean {
  if (CONTRIBUTED_LINE.test(line)) return true;
  // "Research by Oxford economists suggests…" opens like a credit but goes on in lower case.
  return CREDIT_OPENER.test(line) && tokens.every((token) => CREDIT_WORDS.has(token.toLowerCase()) || /^[\p{Lu}\d]/u.test(token));
}

/** "Jane Roe is a reporter for the Planet." A bio of the article's own author, near the end. */
export function isAuthorBio(paragraph: string, context: FurnitureContext): boolean {
  if (context.authors.length === 0 || words(paragraph).length > MAX_BIO_WORDS) return false;
  // The paragraph's first words, with where each ends, to compare with each name.
  const head = paragraph.slice(0, 200);
  const lead: { word: string; end: number }[] = [];
  for (const match of head.matchAll(WORD)) {
    lead.push({ word: match[0].toLowerCase(), end: (match.index ?? 0) + match[0].length });
    if (lead.length >= MAX_NAME_WORDS) break;
  }
  return context.authors.some((name) => {
    if (!name.every((word, index) => lead[index]?.word === word)) return false;
    const end = lead[name.length - 1]?.end ?? 0;
    return BIO_VERB.test(head.slice(end));
  });
}

/**
 * A line that says when, and nothing else: "Updated 12:04 PM EST, Tue March 3, 2020",
 * "Published: 2 June 2019", "3 hours ago", "segunda-feira, 22 de janeiro de 2018 às 0:13".
 */
function isTimeStamp(prepared: string, tokens: readonly string[], context: FurnitureContext): boolean {
  // Words first: most lines fail on their first word, before any date pattern is tried.
  const onlyDateWords = tokens.every((token) => isDateToken(token) || isOwnWord(token, context) || READING_WORDS.has(token.toLowerCase()));
  return onlyDateWords && hasDateSignal(prepared, tokens);
}

const READING_WORDS = new Set(['read', 'reading', 'min', 'mins', 'minute', 'minutes']);

function hasDateSignal(prepared: string, tokens: readonly string[]): boolean {
  if (RELATIVE_STAMP.test(prepared) || NUMERIC_DATE.test(prepared) || (READING_TIME.test(prepared) && /\d/.test(prepared))) return true;
  const lower = tokens.map((token) => token.toLowerCase());
  // "Nov 19", "22 de janeiro", "18 NOV 2019": a month next to a number.
  const monthByNumber = lower.some((token, index) => {
    if (!MONTHS.has(token)) return false;
    const near = [lower[index - 1], lower[index + 1], lower[index - 2], lower[index + 2]];
    return near.some((other) => other !== undefined && /^\d{1,4}$/.test(other));
  });
  if (monthByNumber) return true;
  // A clock time counts with something that makes it a time stamp: am/pm, a zone, a weekday or a label.
  if (CLOCK_TIME.test(prepared)) {
    return tokens.some((token) => AM_PM.has(token.toLowerCase()) || isTimeZone(token) || WEEKDAYS.has(token.toLowerCase()) || STAMP_LABELS.has(token.toLowerCase()));
  }
  return false;
}

function isDateToken(token: string): boolean {
  const lower = token.toLowerCase();
  return (
    /^\d{1,4}$/.test(token) ||
    MONTHS.has(lower) ||
    WEEKDAYS.has(lower) ||
    STAMP_LABELS.has(lower) ||
    DATE_GLUE.has(lower) ||
    AM_PM.has(lower) ||
    TIME_UNITS.has(lower) ||
    RELATIVE_WORDS.has(lower) ||
    isTimeZone(token)
  );
}

/** "EST", "PT", "GMT", "UTC", "CEST": written in capitals, which keeps "at" and "it" out. */
function isTimeZone(token: string): boolean {
  return /^(?:[A-Z]{1,4}T|UTC|GMT|Z)$/.test(token);
}

/** The byline's names, the site's name, or a word of the host name ("CBS News" on cbsnews.com). */
function isOwnWord(token: string, context: FurnitureContext): boolean {
  const lower = token.toLowerCase();
  return context.ownWords.has(lower) || (lower.length >= 2 && /^\p{L}+$/u.test(lower) && context.host.includes(lower));
}

/**
 * "By Jane Roe", "By Jane Roe and John Doe · 3 hours ago", "by Regan September 15, 2014",
 * "By GREG BEACHAM, AP Sports Writer": an opener, then names (capitalised words), joiners,
 * roles and date parts, and nothing else.
 */
function isByline(rest: string, context: FurnitureContext, openedByBy: boolean): boolean {
  // "By Tuesday, the council had voted": a lower-case word that is no joiner, role or date part is prose.
  const tokens = tokensOf(rest);
  let names = 0;
  let own = 0;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (isDateToken(token) && !/^\p{Lu}/u.test(token)) continue;
    if (NAME_JOINERS.has(lower) || BYLINE_ROLE_WORDS.has(lower)) continue;
    if (isOwnWord(token, context)) {
      own += 1;
      continue;
    }
    if (MONTHS.has(lower) || WEEKDAYS.has(lower) || STAMP_LABELS.has(lower) || isTimeZone(token) || /^\d{1,4}$/.test(token)) continue;
    if (!/^\p{Lu}/u.test(token)) return false;
    names += 1;
    if (names > MAX_BYLINE_NAMES) return false;
  }
  // "By Tuesday", "By the news desk": no name at all is not a byline, but "By" alone is what is left of one
  // ("Door" or "Text" alone are words, not empty bylines).
  return names > 0 || own > 0 || (tokens.length === 0 && openedByBy);
}

/**
 * The author's name on a line of its own ("JANE ROE", "Jane Roe, Reuters"), or an agency name
 * alone ("Associated Press"): every word is the byline's or the site's, and at least one is a name.
 */
function isAuthorLine(tokens: readonly string[], context: FurnitureContext): boolean {
  let own = 0;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (context.ownWords.has(lower)) own += 1;
    else if (!BYLINE_ROLE_WORDS.has(lower) && !NAME_JOINERS.has(lower)) return false;
  }
  if (own > 0) return tokens.every((token) => /^[\p{Lu}\d&]/u.test(token) || NAME_JOINERS.has(token) || BYLINE_ROLE_WORDS.has(token));
  // No byline to compare with: a wire service's name on its own line, or a byline's role ("Opinion Columnist").
  return (
    /^(?:the )?(?:associated press|reuters|afp|agence france-presse|bloomberg|upi|dpa|efe|ansa|xinhua|pti|ians)$/i.test(tokens.join(' ')) ||
    (tokens.length <= 3 && tokens.some((token) => BYLINE_TITLES.has(token.toLowerCase())))
  );
}

/** Just the reading time: "4 min read", "Reading time: 3 minutes", "Tempo de leitura: 1 minuto". */
function isReadingTime(prepared: string, tokens: readonly string[]): boolean {
  // A number is what makes it a reading time: "Reading time matters for children" is a sentence.
  return tokens.length <= 8 && /\d/.test(prepared) && READING_TIME.test(prepared);
}

/** "a.m." → "am", "2019Updated" → "2019 Updated", "4:20am" → "4:20 am": dates glued the way pages glue them. */
function prepare(text: string): string {
  return text.replace(/\b([ap])\.\s?m\.?/gi, '$1m').replace(GLUED, ' ');
}

function tokensOf(text: string): string[] {
  return words(prepare(text));
}

function words(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}]+|&/gu) ?? [];
}

function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase().replace(/[^a-z0-9]/g, '');
  } catch {
    return '';
  }
}

/**
 * "By Jane Roe and John Doe, Reuters" → Jane Roe, John Doe, Jane, John: each person's full name,
 * and the first name alone when it is long enough to start a bio ("Jane joined…").
 */
function authorNames(byline: string | null): string[][] {
  if (!byline) return [];
  const names = new Map<string, string[]>();
  const add = (parts: readonly string[]) => {
    const lower = parts.map((part) => part.toLowerCase());
    names.set(lower.join(' '), lower);
  };
  for (const part of byline.replace(BYLINE_OPENER, '').split(/\s*(?:,|;|\||&|\band\b|\bund\b|·|•|—|–|\s-\s)\s*/i)) {
    const name = words(part).filter((word) => /^\p{Lu}/u.test(word));
    if (name.length === 0 || name.length > MAX_NAME_WORDS || name.length !== words(part).length) continue;
    add(name);
    const first = name[0];
    if (name.length > 1 && first !== undefined && first.length >= 3) add([first]);
  }
  return [...names.values()];
}


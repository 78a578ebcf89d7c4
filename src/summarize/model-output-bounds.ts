import { MAX_CONTEXT_CHARS, type Quote } from '../quotes/index.js';

/**
 * What we take from a model's answer, however much it wrote. A model (or a server that ignores
 * max_tokens) can answer 10,000 bullets or a megabyte of headline; that must not become a summary
 * of that size, nor minutes of quote checking. How many quotes are kept has no bound: every quote
 * among those checked that the source bears out stays, however many there are.
 */
export const MODEL_OUTPUT_BOUNDS = {
  /** A headline is one line. */
  headlineChars: 200,
  /** The longest length asks for 6; a model that writes a few more has still answered. */
  bullets: 12,
  bulletChars: 500,
  /** Longer cannot be a quote we print (a Discord field holds 1,024 characters); a real one is a sentence or three. */
  quoteChars: 1500,
  /** Longer is no one's name. */
  speakerChars: 100,
  /** The model's context is only kept when the source has it, and we print at most this much of any. */
  contextChars: MAX_CONTEXT_CHARS,
  /** Quotes checked against the source; each check searches the whole article. */
  quotesChecked: 200,
  /**
   * The work of checking them, as the sum of their squared lengths. A quote that is not in the
   * source word for word is aligned with up to 64 near spans of about its length, so its cost
   * grows with the square of its length: about 0.1 s for 1,500 characters of text that is nowhere
   * in the article, 5 ms for 300. This much is about 0.4 s at worst (200 quotes of 200
   * characters, or three of 1,500) and far above what real quotes cost (eight of 500: 2 million).
   */
  quoteCheckWork: 8_000_000,
  /** Unsupported claims are names and numbers; a longer "claim" is a runaway headline. */
  claims: 20,
  claimChars: 80,
  /** The longest well-formed language tags are about this long. */
  languageChars: 35,
} as const;

const ELLIPSIS = '…';

/** What was cut from one answer (or from the answers of one summary), for the note and the log. */
export interface OutputCuts {
  headlineShortened: boolean;
  bulletsLeftOut: number;
  bulletsShortened: number;
  /** Quotes longer than any we print, left out before checking. */
  quotesTooLong: number;
  /** Quotes past the first `quotesChecked` distinct ones, or past the checking work's bound, left out before checking. */
  quotesNotChecked: number;
  /** Speakers too long to be a name, replaced by none (the source's attribution still applies). */
  speakersDropped: number;
  claimsLeftOut: number;
}

export function noCuts(): OutputCuts {
  return { headlineShortened: false, bulletsLeftOut: 0, bulletsShortened: 0, quotesTooLong: 0, quotesNotChecked: 0, speakersDropped: 0, claimsLeftOut: 0 };
}

export function boundHeadline(headline: string, cuts: OutputCuts): string {
  const bounded = cutAtWord(headline, MODEL_OUTPUT_BOUNDS.headlineChars);
  if (bounded !== headline) cuts.headlineShortened = true;
  return bounded;
}

export function boundBullets(bullets: readonly string[], cuts: OutputCuts): string[] {
  cuts.bulletsLeftOut += Math.max(0, bullets.length - MODEL_OUTPUT_BOUNDS.bullets);
  return bullets.slice(0, MODEL_OUTPUT_BOUNDS.bullets).map((bullet) => {
    const bounded = cutAtWord(bullet, MODEL_OUTPUT_BOUNDS.bulletChars);
    if (bounded !== bullet) cuts.bulletsShortened += 1;
    return bounded;
  });
}

/**
 * The quotes worth checking against the source, in the model's order (most newsworthy first):
 * each distinct text once (a model that loops repeats itself), none longer than a printable quote,
 * at most `quotesChecked` and `quoteCheckWork`; one that would pass the work's bound is skipped and
 * shorter ones after it still go. Fields are bounded too: a speaker too long to be a name becomes
 * none, and a context longer than any we print is left for the source's own.
 */
export function boundQuotes(quotes: readonly Quote[], cuts: OutputCuts): Quote[] {
  const seen = new Set<string>();
  const kept: Quote[] = [];
  let work = 0;
  for (const quote of quotes) {
    if (quote.text.length > MODEL_OUTPUT_BOUNDS.quoteChars) {
      cuts.quotesTooLong += 1;
      continue;
    }
    const key = quote.text.replace(/\s+/g, ' ').trim();
    if (seen.has(key)) continue;
    seen.add(key);
    const cost = quote.text.length ** 2;
    if (kept.length === MODEL_OUTPUT_BOUNDS.quotesChecked || work + cost > MODEL_OUTPUT_BOUNDS.quoteCheckWork) {
      cuts.quotesNotChecked += 1;
      continue;
    }
    work += cost;
    const speakerTooLong = quote.speaker !== null && quote.speaker.length > MODEL_OUTPUT_BOUNDS.speakerChars;
    if (speakerTooLong) cuts.speakersDropped += 1;
    kept.push({
      text: quote.text,
      speaker: speakerTooLong ? null : quote.speaker,
      context: quote.context.length > MODEL_OUTPUT_BOUNDS.contextChars ? '' : quote.context,
    });
  }
  return kept;
}

/** A tag too long to be one says nothing about the language: undetermined. */
export function boundLanguage(language: string): string {
  return language.length > MODEL_OUTPUT_BOUNDS.languageChars ? 'und' : language;
}

/** Flags are for a reader to judge; past a screenful they say "this summary is unsupported" no better. */
export function boundClaims(claims: readonly string[], cuts: OutputCuts): string[] {
  cuts.claimsLeftOut += Math.max(0, claims.length - MODEL_OUTPUT_BOUNDS.claims);
  return claims.slice(0, MODEL_OUTPUT_BOUNDS.claims).map((claim) => cutAtWord(claim, MODEL_OUTPUT_BOUNDS.claimChars));
}

/**
 * The note a reader sees when something the model wrote was cut, e.g. "The model's answer was
 * longer than we show; extra bullets were left out." Null when nothing was. Claims are ours, not
 * the model's, and get a sentence of their own.
 */
export function outputCutsNote(cuts: OutputCuts): string | null {
  const parts: string[] = [];
  if (cuts.headlineShortened) parts.push('the headline was shortened');
  if (cuts.bulletsLeftOut > 0) parts.push('extra bullets were left out');
  if (cuts.bulletsShortened > 0) parts.push(cuts.bulletsShortened === 1 ? 'a long bullet was shortened' : 'long bullets were shortened');
  const quotesLeftOut = cuts.quotesTooLong + cuts.quotesNotChecked;
  if (quotesLeftOut > 0) parts.push(`${quotesLeftOut.toLocaleString('en-US')} ${quotesLeftOut === 1 ? 'quote was' : 'quotes were'} not checked`);
  if (cuts.speakersDropped > 0) parts.push(`${cuts.speakersDropped === 1 ? 'a speaker' : 'speakers'} too long to be a name ${cuts.speakersDropped === 1 ? 'was' : 'were'} ignored`);
  const sentences: string[] = [];
  if (parts.length > 0) sentences.push(`The model's answer was longer than we show; ${joinParts(parts)}.`);
  if (cuts.claimsLeftOut > 0) sentences.push(`Only the first ${MODEL_OUTPUT_BOUNDS.claims} claims the article does not support are listed.`);
  return sentences.length === 0 ? null : sentences.join(' ');
}

function joinParts(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * At most `max` characters, "…" included, ending at a word when one ends in the second half;
 * otherwise (a run with no spaces, a script written without them) at `max`, never inside a
 * surrogate pair.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - ELLIPSIS.length;
  const space = text.lastIndexOf(' ', end);
  if (space >= max / 2) end = space;
  else if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end).replace(/[\s,;:.]+$/u, '') + ELLIPSIS;
}

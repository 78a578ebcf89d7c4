import { UserFacingError } from '../errors.js';

/** Output languages offered by /summarize's autocomplete: BCP-47 tags, names from ICU. */
export const LANGUAGE_TAGS = [
  'ar', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fa', 'fi', 'fr', 'he', 'hi', 'hr', 'hu', 'id', 'it',
  'ja', 'ko', 'lt', 'lv', 'ms', 'nl', 'no', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'sw', 'ta', 'th', 'tl',
  'tr', 'uk', 'ur', 'vi', 'zh-CN', 'zh-TW',
] as const;

/** Discord shows at most 25 autocomplete choices. */
const MAX_CHOICES = 25;
/** Echoing a whole pasted paragraph back in an error helps no one. */
const ECHO_MAX = 40;

const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export interface LanguageChoice {
  name: string;
  value: string;
}

interface KnownLanguage {
  choice: LanguageChoice;
  /** The tag, the English name and the language's own name, folded for matching. */
  keys: string[];
}

/** "Deutsch", "German" and "de" all find German; "espanol" finds "español". */
const KNOWN: KnownLanguage[] = LANGUAGE_TAGS.map((tag) => {
  const english = englishNames.of(tag) ?? tag;
  const native = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? english;
  const sameName = fold(native) === fold(english);
  return {
    choice: { name: sameName ? `${english} (${tag})` : `${english} — ${native} (${tag})`, value: tag },
    keys: [tag, english, ...(sameName ? [] : [native])].map(fold),
  };
});

/** At most 25 choices whose tag or name (English or its own) starts with, then contains, what was typed. */
export function matchLanguages(typed: string): LanguageChoice[] {
  const query = fold(typed.trim());
  if (!query) return KNOWN.slice(0, MAX_CHOICES).map(({ choice }) => choice);
  const startsWith = (language: KnownLanguage) => language.keys.some((key) => key.startsWith(query) || key.split(/[\s()（）]+/).some((word) => word.startsWith(query)));
  const starts = KNOWN.filter(startsWith);
  const contains = KNOWN.filter((language) => !starts.includes(language) && language.keys.some((key) => key.includes(query)));
  return [...starts, ...contains].slice(0, MAX_CHOICES).map(({ choice }) => choice);
}

/**
 * The language a user typed or picked, as a BCP-47 tag; `null` means the article's own.
 * A name from the list ("Deutsch", "German") is its tag; any other tag must name a language
 * ICU knows, so `klingon` is refused rather than silently ignored by the summariser.
 */
export function parseLanguageOption(value: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const folded = fold(trimmed);
  const named = KNOWN.find(({ choice, keys }) => keys.includes(folded) || fold(choice.name) === folded);
  if (named) return named.choice.value;
  const tag = canonicalTag(trimmed);
  if (tag && englishNames.of(new Intl.Locale(tag).language) !== undefined) return tag;
  const shown = trimmed.length > ECHO_MAX ? `${trimmed.slice(0, ECHO_MAX)}…` : trimmed;
  throw new UserFacingError('bad_arguments', `"${shown}" is not a language newsbrief knows. Pick one from the list, for example "fr", "Deutsch" or "pt-BR".`);
}

/** How a language is shown to people: "German — Deutsch (de)" for the listed ones, else its English name and tag. */
export function languageLabel(tag: string): string {
  const known = KNOWN.find(({ choice }) => choice.value === tag);
  if (known) return known.choice.name;
  const english = canonicalTag(tag) ? englishNames.of(tag) : undefined;
  return english ? `${english} (${tag})` : tag;
}

function canonicalTag(value: string): string | null {
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

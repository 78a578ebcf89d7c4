import { UserFacingError } from '../errors.js';

/** Output languages offered by /summarize's autocomplete: BCP-47 tags, names from ICU. */
export const LANGUAGE_TAGS = [
  'ar', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fa', 'fi', 'fr', 'he', 'hi', 'hr', 'hu', 'id', 'it',
  'ja', 'ko', 'lt', 'lv', 'ms', 'nl', 'no', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'sw', 'ta', 'th', 'tl',
  'tr', 'uk', 'ur', 'vi', 'zh-CN', 'zh-TW',
] as const;

const names = new Intl.DisplayNames(['en'], { type: 'language' });

export interface LanguageChoice {
  name: string;
  value: string;
}

/** At most 25 choices (Discord's cap) whose name or tag starts with, then contains, what was typed. */
export function matchLanguages(typed: string): LanguageChoice[] {
  const query = typed.trim().toLowerCase();
  const all = LANGUAGE_TAGS.map((tag) => ({ name: `${names.of(tag) ?? tag} (${tag})`, value: tag }));
  if (!query) return all.slice(0, 25);
  const starts = all.filter((choice) => choice.name.toLowerCase().startsWith(query) || choice.value.toLowerCase().startsWith(query));
  const contains = all.filter((choice) => !starts.includes(choice) && choice.name.toLowerCase().includes(query));
  return [...starts, ...contains].slice(0, 25);
}

/** A typed language must still be a BCP-47 tag; `null` means the article's own. */
export function parseLanguageOption(value: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? null;
  } catch {
    throw new UserFacingError('bad_arguments', `"${trimmed}" is not a language tag. Pick one from the list, for example "fr" or "pt-BR".`);
  }
}

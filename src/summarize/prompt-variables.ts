import type { Article } from '../article/types.js';
import { SENTENCES_FOR_LENGTH } from './extractive-summarizer.js';
import { guessLanguage } from './guess-language.js';
import type { SummaryOptions } from './types.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** The options as the prompts phrase them: length, output language and whether to list quotes. */
export function promptVariables(article: Article, options: SummaryOptions) {
  return {
    title: article.metadata.title ?? '(untitled)',
    bullet_count: SENTENCES_FOR_LENGTH[options.length],
    language: describeLanguage(options.language, article),
    quotes_instruction: options.quotes
      ? 'up to 8 direct quotes, most newsworthy first, copied word for word; speaker as the article names them, else null.'
      : 'an empty list.',
  };
}

function describeLanguage(requested: string | null, article: Article): string {
  if (requested) return `${nameOf(requested)} (${requested})`;
  const own = article.metadata.language ?? guessLanguage(article.text);
  return own === 'und' ? "the article's own language" : `${nameOf(own)} (${own}), the article's language`;
}

function nameOf(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

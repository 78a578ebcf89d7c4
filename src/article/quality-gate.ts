import { UserFacingError } from '../errors.js';
import { wordCount } from './clean-paragraphs.js';
import type { PageSignals } from './extract.js';

/** Defaults tuned on ../shared/eval: none of the 121 benchmark articles nor 125 CNN/DM articles trips them. */
export const GATE_LIMITS = {
  minWords: 80,
  /** A login or subscribe prompt only marks a paywall when the text before it is this short. */
  paywallMaxWords: 250,
  /** Index and search pages: most text is links and no block reads like prose. */
  maxLinkTextRatio: 0.5,
  proseBlockWords: 150,
  /** How many closing paragraphs to search for a paywall prompt. */
  paywallTailParagraphs: 3,
} as const;

const PAYWALL_PROMPT =
  /\b(?:subscribe|subscription|subscribers? only|already (?:a )?(?:subscriber|member)|sign in|log ?in|create (?:a )?(?:free )?account|register (?:to|for free)|to (?:continue|keep) reading|unlock (?:this|the full)|premium (?:article|content)|paywall)\b/i;

export interface GateInput {
  paragraphs: readonly string[];
  /** The extracted paragraphs before cleaning, whose tail is where paywall prompts sit. */
  rawParagraphs: readonly string[];
  signals: PageSignals;
}

/**
 * Refuses text that no summariser should be paid to read. Runs after cleaning and before any
 * summariser, for pages and pasted text alike. Throws a UserFacingError that says why.
 */
export function checkArticleQuality(input: GateInput): void {
  const words = input.paragraphs.reduce((sum, paragraph) => sum + wordCount(paragraph), 0);
  if (input.signals.accessibleForFree === false) {
    throw new UserFacingError(
      'paywalled',
      'This article is behind a paywall (the page marks it as not free to read), so only its teaser is available. Paste the article text instead.',
    );
  }
  const tail = input.rawParagraphs.slice(-GATE_LIMITS.paywallTailParagraphs);
  if (words < GATE_LIMITS.paywallMaxWords && tail.some((paragraph) => PAYWALL_PROMPT.test(paragraph))) {
    throw new UserFacingError(
      'paywalled',
      `Only ${words} words are readable before a subscribe or sign-in prompt: this looks like a paywall or login wall. Paste the article text instead.`,
    );
  }
  const longestBlock = Math.max(0, ...input.paragraphs.map(wordCount));
  if (input.signals.linkTextRatio > GATE_LIMITS.maxLinkTextRatio && longestBlock <= GATE_LIMITS.proseBlockWords) {
    throw new UserFacingError(
      'not_article',
      `This looks like an index or search page (${Math.round(input.signals.linkTextRatio * 100)}% of its text is links), not an article. Link to a single story instead.`,
    );
  }
  if (words < GATE_LIMITS.minWords) {
    throw new UserFacingError(
      'too_thin',
      words === 0
        ? 'No article text was found. If the page needs JavaScript or a login, paste the article text instead.'
        : `Only ${words} words of article text were found, fewer than the ${GATE_LIMITS.minWords} needed for a summary. If the page needs JavaScript or a login, paste the article text instead.`,
    );
  }
}

import { UserFacingError } from '../errors.js';
import { countWords } from '../text/index.js';
import type { PageSignals } from './extract.js';

/** Defaults tuned on ../shared/eval (npm run bench): see the README for what they refuse there. */
export const GATE_LIMITS = {
  minWords: 80,
  /**
   * A paywall signal counts only when the text we got is this short. Metered sites (four of five
   * in the eval set that declare isAccessibleForFree: false) still ship the whole article in the
   * HTML, and that text is worth summarising; a real teaser is far shorter.
   */
  paywallMaxWords: 250,
  /** Index and search pages: most text is links and no block reads like prose. */
  maxLinkTextRatio: 0.5,
  proseBlockWords: 150,
  /** How many closing paragraphs to search for a paywall prompt. */
  paywallTailParagraphs: 3,
} as const;

/** Phrasing that gates the rest of the article. A bare "subscribe" is not enough: newsletter prompts use it too. */
const PAYWALL_PROMPT =
  /\b(?:subscribe (?:now )?(?:to (?:continue|keep reading|read|unlock)|for (?:full|unlimited) access)|subscribers? only|(?:exclusive|available) (?:to|for) subscribers|already (?:a )?(?:subscriber|member)|(?:sign|log) ?in to (?:continue|read|keep reading|access|unlock)|create (?:a )?(?:free )?account to (?:continue|read|keep reading)|register (?:now )?(?:for free )?to (?:continue|read|keep reading)|to (?:continue|keep) reading|unlock (?:this|the full) (?:article|story)|premium (?:article|content|story)|you(?:'|’)ve reached your (?:free )?(?:article |story )?limit|start your (?:free )?(?:trial|subscription))\b/i;

export interface GateInput {
  paragraphs: readonly string[];
  /** The extracted paragraphs before cleaning, whose tail is where paywall prompts sit. */
  rawParagraphs: readonly string[];
  signals: PageSignals;
  /**
   * Where the text came from, for advice a person can follow: a page may need JavaScript or a
   * login, which pasted text and text files never do. Defaults to a page.
   */
  origin?: 'page' | 'text';
}

/**
 * Refuses text that no summariser should be paid to read. Runs after cleaning and before any
 * summariser, for pages and pasted text alike. Throws a UserFacingError that says why.
 */
export function checkArticleQuality(input: GateInput): void {
  const words = input.paragraphs.reduce((sum, paragraph) => sum + countWords(paragraph), 0);
  const short = words < GATE_LIMITS.paywallMaxWords;
  if (short && input.signals.accessibleForFree === false) {
    throw new UserFacingError(
      'paywalled',
      `This article is behind a paywall (the page marks it as not free to read), and only ${words} words of it are readable. Paste the article text instead.`,
    );
  }
  const tail = input.rawParagraphs.slice(-GATE_LIMITS.paywallTailParagraphs);
  if (short && tail.some((paragraph) => PAYWALL_PROMPT.test(paragraph))) {
    throw new UserFacingError(
      'paywalled',
      input.origin === 'text'
        ? `Only ${words} words come before a subscribe or sign-in prompt: this looks like the free part of a paywalled article. Paste the whole article.`
        : `Only ${words} words are readable before a subscribe or sign-in prompt: this looks like a paywall or login wall. Paste the article text instead.`,
    );
  }
  // A loop rather than Math.max(...list): spreading a long article's paragraphs can overflow the call stack.
  const longestBlock = input.paragraphs.reduce((longest, paragraph) => Math.max(longest, countWords(paragraph)), 0);
  if (input.signals.linkTextRatio > GATE_LIMITS.maxLinkTextRatio && longestBlock <= GATE_LIMITS.proseBlockWords) {
    throw new UserFacingError(
      'not_article',
      `This looks like an index or search page (${Math.round(input.signals.linkTextRatio * 100)}% of its text is links), not an article. Link to a single story instead.`,
    );
  }
  if (words < GATE_LIMITS.minWords) {
    throw new UserFacingError('too_thin', tooThinMessage(words, input.origin ?? 'page'));
  }
}

function tooThinMessage(words: number, origin: 'page' | 'text'): string {
  if (origin === 'text') {
    return words === 0
      ? 'No article text was found in that text, only headings, bylines or dates. Paste the paragraphs of the article itself.'
      : `Only ${words} words of article text were found, fewer than the ${GATE_LIMITS.minWords} needed for a summary. Paste more of the article: the whole story, not just its headline or first lines.`;
  }
  return words === 0
    ? 'No article text was found. If the page needs JavaScript or a login, paste the article text instead.'
    : `Only ${words} words of article text were found, fewer than the ${GATE_LIMITS.minWords} needed for a summary. If the page needs JavaScript or a login, paste the article text instead.`;
}

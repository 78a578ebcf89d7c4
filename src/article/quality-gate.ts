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
  /**
   * A text whose longest paragraph is shorter than this holds no sentence worth summarising: a list,
   * a table, or a page of single letters. The 121 benchmark articles' longest paragraphs have 17
   * words or more, the CNN/Daily Mail ones 250 or more.
   */
  minLongestParagraphWords: 5,
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
  /** Only the first part of the input was read (it was too large): a refusal says so, since the rest was never seen. */
  truncated?: boolean;
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
  if (words >= GATE_LIMITS.minWords && longestBlock < GATE_LIMITS.minLongestParagraphWords) {
    const subject = input.origin === 'text' ? 'this text' : 'this page';
    throw new UserFacingError(
      'not_article',
      `No paragraph of ${subject} reads like prose (the longest has ${wordCount(longestBlock)}): it looks like a list or a table, not an article.`,
    );
  }
  if (words < GATE_LIMITS.minWords) {
    const origin = input.origin ?? 'page';
    const message = tooThinMessage(words, origin);
    throw new UserFacingError('too_thin', input.truncated ? `${message} (Only the first part of this ${origin} was read: it is too large to read whole.)` : message);
  }
}

function tooThinMessage(words: number, origin: 'page' | 'text'): string {
  if (origin === 'text') {
    return words === 0
      ? 'No article text was found in that text, only headings, bylines or dates. Paste the paragraphs of the article itself.'
      : `Only ${wordCount(words)} of article text ${words === 1 ? 'was' : 'were'} found, fewer than the ${GATE_LIMITS.minWords} needed for a summary. Paste more of the article: the whole story, not just its headline or first lines.`;
  }
  return words === 0
    ? 'No article text was found. If the page needs JavaScript or a login, paste the article text instead.'
    : `Only ${wordCount(words)} of article text ${words === 1 ? 'was' : 'were'} found, fewer than the ${GATE_LIMITS.minWords} needed for a summary. If the page needs JavaScript or a login, paste the article text instead.`;
}

/** "1 word", "11 words". */
function wordCount(count: number): string {
  return `${count} ${count === 1 ? 'word' : 'words'}`;
}

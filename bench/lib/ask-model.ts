import { mangle } from '../../test-support/scripted-model.js';

/**
 * A fake model for the `ask` prompt that cites the article in every way a real one can, in turn:
 * word for word, nearly (one word in five changed: the check repairs it), paraphrased (half the
 * words gone: the check drops it), made up, and all of these at once. It answers from the
 * sentence sharing most words with the question, or says the article doesn't say when none shares
 * two, except when it makes things up, which it does whatever it was asked.
 */
export const SUPPORT_MODES = ['verbatim', 'near', 'paraphrased', 'invented', 'mixed'] as const;
export type SupportMode = (typeof SUPPORT_MODES)[number];

export interface AskModelAnswer {
  answer: string;
  support: string[];
}

export interface SentSupport {
  verbatim: number;
  near: number;
  paraphrased: number;
  invented: number;
}

const INVENTED = 'Officials confirmed on Monday that the whole matter had been settled for 4,711 dollars by Colonel Zed Quartermain.';

export function createAskModel() {
  const sent: SentSupport = { verbatim: 0, near: 0, paraphrased: 0, invented: 0 };
  let turn = 0;
  let lastMode: SupportMode | null = null;
  return {
    sent,
    /** How the last answer cited the article. */
    get lastMode() {
      return lastMode;
    },
    /** Answers given so far. */
    get calls() {
      return turn;
    },
    answer(article: string, question: string): AskModelAnswer {
      const mode = SUPPORT_MODES[turn++ % SUPPORT_MODES.length]!;
      lastMode = mode;
      const [best, second] = bestSentences(article, question);
      if (mode === 'invented' || mode === 'mixed') sent.invented += 1;
      if (mode === 'invented') return { answer: INVENTED, support: [INVENTED] };
      if (!best) return mode === 'mixed' ? { answer: INVENTED, support: [INVENTED] } : { answer: "The article doesn't say.", support: [] };
      if (mode === 'verbatim') sent.verbatim += 1;
      if (mode === 'near') sent.near += 1;
      if (mode === 'paraphrased') sent.paraphrased += 1;
      const support =
        mode === 'verbatim' ? [best]
        : mode === 'near' ? [mangle(best)]
        : mode === 'paraphrased' ? [paraphrase(best)]
        : [best, INVENTED, ...(second ? [mangle(second)] : [])];
      if (mode === 'mixed') {
        sent.verbatim += 1;
        if (second) sent.near += 1;
      }
      return { answer: best, support };
    },
  };
}

/** Every other word: still about the same thing, no longer the article's words. */
function paraphrase(sentence: string): string {
  return sentence.split(' ').filter((_, index) => index % 2 === 0).join(' ');
}

function bestSentences(article: string, question: string): string[] {
  const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{4,}|\d[\d,]*/gu) ?? []);
  const asked = words(question);
  return article
    .split(/(?<=[.!?’'])\s+(?=[A-Z‘'])|\n+/)
    .map((sentence) => ({ sentence: sentence.trim(), shared: [...words(sentence)].filter((word) => asked.has(word)).length }))
    .filter((candidate) => candidate.shared >= 2 && candidate.sentence.split(' ').length >= 5)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, 2)
    .map((candidate) => candidate.sentence);
}

import type { z } from 'zod';
import type { Article } from '../article/types.js';
import type { Logger } from '../log.js';
import type { PromptRegistry } from '../llm/prompt-registry.js';
import type { LlmClient } from '../llm/types.js';
import { findQuotes } from '../quotes/index.js';
import { mergeQuotes, verifyQuotes, type QuoteVerificationStats } from '../verify/index.js';
import { askWithRepair } from './ask-with-repair.js';
import { fallbackNote } from './fallback-note.js';
import { boundQuotes, noCuts, outputCutsNote } from './model-output-bounds.js';
import { speakerCorrectionNote } from './speaker-note.js';
import type { articleQuotesSchema } from './output-schemas.js';
import type { SummaryResult } from './summary-result.js';

/** The quote fields of a summary, for `/quotes`. */
export type KeyQuotes = Pick<SummaryResult, 'quotes' | 'provider' | 'model' | 'prompt' | 'notes'>;

export interface KeyQuotesService {
  keyQuotes(article: Article, context?: { guildId?: string | null; signal?: AbortSignal }): Promise<KeyQuotes>;
}

/**
 * `/quotes`: the LLM's pick of key quotes (the `quotes` prompt), each verified against the source
 * and merged with the quote finder's. Without an LLM, or when it fails, the quote finder alone.
 */
export interface KeyQuotesServiceOptions {
  llm: LlmClient | null;
  prompts: PromptRegistry;
  log: Logger;
  /** Told what the quote check did to the model's quotes (metrics). */
  onQuotesVerified?: (stats: QuoteVerificationStats) => void;
}

export function createKeyQuotesService(options: KeyQuotesServiceOptions): KeyQuotesService {
  const found = (article: Article, notes: string[]): KeyQuotes => ({
    quotes: findQuotes(article.text), provider: 'extractive', model: null, prompt: null, notes,
  });
  return {
    async keyQuotes(article, context = {}) {
      if (!options.llm) return found(article, []);
      const prompt = options.prompts.get('quotes');
      try {
        const { data } = await askWithRepair<z.infer<typeof articleQuotesSchema>>(options.llm, prompt, {
          variables: { title: article.metadata.title ?? '(untitled)', article: article.text },
          guildId: context.guildId,
          signal: context.signal,
        });
        // Bounded before checking: every check searches the article (model-output-bounds.ts).
        const cuts = noCuts();
        const verified = verifyQuotes(boundQuotes(data.quotes, cuts), article.text);
        options.onQuotesVerified?.(verified.stats);
        const cutNote = outputCutsNote(cuts);
        options.log.info({ source: article.source, quotes: verified.stats, ...(cutNote === null ? {} : { cuts }) }, 'LLM quotes verified');
        return {
          quotes: mergeQuotes(verified.quotes, findQuotes(article.text)),
          provider: 'openai',
          model: options.llm.model,
          prompt: prompt.label,
          notes: [cutNote, speakerCorrectionNote(verified.stats)].filter((note) => note !== null),
        };
      } catch (error) {
        if (context.signal?.aborted) throw error;
        options.log.warn({ err: error, source: article.source }, 'LLM quotes failed; using the quote finder');
        return found(article, [fallbackNote(error)]);
      }
    },
  };
}

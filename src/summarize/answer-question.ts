import type { z } from 'zod';
import { truncationNote } from '../article/truncation-note.js';
import type { Article } from '../article/types.js';
import { answerCacheKey } from '../cache/cache-key.js';
import { cachedCall } from '../cache/cached.js';
import type { InFlight } from '../cache/in-flight.js';
import type { TypedCache } from '../cache/typed-cache.js';
import { TokenBudgetExhaustedError } from '../llm/errors.js';
import type { PromptRegistry } from '../llm/prompt-registry.js';
import type { LlmClient } from '../llm/types.js';
import type { Logger } from '../log.js';
import { ARTICLE_DOESNT_SAY, checkQuestion, normaliseQuestion, type AnswerResult } from './answer-result.js';
import { askWithRepair } from './ask-with-repair.js';
import { groundAnswer } from './ground-answer.js';
import type { articleAnswerSchema } from './output-schemas.js';
import { findPassages, paragraphsForQuestion, PASSAGE_RANKING } from './rank-passages.js';
import type { Provider } from './summary-result.js';

/** The note on an offline answer given because the model could not answer. */
export const ASK_FALLBACK_NOTE = 'LLM unavailable — passages found offline';
/** The note when a long article was cut down to the paragraphs that match the question. */
export const LONG_ARTICLE_NOTE = 'The article is long: the model read the paragraphs that best match the question.';
/** Room left in the context for the prompt's own words, the question and the answer. */
const PROMPT_RESERVE_TOKENS = 1_000;

export interface AnsweredQuestion {
  article: Article;
  /** The question as asked (trimmed). */
  question: string;
  result: AnswerResult;
  cached: boolean;
}

export interface AnswerContext {
  /** Whose daily token budget pays (GUILD_DAILY_TOKENS); null for DMs and the CLI. */
  guildId?: string | null;
  signal?: AbortSignal;
  /** Default: the model when there is one. */
  provider?: Provider;
}

export interface AnswerService {
  /** @throws UserFacingError for a question with no words or over 300 characters. */
  answer(article: Article, question: string, context?: AnswerContext): Promise<AnsweredQuestion>;
}

export interface AnswerServiceOptions {
  llm: LlmClient | null;
  prompts: PromptRegistry;
  log: Logger;
  cache: TypedCache<AnswerResult>;
  /** Shares one model call between people asking the same question of the same article at once. */
  inFlight: InFlight<AnswerResult>;
  /** LLM_CONTEXT_TOKENS: a longer article is cut to the paragraphs that best match the question. */
  contextTokens: number;
  countTokens: (text: string) => number;
}

/**
 * Ask the article: a question answered from the article alone, with passages quoted from it word
 * for word. With a model, the `ask` prompt answers and `groundAnswer` holds the answer to the
 * article; without one (or when it fails, or the guild's budget is spent) the sentences that best
 * match the question (BM25) are the answer. Cached by article, question, provider, model and prompt
 * version; an offline answer given in place of the model's is not cached under the model's key.
 */
export function createAnswerService(options: AnswerServiceOptions): AnswerService {
  return {
    async answer(article, asked, context = {}) {
      const question = checkQuestion(asked);
      const wanted: Provider = context.provider ?? (options.llm ? 'openai' : 'extractive');
      const provider: Provider = wanted === 'openai' && options.llm ? 'openai' : 'extractive';
      const prompt = provider === 'openai' ? options.prompts.get('ask').label : PASSAGE_RANKING;
      const key = answerCacheKey({
        text: article.text,
        question: normaliseQuestion(question),
        provider,
        endpointHost: provider === 'openai' ? (options.llm?.endpointHost ?? null) : null,
        model: provider === 'openai' ? (options.llm?.model ?? null) : null,
        prompt,
      });
      const { value, cached } = await cachedCall({
        cache: options.cache,
        inFlight: options.inFlight,
        key,
        compute: async () => (provider === 'openai' && options.llm ? answerWithModel(options.llm, article, question, options, context) : answerOffline(article, question)),
        storable: (result) => result.provider === provider,
      });
      // Said on every answer, cached or not: the cut belongs to this input, not to the answer.
      const cut = truncationNote(article);
      return { article, question, result: cut ? { ...value, notes: [cut, ...value.notes] } : value, cached };
    },
  };
}

/** The offline answer: the best-matching sentences, labelled as passages; none above the floor is "doesn't say". */
export function answerOffline(article: Article, question: string, notes: string[] = []): AnswerResult {
  const passages = findPassages(article.text, question);
  return {
    kind: passages.length > 0 ? 'passages' : 'not-found',
    answer: passages.length > 0 ? null : ARTICLE_DOESNT_SAY,
    support: passages.map((passage) => passage.text),
    provider: 'extractive',
    model: null,
    prompt: PASSAGE_RANKING,
    notes,
  };
}

async function answerWithModel(llm: LlmClient, article: Article, question: string, options: AnswerServiceOptions, context: AnswerContext): Promise<AnswerResult> {
  const prompt = options.prompts.get('ask');
  const budget = Math.max(options.contextTokens - PROMPT_RESERVE_TOKENS, Math.floor(options.contextTokens / 2));
  const whole = options.countTokens(article.text) <= budget;
  // The question picks the paragraphs, but they are still the article's: support is checked against the whole text.
  const material = whole ? article.text : paragraphsForQuestion(article.text, question, budget, options.countTokens).join('\n\n');
  try {
    const { data } = await askWithRepair<z.infer<typeof articleAnswerSchema>>(llm, prompt, {
      variables: { title: article.metadata.title ?? '(untitled)', article: material, question },
      guildId: context.guildId,
      signal: context.signal,
    });
    const grounded = groundAnswer(data, article.text);
    options.log.info({ source: article.source, kind: grounded.kind, support: grounded.stats, whole }, 'LLM answer grounded in the article');
    return {
      kind: grounded.kind,
      answer: grounded.answer,
      support: grounded.support,
      provider: 'openai',
      model: llm.model,
      prompt: prompt.label,
      notes: [...(whole ? [] : [LONG_ARTICLE_NOTE]), ...grounded.notes],
    };
  } catch (error) {
    if (context.signal?.aborted) throw error;
    options.log.warn({ err: error, source: article.source }, 'LLM answer failed; using the passages that best match');
    return answerOffline(article, question, [error instanceof TokenBudgetExhaustedError ? error.message : ASK_FALLBACK_NOTE]);
  }
}

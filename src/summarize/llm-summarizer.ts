import type { z } from 'zod';
import type { Logger } from '../log.js';
import type { PromptRegistry } from '../llm/prompt-registry.js';
import type { LlmClient } from '../llm/types.js';
import { findQuotes, type Quote } from '../quotes/index.js';
import { flagUnsupportedClaims, mergeQuotes, verifyQuotes, type QuoteVerificationStats } from '../verify/index.js';
import { askWithRepair } from './ask-with-repair.js';
import { chunkParagraphs } from './chunk-article.js';
import { speakerCorrectionNote } from './speaker-note.js';
import { fallbackNote } from './fallback-note.js';
import { boundBullets, boundClaims, boundHeadline, boundLanguage, boundQuotes, noCuts, outputCutsNote, type OutputCuts } from './model-output-bounds.js';
import type { articleSummarySchema, chunkNotesSchema, reducedSummarySchema } from './output-schemas.js';
import { promptVariables } from './prompt-variables.js';
import type { SummaryResult } from './summary-result.js';
import type { SummarizeInput, Summarizer } from './types.js';

/** Chunk size for long articles: small enough for any model's context, large enough to keep a story's thread. */
const CHUNK_TOKENS = 3000;

export interface LlmSummarizerOptions {
  llm: LlmClient;
  prompts: PromptRegistry;
  /** Answers whenever the LLM cannot: the extractive summariser. */
  fallback: Summarizer;
  log: Logger;
  /** LLM_CONTEXT_TOKENS: above this an article is chunked (map-reduce). */
  contextTokens: number;
  countTokens: (text: string) => number;
  /** Told what the quote check did to each summary's quotes (metrics). */
  onQuotesVerified?: (stats: QuoteVerificationStats) => void;
}

/** The model's answer(s), bounded (model-output-bounds.ts) as soon as they are parsed. */
interface Draft {
  headline: string;
  bullets: string[];
  language: string;
  quotes: Quote[];
  prompt: string;
  cuts: OutputCuts;
}

export function createLlmSummarizer(options: LlmSummarizerOptions): Summarizer {
  return {
    async summarize(input, signal) {
      try {
        const draft = options.countTokens(input.article.text) <= options.contextTokens
          ? await summarizeWhole(input, options, signal)
          : await summarizeInChunks(input, options, signal);
        return finish(draft, input, options);
      } catch (error) {
        if (signal?.aborted) throw error;
        // The bot degrades instead of failing: any LLM failure leaves the extractive summary, with a note.
        options.log.warn({ err: error, source: input.article.source }, 'LLM summary failed; using the extractive summary');
        const result = await options.fallback.summarize(input, signal);
        return { ...result, notes: [fallbackNote(error), ...result.notes] };
      }
    },
  };
}

async function summarizeWhole({ article, options, guildId }: SummarizeInput, deps: LlmSummarizerOptions, signal?: AbortSignal): Promise<Draft> {
  const prompt = deps.prompts.get('summarize');
  const { data } = await askWithRepair<z.infer<typeof articleSummarySchema>>(deps.llm, prompt, {
    variables: { ...promptVariables(article, options), article: article.text },
    guildId,
    signal,
  });
  return boundedDraft(data, data.quotes, prompt.label);
}

/** Map: notes on each chunk. Reduce: one summary from the notes. Quotes come from every chunk. */
async function summarizeInChunks({ article, options, guildId }: SummarizeInput, deps: LlmSummarizerOptions, signal?: AbortSignal): Promise<Draft> {
  const chunkPrompt = deps.prompts.get('summarize-chunk');
  const reducePrompt = deps.prompts.get('summarize-reduce');
  const variables = promptVariables(article, options);
  const chunks = chunkParagraphs(article.paragraphs, { chunkTokens: CHUNK_TOKENS, countTokens: deps.countTokens });
  deps.log.info({ source: article.source, chunks: chunks.length }, 'long article: summarising in chunks');
  const notes = await Promise.all(
    chunks.map((chunk, index) =>
      askWithRepair<z.infer<typeof chunkNotesSchema>>(deps.llm, chunkPrompt, {
        variables: { ...variables, article: chunk.join('\n\n'), part: index + 1, parts: chunks.length },
        guildId,
        signal,
      }),
    ),
  );
  // Each part's notes are bounded before they become the reduce prompt; what was cut there is not the summary's.
  const noteCuts = noCuts();
  const notesText = notes
    .map(({ data }, index) => [`Part ${index + 1}:`, ...boundBullets(data.bullets, noteCuts).map((bullet) => `- ${bullet}`)].join('\n'))
    .join('\n\n');
  const { data } = await askWithRepair<z.infer<typeof reducedSummarySchema>>(deps.llm, reducePrompt, {
    variables: { ...variables, notes: notesText },
    guildId,
    signal,
  });
  if (outputCutsNote(noteCuts) !== null) deps.log.info({ source: article.source, cuts: noteCuts }, 'long article: notes on its parts were cut to bounds');
  return boundedDraft(data, notes.flatMap((note) => note.data.quotes), `${chunkPrompt.label}+${reducePrompt.label}`);
}

/** The answer as we take it: bounded as soon as it is parsed, before any check reads it. */
function boundedDraft(answer: { headline: string; bullets: string[]; language: string }, quotes: readonly Quote[], prompt: string): Draft {
  const cuts = noCuts();
  return {
    headline: boundHeadline(answer.headline, cuts),
    bullets: boundBullets(answer.bullets, cuts),
    language: boundLanguage(answer.language),
    quotes: boundQuotes(quotes, cuts),
    prompt,
    cuts,
  };
}

/** Faithfulness is code, not hope: quotes are checked against the source, claims flagged. */
function finish(draft: Draft, { article, options }: SummarizeInput, deps: LlmSummarizerOptions): SummaryResult {
  const verified = verifyQuotes(draft.quotes, article.text);
  deps.onQuotesVerified?.(verified.stats);
  const quotes = options.quotes ? mergeQuotes(verified.quotes, findQuotes(article.text)) : [];
  const cuts = { ...draft.cuts };
  const unsupportedClaims = boundClaims(flagUnsupportedClaims(draft.bullets, article.text, { headline: draft.headline }), cuts);
  const cutNote = outputCutsNote(cuts);
  deps.log.info(
    { source: article.source, quotes: verified.stats, unsupportedClaims: unsupportedClaims.length, ...(cutNote === null ? {} : { cuts }) },
    'LLM summary verified',
  );
  return {
    headline: draft.headline,
    bullets: draft.bullets,
    quotes,
    language: draft.language,
    provider: 'openai',
    model: deps.llm.model,
    prompt: draft.prompt,
    notes: [cutNote, speakerCorrectionNote(verified.stats)].filter((note) => note !== null),
    unsupportedClaims,
  };
}


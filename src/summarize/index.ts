/**
 * The summarisers (extractive and LLM) and the services every front door calls: the cached
 * summary service, the key-quotes service behind `/quotes` and the answer service behind `/ask`.
 */
export { createAnswerService, answerOffline, ASK_FALLBACK_NOTE, LONG_ARTICLE_NOTE, type AnswerContext, type AnsweredQuestion, type AnswerService, type AnswerServiceOptions } from './answer-question.js';
export { ARTICLE_DOESNT_SAY, answerResultSchema, checkQuestion, MAX_QUESTION_CHARS, normaliseQuestion, type AnswerResult } from './answer-result.js';
export { askWithRepair, type AskOptions } from './ask-with-repair.js';
export { describeEngine, summaryFooterLine, type EngineDescription } from './describe-engine.js';
export { createExtractiveSummarizer, EXTRACTIVE_ALGORITHM, summarizeSentences } from './extractive-summarizer.js';
export { fallbackNote, LLM_FALLBACK_NOTE } from './fallback-note.js';
export { groundAnswer, type GroundedAnswer } from './ground-answer.js';
export { FIRST_PART_NOTE, firstPartToSummarise, MAX_SUMMARISED_CHARS, type FirstPart } from './first-part.js';
export { createKeyQuotesService, type KeyQuotes, type KeyQuotesService } from './key-quotes-service.js';
export { createLlmSummarizer, type LlmSummarizerOptions } from './llm-summarizer.js';
export { cutAtWord } from './model-output-bounds.js';
export { articleAnswerSchema, digestBriefingSchema, OUTPUT_SCHEMAS } from './output-schemas.js';
export { findPassages, PASSAGE_RANKING, rankSpans, type RankedPassage } from './rank-passages.js';
export { summaryResultSchema, type Provider, type SummaryResult } from './summary-result.js';
export {
  createSummaryService,
  type ArticleSummary,
  type SummarizeRequest,
  type SummaryService,
  type SummaryServiceOptions,
  type SummaryStats,
} from './summary-service.js';
export type { SummarizeInput, Summarizer, SummaryLength, SummaryOptions } from './types.js';

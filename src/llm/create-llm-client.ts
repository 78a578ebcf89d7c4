import { setTimeout as wait } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { createChatTransport, OPENAI_BASE_URL, type ChatRequestBody, type ChatResponse } from './chat-transport.js';
import { attemptFailureKind, llmFailureKind, type LlmCallEvent, type LlmErrorKind } from './call-event.js';
import { countPromptTokens, countTextTokens } from './count-tokens.js';
import { LlmOutputError, LlmTruncatedError } from './errors.js';
import { explainFailure } from './explain-failure.js';
import { createFormatMemory, type FormatMemory } from './format-memory.js';
import { parseModelOutput } from './parse-model-output.js';
import { createRateLimiter, type LlmRateLimiter } from './rate-limiter.js';
import { createSharedRateLimiter } from './shared-rate-limiter.js';
import { applyResponseFormat, isFormatRejection, nextFormat, type FormattedRequest } from './response-format.js';
import { withRetries } from './retry.js';
import type { TokenBudget, TokenReservation } from './token-budget.js';
import type { SharedRedis } from '../redis/connect-shared-redis.js';
import type { Completion, CompletionRequest, LlmClient, ResponseFormat, TokenUsage } from './types.js';

const MAX_REFUSAL_CHARS = 500;

export interface LlmClientOptions {
  /** OPENAI_API_KEY. Empty for keyless local servers, which then get a placeholder. */
  apiKey?: string | undefined;
  /** OPENAI_BASE_URL; OpenAI's when unset. */
  baseUrl?: string | undefined;
  model: string;
  /** LLM_RESPONSE_FORMAT. `auto` starts at json_schema and steps down when a server refuses it. */
  responseFormat: 'auto' | ResponseFormat;
  timeoutMs: number;
  maxConcurrent: number;
  rpm: number;
  tpm: number;
  maxRetries: number;
  log: Logger;
  /** GUILD_DAILY_TOKENS; no budget means no limit. */
  budget?: TokenBudget | undefined;
  /** REDIS_URL: LLM_MAX_CONCURRENT, LLM_RPM and LLM_TPM are then shared by every process using this endpoint and model. */
  redis?: SharedRedis | null | undefined;
  /** Waits between retries; tests pass one that returns at once and records the delay. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Share one between clients to share what was learnt about each server; one per client by default. */
  formatMemory?: FormatMemory;
  /** The window RPM and TPM are counted over: 60 000 ms, shorter only in tests. */
  rateWindowMs?: number;
  /** Answers larger than this are not read (MAX_RESPONSE_BYTES); smaller only in tests. */
  maxResponseBytes?: number;
  /** Told how each call ended and what it spent (metrics); nothing by default. */
  onCall?: (event: LlmCallEvent) => void;
  /** Told why each attempt that is retried failed (metrics). */
  onRetry?: (kind: LlmErrorKind) => void;
}

export interface OpenAiCompatibleClient extends LlmClient {
  readonly baseUrl: string;
  /** Both bottlenecks, for tests and metrics. */
  readonly limiter: LlmRateLimiter;
  readonly formatMemory: FormatMemory;
  /** Drops queued calls and stops the limiter's timers. */
  close(): Promise<void>;
}

/**
 * The one way this app talks to an OpenAI-compatible Chat Completions endpoint. Each call goes
 * through the budget check, the rate limiter, the retry policy and the response-format ladder,
 * and ends in a zod-validated value or a typed error.
 */
export function createLlmClient(options: LlmClientOptions): OpenAiCompatibleClient {
  const baseUrl = options.baseUrl || OPENAI_BASE_URL;
  const endpointHost = new URL(baseUrl).host;
  const transport = createChatTransport({
    apiKey: options.apiKey,
    baseUrl,
    timeoutMs: options.timeoutMs,
    ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
  });
  const limits = { maxConcurrent: options.maxConcurrent, rpm: options.rpm, tpm: options.tpm, windowMs: options.rateWindowMs };
  const limiter = options.redis
    ? createSharedRateLimiter({
      ...limits, redis: options.redis, id: `newsbrief:llm:${endpointHost}:${options.model}`, requestTimeoutMs: options.timeoutMs, log: options.log,
    })
    : createRateLimiter(limits);
  const formatMemory = options.formatMemory ?? createFormatMemory();
  const sleep = options.sleep ?? ((ms: number) => wait(ms));
  const random = options.random ?? Math.random;
  const log = options.log;

  async function complete<T>(request: CompletionRequest<T>): Promise<Completion<T>> {
    const spent: CallTrace = { usage: null, refused: false };
    try {
      const result = await completeOnce(request, spent);
      options.onCall?.({ outcome: 'ok', usage: result.usage });
      return result;
    } catch (error) {
      const kind = request.signal?.aborted ? 'aborted' : spent.refused ? 'refused' : llmFailureKind(error);
      options.onCall?.({ outcome: 'error', kind, usage: spent.usage });
      throw error;
    }
  }

  async function completeOnce<T>(request: CompletionRequest<T>, spent: CallTrace): Promise<Completion<T>> {
    const hold: BudgetHold = { reservation: null };
    try {
      return await completeWithin(request, spent, hold);
    } finally {
      // A call that ended before the endpoint answered spent nothing: its reservation goes back.
      // (Once settled with the real usage, this does nothing.)
      await hold.reservation?.settle(0).catch((error: unknown) => log.error({ err: error, guildId: request.guildId }, 'token budget could not release a reservation'));
    }
  }

  async function completeWithin<T>(request: CompletionRequest<T>, spent: CallTrace, hold: BudgetHold): Promise<Completion<T>> {
    const guildId = request.guildId ?? null;
    const startedAt = performance.now();
    let format = options.responseFormat === 'auto' ? formatMemory.startingFormat(baseUrl) : options.responseFormat;
    let attempts = 0;

    for (;;) {
      const formatted = applyResponseFormat(request.messages, request.output, format);
      const body = requestBody(request, formatted);
      const weight = countPromptTokens(formatted.messages) + countTextTokens(formatted.hiddenPromptText) + request.maxTokens;
      // Reserved before the first request, at its weight: calls made together (one digest's stories,
      // or other processes) then see each other's tokens and cannot all pass a nearly spent budget.
      hold.reservation ??= (await options.budget?.reserve(guildId, weight)) ?? null;
      let response: ChatResponse;
      try {
        response = await withRetries(
          () => {
            attempts += 1;
            return limiter.schedule(weight, () => transport.send(body, request.signal));
          },
          {
            maxRetries: options.maxRetries,
            sleep,
            random,
            signal: request.signal,
            onRetry: ({ retry, delayMs, error }) => {
              options.onRetry?.(attemptFailureKind(error));
              log.warn({ model: options.model, retry, delayMs, failure: error.failure, status: error.status, guildId }, 'llm call retrying');
            },
          },
        );
      } catch (error) {
        if (request.signal?.aborted) throw error;
        const looser = options.responseFormat === 'auto' && isFormatRejection(error) ? nextFormat(format) : null;
        if (looser === null) throw explainFailure(error, { model: options.model, endpointHost, timeoutMs: options.timeoutMs, attempts });
        log.warn({ model: options.model, endpointHost, from: format, to: looser }, 'llm endpoint refused a response format; stepping down');
        formatMemory.stepDown(baseUrl, looser);
        format = looser;
        continue;
      }

      // Some compatible servers leave `choices` out of an odd answer; that reads as an empty one.
      const choice = response.choices?.[0];
      const raw = choice?.message.content ?? '';
      const { estimated, ...usage } = usageOf(response, formatted, raw);
      spent.usage = usage;
      const ms = Math.round(performance.now() - startedAt);
      log.info({ model: options.model, format, ...usage, attempts, ms, guildId, ...(estimated ? { usageEstimated: true } : {}) }, 'llm call');
      // The tokens are spent either way; a store that fails to count them should not also cost the answer.
      await hold.reservation?.settle(usage.totalTokens).catch((error: unknown) => log.error({ err: error, guildId }, 'token budget could not record a call'));

      if (choice?.finish_reason === 'length') {
        throw new LlmTruncatedError(
          `The model's answer for ${request.output.name} stopped at max_tokens (${request.maxTokens}).`,
          raw,
          `The answer was cut off at ${request.maxTokens} tokens, so its JSON is incomplete. Give a shorter answer.`,
        );
      }
      // The refusal is the model's text, as long as it likes; the message travels into logs.
      const refusal = choice?.message.refusal?.slice(0, MAX_REFUSAL_CHARS);
      spent.refused = Boolean(refusal);
      if (refusal) throw new LlmOutputError(`The model refused to answer for ${request.output.name}: ${refusal}`, raw, `The model refused: ${refusal}`);

      const data = parseModelOutput(raw, request.output);
      return { data, raw, usage, model: response.model || options.model, format, attempts };
    }
  }

  function requestBody(request: CompletionRequest<unknown>, formatted: FormattedRequest): ChatRequestBody {
    return {
      model: options.model,
      messages: formatted.messages,
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(formatted.responseFormat ? { response_format: formatted.responseFormat } : {}),
    };
  }

  return {
    model: options.model,
    endpointHost,
    baseUrl,
    limiter,
    formatMemory,
    complete,
    close: () => limiter.stop(),
  };
}

/** The call's reservation against the guild's budget, settled with what it spent or given back. */
interface BudgetHold {
  reservation: TokenReservation | null;
}

/** What one call spent, read by `complete` when the call fails after the endpoint answered. */
interface CallTrace {
  usage: TokenUsage | null;
  refused: boolean;
}

/** The server's count; local servers that leave it out get ours, so budgets still move. */
function usageOf(response: ChatResponse, formatted: FormattedRequest, raw: string): TokenUsage & { estimated: boolean } {
  const reported = response.usage;
  if (reported && Number.isFinite(reported.total_tokens)) {
    return { promptTokens: reported.prompt_tokens, completionTokens: reported.completion_tokens, totalTokens: reported.total_tokens, estimated: false };
  }
  const promptTokens = countPromptTokens(formatted.messages) + countTextTokens(formatted.hiddenPromptText);
  const completionTokens = countTextTokens(raw);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
}

import OpenAI from 'openai';
import { fetchWithOpenAiErrorBodies } from './error-body-fetch.js';
import { LlmAttemptError } from './errors.js';
import { parseRetryAfterMs } from './retry.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** The SDK refuses an empty key; keyless local servers (Ollama, vLLM, LM Studio, llama.cpp) ignore this one. */
export const KEYLESS_PLACEHOLDER_KEY = 'not-needed';

export type ChatRequestBody = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
export type ChatResponse = OpenAI.Chat.ChatCompletion;

export interface ChatTransportOptions {
  apiKey?: string | undefined;
  baseUrl: string;
  /** For each attempt (LLM_TIMEOUT_MS). */
  timeoutMs: number;
}

export interface ChatTransport {
  /**
   * One `POST /chat/completions`, no retries.
   * @throws LlmAttemptError for what a retry might cure or the caller must hear about;
   *   the caller's own abort reason, as is, when `callerSignal` fired.
   */
  send(body: ChatRequestBody, callerSignal?: AbortSignal): Promise<ChatResponse>;
}

export function createChatTransport(options: ChatTransportOptions): ChatTransport {
  const openai = new OpenAI({
    apiKey: options.apiKey || KEYLESS_PLACEHOLDER_KEY,
    baseURL: options.baseUrl,
    // Retries belong to retry.ts, which also sees the rate limiter; the SDK's own would bypass both.
    maxRetries: 0,
    timeout: options.timeoutMs,
    // Explicit, so the SDK does not read OPENAI_ORG_ID / OPENAI_PROJECT_ID behind config.ts's back.
    organization: null,
    project: null,
    fetch: fetchWithOpenAiErrorBodies(),
  });

  return {
    async send(body, callerSignal) {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      try {
        return await openai.chat.completions.create(body, { signal });
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw toAttemptError(error, timeout.aborted, options.timeoutMs);
      }
    },
  };
}

function toAttemptError(error: unknown, timedOut: boolean, timeoutMs: number): unknown {
  if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
    return new LlmAttemptError('timeout', `no answer within ${timeoutMs} ms`, { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = error.cause instanceof Error ? (error.cause.cause instanceof Error ? error.cause.cause : error.cause) : error;
    return new LlmAttemptError('connection', cause.message, { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return new LlmAttemptError('http', serverMessage(error), {
      status: error.status,
      retryAfterMs: parseRetryAfterMs(error.headers),
      // vLLM sends a number here.
      code: error.code == null ? null : String(error.code),
      cause: error,
    });
  }
  // Anything else (an answer that is not a chat completion, say) is no transport failure we know.
  return error;
}

/** The server's own words without the SDK's status prefix, plus the parameter it names. */
function serverMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : error.message.replace(/^\d{3}\s*/, '');
  return error.param ? `${message} (param: ${error.param})` : message;
}

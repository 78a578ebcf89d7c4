import type OpenAI from 'openai';
import { createSecretScrubber, type SecretScrubber } from '../secrets/index.js';
import { fetchWithBodyLimit, MAX_RESPONSE_BYTES, ResponseTooLargeError } from './bounded-body-fetch.js';
import { fetchWithOpenAiErrorBodies } from './error-body-fetch.js';
import { LlmAttemptError } from './errors.js';
import { parseRetryAfterMs } from './retry.js';
import { lazyModule } from '../lazy-module.js';

/** Loaded when a client is built: a bot with no LLM endpoint never holds the SDK. */
const sdk = lazyModule<typeof import('openai')>('openai');

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
  /** Bodies larger than this are not read; MAX_RESPONSE_BYTES by default. */
  maxResponseBytes?: number;
}

/** A server's error message is kept this long: enough for any real one, not a page of HTML. */
const MAX_SERVER_MESSAGE_CHARS = 1000;

export interface ChatTransport {
  /**
   * One `POST /chat/completions`, no retries.
   * @throws LlmAttemptError for what a retry might cure or the caller must hear about;
   *   the caller's own abort reason, as is, when `callerSignal` fired.
   */
  send(body: ChatRequestBody, callerSignal?: AbortSignal): Promise<ChatResponse>;
}

export function createChatTransport(options: ChatTransportOptions): ChatTransport {
  // A 401 body may echo the key ("Incorrect API key provided: sk-…") and a 5xx the request's headers:
  // the server's words are kept, without it, since they travel on in error messages.
  const secrets = createSecretScrubber({ OPENAI_API_KEY: options.apiKey, OPENAI_BASE_URL: options.baseUrl });
  const openai = new (sdk().OpenAI)({
    apiKey: options.apiKey || KEYLESS_PLACEHOLDER_KEY,
    baseURL: options.baseUrl,
    // Retries belong to retry.ts, which also sees the rate limiter; the SDK's own would bypass both.
    maxRetries: 0,
    timeout: options.timeoutMs,
    // Explicit, so the SDK does not read OPENAI_ORG_ID / OPENAI_PROJECT_ID behind config.ts's back.
    organization: null,
    project: null,
    fetch: fetchWithOpenAiErrorBodies(fetchWithBodyLimit(options.maxResponseBytes ?? MAX_RESPONSE_BYTES), secrets.scrub),
  });

  return {
    async send(body, callerSignal) {
      // A timer cleared when the call ends, not AbortSignal.timeout: that one keeps its timer, its
      // signal and the SDK's listener on it alive for the whole LLM_TIMEOUT_MS after a call that
      // took a second (bench:memory counted 1,350 of each after a burst).
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
      try {
        return await openai.chat.completions.create(body, { signal });
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw toAttemptError(error, timeout.signal.aborted, options.timeoutMs, secrets);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function toAttemptError(error: unknown, timedOut: boolean, timeoutMs: number, secrets: SecretScrubber): unknown {
  // Not retried: the same server would send the same again. The SDK may have wrapped it.
  const tooLarge = findInCauses(error, ResponseTooLargeError);
  if (tooLarge) return tooLarge;
  if (timedOut || error instanceof sdk().APIConnectionTimeoutError) {
    return new LlmAttemptError('timeout', `no answer within ${timeoutMs} ms`, { cause: error });
  }
  if (error instanceof sdk().APIConnectionError) {
    const cause = error.cause instanceof Error ? (error.cause.cause instanceof Error ? error.cause.cause : error.cause) : error;
    return new LlmAttemptError('connection', secrets.scrub(cause.message), { cause: error });
  }
  if (error instanceof sdk().APIError && typeof error.status === 'number') {
    return new LlmAttemptError('http', serverMessage(error, secrets), {
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
function serverMessage(error: InstanceType<typeof OpenAI.APIError>, secrets: SecretScrubber): string {
  const body = error.error as { message?: unknown } | undefined;
  // Scrubbed before it is cut (the body already was, by the fetch; the SDK's own message is not).
  const said = secrets.scrub(typeof body?.message === 'string' ? body.message : error.message.replace(/^\d{3}\s*/, ''));
  const message = said.length > MAX_SERVER_MESSAGE_CHARS ? `${said.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : said;
  const param = error.param ? String(error.param).slice(0, 100) : null;
  return param ? `${message} (param: ${param})` : message;
}

function findInCauses<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof type) return current;
  }
  return null;
}

import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake OpenAI-compatible server (Chat Completions) on 127.0.0.1, random port, for tests that run
 * the real openai SDK. It records every request, counts them, tracks how many were in flight at
 * once, and answers from a script:
 *
 *   const fake = await startFakeOpenAi();
 *   fake.reply(apiError(429, 'slow down', { headers: { 'retry-after': '2' } }), completion({ headline: 'x' }));
 *   fake.respondWith((body, index) => completion(...));   // used once the queue is empty
 *   createLlmClient({ baseUrl: fake.baseUrl, ... });
 *   expect(fake.requests[0]?.body.response_format).toEqual(...);
 *   await fake.close();
 *
 * A request with nothing scripted gets a 418 whose message says so, which no client retries.
 */

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  temperature?: number;
  max_tokens?: number;
  response_format?: { type: string; json_schema?: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean } };
  [field: string]: unknown;
}

export interface RecordedRequest {
  /** 0-based, in arrival order. */
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `{}` for requests without one. */
  body: ChatRequestBody;
  /** `performance.now()` at arrival. */
  receivedAt: number;
}

export interface CompletionReply {
  /** An object is sent as its JSON; a string as is (malformed JSON, fenced prose…). */
  content: string | object | null;
  finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
  refusal?: string | null;
  /** Defaults to rough counts (4 characters a token); `null` leaves `usage` out, as some local servers do. */
  usage?: Partial<{ prompt_tokens: number; completion_tokens: number; total_tokens: number }> | null;
  model?: string;
  latencyMs?: number;
}

export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  latencyMs?: number;
}

/** Never answers; the client's timeout or abort ends it (or `close()`). */
export interface HangReply {
  hang: true;
}

export type FakeReply = CompletionReply | HttpReply | HangReply;
export type ReplyFunction = (body: ChatRequestBody, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiOptions {
  /** Replies for the first requests, in order. */
  replies?: FakeReply[];
  /** Answers once the queue is empty. */
  respondWith?: ReplyFunction;
  /**
   * Acts like a server that counts a SLIDING window: a request is answered 429 when more than
   * `limit` requests (this one included, rejected ones too) arrived in the last `windowMs`.
   */
  rpmLimit?: { limit: number; windowMs?: number };
}

export interface FakeOpenAi {
  /** `http://127.0.0.1:PORT/v1`, for the SDK's `baseURL`. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  readonly requestCount: number;
  /** The most requests that were open at the same moment. */
  readonly maxInFlight: number;
  /** 429s the `rpmLimit` window produced. */
  readonly rateLimitedCount: number;
  /** Queues replies after those already queued. */
  reply(...replies: FakeReply[]): void;
  respondWith(handler: ReplyFunction): void;
  close(): Promise<void>;
}

export function completion(content: CompletionReply['content'], extra: Omit<CompletionReply, 'content'> = {}): CompletionReply {
  return { content, ...extra };
}

/** An error in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export function apiError(
  status: number,
  message: string,
  extra: { headers?: Record<string, string>; type?: string; code?: string | null; param?: string | null; latencyMs?: number } = {},
): HttpReply {
  return {
    status,
    ...(extra.headers ? { headers: extra.headers } : {}),
    ...(extra.latencyMs === undefined ? {} : { latencyMs: extra.latencyMs }),
    body: { error: { message, type: extra.type ?? 'invalid_request_error', param: extra.param ?? null, code: extra.code ?? null } },
  };
}

export function hang(): HangReply {
  return { hang: true };
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const queue: FakeReply[] = [...(options.replies ?? [])];
  let handler = options.respondWith;
  const requests: RecordedRequest[] = [];
  const arrivals: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  let rateLimitedCount = 0;

  const server = createServer((request, response) => {
    const receivedAt = performance.now();
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });

    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      let body: ChatRequestBody;
      try {
        body = (text ? JSON.parse(text) : {}) as ChatRequestBody;
      } catch {
        send(response, apiError(400, 'fake-openai: the request body is not JSON'));
        return;
      }
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      requests.push({ index, method: request.method ?? 'GET', path, headers: request.headers, body, receivedAt });
      void route(path, request.method ?? 'GET', body, index, receivedAt)
        .then((reply) => answer(response, reply, body, index))
        .catch((error: unknown) => send(response, apiError(500, `fake-openai: the script threw: ${String(error)}`)));
    });
  });

  async function route(path: string, method: string, body: ChatRequestBody, index: number, receivedAt: number): Promise<FakeReply> {
    if (method === 'GET' && path === '/v1/models') {
      return { status: 200, body: { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake-openai' }] } };
    }
    if (method !== 'POST' || path !== '/v1/chat/completions') return apiError(404, `fake-openai: no route ${method} ${path}`);
    const limited = slidingWindowRejection(receivedAt);
    if (limited) return limited;
    const queued = queue.shift();
    if (queued) return queued;
    if (handler) return handler(body, index);
    return apiError(418, `fake-openai: no reply scripted for request #${index}`);
  }

  function slidingWindowRejection(now: number): FakeReply | null {
    if (!options.rpmLimit) return null;
    const windowMs = options.rpmLimit.windowMs ?? 60_000;
    arrivals.push(now);
    // Closed window [now - windowMs, now]: the strictest reading a real server could have.
    const inWindow = arrivals.filter((time) => time >= now - windowMs);
    if (inWindow.length <= options.rpmLimit.limit) return null;
    rateLimitedCount += 1;
    const oldest = inWindow[0] ?? now;
    const retryAfterMs = Math.max(1, Math.ceil(oldest + windowMs - now));
    return apiError(429, `fake-openai: more than ${options.rpmLimit.limit} requests in ${windowMs} ms`, {
      type: 'requests',
      code: 'rate_limit_exceeded',
      headers: { 'retry-after-ms': String(retryAfterMs) },
    });
  }

  function answer(response: ServerResponse, reply: FakeReply, body: ChatRequestBody, index: number): void {
    if ('hang' in reply) return;
    const deliver = () => {
      if ('status' in reply) send(response, reply);
      else send(response, { status: 200, body: chatCompletion(reply, body, index) });
    };
    if (!reply.latencyMs) {
      deliver();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      deliver();
    }, reply.latencyMs);
    timers.add(timer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get requestCount() {
      return requests.length;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get rateLimitedCount() {
      return rateLimitedCount;
    },
    reply: (...replies) => {
      queue.push(...replies);
    },
    respondWith: (next) => {
      handler = next;
    },
    // Hanging requests keep their sockets open; cut them so close() never waits on them.
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function chatCompletion(reply: CompletionReply, body: ChatRequestBody, index: number) {
  const content = reply.content === null || typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
  const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
  const completionTokens = Math.ceil((content ?? '').length / 4);
  const usage =
    reply.usage === null
      ? undefined
      : {
          prompt_tokens: reply.usage?.prompt_tokens ?? promptTokens,
          completion_tokens: reply.usage?.completion_tokens ?? completionTokens,
          total_tokens:
            reply.usage?.total_tokens ?? (reply.usage?.prompt_tokens ?? promptTokens) + (reply.usage?.completion_tokens ?? completionTokens),
        };
  return {
    id: `chatcmpl-fake-${index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: reply.refusal ?? null },
        finish_reason: reply.finishReason ?? 'stop',
        logprobs: null,
      },
    ],
    ...(usage ? { usage } : {}),
  };
}

function send(response: ServerResponse, reply: HttpReply): void {
  if (response.destroyed || response.headersSent) return;
  const isText = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    ...reply.headers,
  });
  response.end(payload);
}

import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFormatMemory } from '../../src/llm/format-memory.js';
import { LlmOutputError, LlmTruncatedError, LlmUnavailableError, TokenBudgetExhaustedError } from '../../src/llm/errors.js';
import { createTokenBudget } from '../../src/llm/token-budget.js';
import { apiError, completion, hang, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { createTestClient, summaryRequest, TEST_API_KEY, validSummary, type TestClient } from '../../test-support/llm-test-kit.js';

let fake: FakeOpenAi;
let opened: TestClient[] = [];

beforeEach(async () => {
  fake = await startFakeOpenAi();
});

afterEach(async () => {
  await Promise.all(opened.map(({ client }) => client.close()));
  opened = [];
  await fake.close();
});

function clientFor(overrides: Parameters<typeof createTestClient>[1] = {}): TestClient {
  const made = createTestClient(fake, overrides);
  opened.push(made);
  return made;
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error(`expected a rejection, got ${String(outcome)}`);
  return outcome;
}

const formatRejection = () =>
  apiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", { param: 'response_format' });

describe('a successful call', () => {
  it('returns the validated data, the usage, and logs the usage without the key', async () => {
    fake.reply(completion(validSummary, { usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62 } }));
    const { client, logs, logText } = clientFor();

    const result = await client.complete({ ...summaryRequest(), guildId: 'guild-1' });

    expect(result).toMatchObject({
      data: validSummary,
      raw: JSON.stringify(validSummary),
      usage: { promptTokens: 50, completionTokens: 12, totalTokens: 62 },
      model: 'gpt-test',
      format: 'json_schema',
      attempts: 1,
    });
    const line = logs.find((entry) => entry['msg'] === 'llm call');
    expect(line).toMatchObject({
      level: 30,
      model: 'gpt-test',
      format: 'json_schema',
      promptTokens: 50,
      completionTokens: 12,
      totalTokens: 62,
      attempts: 1,
      guildId: 'guild-1',
    });
    expect(typeof line?.['ms']).toBe('number');
    expect(logText()).not.toContain(TEST_API_KEY);
  });

  it('sends exactly the model, messages, temperature, max_tokens and the derived json_schema', async () => {
    fake.reply(completion(validSummary));
    const { client } = clientFor();
    const request = summaryRequest();

    await client.complete(request);

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    expect(sent?.body).toEqual({
      model: 'gpt-test',
      messages: request.messages,
      temperature: 0.2,
      max_tokens: 300,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'summary',
          description: 'A headline and its bullets.',
          strict: true,
          schema: {
            type: 'object',
            properties: { headline: { type: 'string' }, bullets: { type: 'array', items: { type: 'string' } } },
            required: ['headline', 'bullets'],
            additionalProperties: false,
          },
        },
      },
    });
  });

  it('estimates the usage when the server leaves it out, so budgets still move', async () => {
    fake.reply(completion(validSummary, { usage: null }));
    const { client, logs } = clientFor();

    const result = await client.complete(summaryRequest());

    expect(result.usage.promptTokens).toBeGreaterThan(10);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.totalTokens).toBe(result.usage.promptTokens + result.usage.completionTokens);
    expect(logs.find((entry) => entry['msg'] === 'llm call')).toMatchObject({ usageEstimated: true });
  });
});

describe('retries', () => {
  it('waits what retry-after asks on a 429, then succeeds', async () => {
    fake.reply(apiError(429, 'Rate limit reached', { type: 'requests', headers: { 'retry-after': '2' } }), completion(validSummary));
    const { client, sleeps } = clientFor();

    const result = await client.complete(summaryRequest());

    expect(result.attempts).toBe(2);
    expect(fake.requestCount).toBe(2);
    expect(sleeps).toEqual([2000]);
  });

  it('prefers retry-after-ms, and adds jitter on top of the wait', async () => {
    fake.reply(apiError(429, 'Rate limit reached', { headers: { 'retry-after-ms': '1500', 'retry-after': '9' } }), completion(validSummary));
    const { client, sleeps } = clientFor({ random: () => 0.5 });

    await client.complete(summaryRequest());

    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1500);
    expect(sleeps[0]).toBeLessThan(9000);
  });

  it('gives up on a 500 storm after LLM_MAX_RETRIES + 1 requests, backing off more each time', async () => {
    fake.respondWith(() => apiError(500, 'The server had an error while processing your request.', { type: 'server_error' }));
    const { client, sleeps } = clientFor({ maxRetries: 3 });

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).status).toBe(500);
    expect(error.message).toMatch(/kept failing \(500\) after 4 attempts/);
    expect(fake.requestCount).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] ?? Infinity);
    expect(sleeps[2]).toBeGreaterThan(sleeps[1] ?? Infinity);
  });

  it('never retries a 401, and says the key was refused without echoing it', async () => {
    fake.respondWith(() => apiError(401, 'Incorrect API key provided: sk-test***log.', { code: 'invalid_api_key' }));
    const { client, sleeps } = clientFor();

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error.message).toBe('The LLM endpoint refused the API key (401).');
    expect((error as LlmUnavailableError).status).toBe(401);
    expect(fake.requestCount).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('never retries a 404, and names the model', async () => {
    fake.respondWith(() => apiError(404, 'The model `gpt-test` does not exist or you do not have access to it.', { code: 'model_not_found' }));
    const { client } = clientFor();

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).status).toBe(404);
    expect(error.message).toContain('"gpt-test"');
    expect(fake.requestCount).toBe(1);
  });

  it('never retries a 403, nor a 400 that is not about the response format', async () => {
    fake.reply(apiError(403, 'Country, region, or territory not supported'));
    const { client } = clientFor();
    const forbidden = await rejectionOf(client.complete(summaryRequest()));
    expect((forbidden as LlmUnavailableError).status).toBe(403);
    expect(fake.requestCount).toBe(1);

    fake.reply(apiError(400, "This model's maximum context length is 8192 tokens.", { param: 'messages', code: 'context_length_exceeded' }));
    const badRequest = await rejectionOf(client.complete(summaryRequest()));
    expect((badRequest as LlmUnavailableError).status).toBe(400);
    expect(badRequest.message).toContain('maximum context length');
    expect(fake.requestCount).toBe(2);
  });

  it('times out a hanging server for each attempt, retries, then gives up', async () => {
    fake.respondWith(() => hang());
    const { client, sleeps } = clientFor({ timeoutMs: 150, maxRetries: 1 });

    const startedAt = performance.now();
    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).status).toBeNull();
    expect(error.message).toMatch(/did not answer within 150 ms \(2 attempts\)/);
    expect(fake.requestCount).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(280);
  });

  it('does not retry when the caller aborts, and rethrows the abort', async () => {
    fake.respondWith(() => hang());
    const { client, sleeps } = clientFor({ timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await rejectionOf(client.complete({ ...summaryRequest(), signal: controller.signal }));

    expect(error.name).toBe('AbortError');
    expect(fake.requestCount).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("leaves retrying to this layer: with maxRetries 0 a single 500 is a single request (the SDK's maxRetries is 0)", async () => {
    fake.respondWith(() => apiError(500, 'boom', { type: 'server_error' }));
    const { client } = clientFor({ maxRetries: 0 });

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(fake.requestCount).toBe(1);
  });

  it('reports a server that cannot be reached as unavailable, after retrying', async () => {
    const closed = await startFakeOpenAi();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const { client, sleeps } = clientFor({ baseUrl, maxRetries: 2 });

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error.message).toMatch(/Could not reach the LLM endpoint at 127\.0\.0\.1:\d+ \(3 attempts\)/);
    expect(sleeps).toHaveLength(2);
  });
});

describe('output checks', () => {
  it('throws LlmOutputError carrying the raw text for malformed JSON', async () => {
    const raw = '{"headline": "Rates rise", "bullets": [';
    fake.reply(completion(raw));
    const { client } = clientFor();

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmOutputError);
    expect(error).not.toBeInstanceOf(LlmTruncatedError);
    expect((error as LlmOutputError).raw).toBe(raw);
    expect((error as LlmOutputError).problem).toMatch(/not valid JSON/);
    expect(fake.requestCount).toBe(1);
  });

  it('throws LlmOutputError whose problem names the failing path when the schema is broken', async () => {
    fake.reply(completion({ headline: 'Rates rise', bullets: [42] }));
    const { client } = clientFor();

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmOutputError);
    expect((error as LlmOutputError).problem).toContain('bullets[0]');
    expect((error as LlmOutputError).problem).toMatch(/expected string/);
    expect((error as LlmOutputError).raw).toBe('{"headline":"Rates rise","bullets":[42]}');
  });

  it('throws LlmTruncatedError when the answer stopped at max_tokens', async () => {
    const raw = '{"headline": "Rates rise", "bullets": ["The bank';
    fake.reply(completion(raw, { finishReason: 'length' }));
    const { client } = clientFor();

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect(error).toBeInstanceOf(LlmTruncatedError);
    expect((error as LlmTruncatedError).raw).toBe(raw);
    expect((error as LlmTruncatedError).problem).toMatch(/cut off at 300 tokens/);
  });
});

describe('response formats', () => {
  it('steps down from json_schema to json_object on a format 400, and the next call starts there', async () => {
    fake.respondWith((body) => (body.response_format?.type === 'json_schema' ? formatRejection() : completion(validSummary)));
    const { client, sleeps, logs } = clientFor();

    const first = await client.complete(summaryRequest());
    const second = await client.complete(summaryRequest());

    expect(first).toMatchObject({ format: 'json_object', attempts: 2, data: validSummary });
    expect(second).toMatchObject({ format: 'json_object', attempts: 1 });
    expect(fake.requests.map((request) => request.body.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(sleeps).toEqual([]);
    expect(logs.some((entry) => entry['msg'] === 'llm endpoint refused a response format; stepping down')).toBe(true);

    // JSON mode cannot carry the schema, so a system message describes it, after the caller's own.
    const messages = fake.requests[1]?.body.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(['system', 'system', 'user']);
    expect(messages[0]?.content).toBe('You summarise news.');
    expect(messages[1]?.content).toContain('JSON');
    expect(messages[1]?.content).toContain('"required":["headline","bullets"]');
    expect(messages[2]?.content).toBe('Article: the bank raised rates.');
  });

  it('steps down to text when json_object is refused too, and sends no response_format', async () => {
    fake.respondWith((body) =>
      body.response_format ? apiError(400, 'response_format type must be one of "text" or "json_object"') : completion(`{"headline":"H","bullets":["b"]}`),
    );
    const { client } = clientFor();

    const result = await client.complete(summaryRequest());

    expect(result.format).toBe('text');
    expect(fake.requests.map((request) => request.body.response_format?.type ?? 'none')).toEqual(['json_schema', 'json_object', 'none']);
    expect('response_format' in (fake.requests[2]?.body ?? {})).toBe(false);
  });

  it('reads the refusal from a vLLM-style error body (message at the top level)', async () => {
    fake.respondWith((body) =>
      body.response_format?.type === 'json_schema'
        ? { status: 400, body: { object: 'error', message: 'json_schema response format is not supported', type: 'BadRequestError', param: null, code: 400 } }
        : completion(validSummary),
    );
    const { client } = clientFor();

    expect((await client.complete(summaryRequest())).format).toBe('json_object');
  });

  it('shares what it learnt through an injected FormatMemory, keyed by base URL', async () => {
    fake.respondWith((body) => (body.response_format?.type === 'json_schema' ? formatRejection() : completion(validSummary)));
    const formatMemory = createFormatMemory();
    await clientFor({ formatMemory }).client.complete(summaryRequest());

    const result = await clientFor({ formatMemory }).client.complete(summaryRequest());

    expect(result.format).toBe('json_object');
    expect(fake.requestCount).toBe(3);
    expect(formatMemory.startingFormat(`${fake.baseUrl}/`)).toBe('json_object');
    expect(formatMemory.startingFormat('http://elsewhere.example/v1')).toBe('json_schema');
  });

  it('does not step down when a format is forced', async () => {
    fake.respondWith(() => formatRejection());
    const { client } = clientFor({ responseFormat: 'json_schema' });

    const error = await rejectionOf(client.complete(summaryRequest()));

    expect((error as LlmUnavailableError).status).toBe(400);
    expect(fake.requestCount).toBe(1);
  });

  it('parses fenced JSON wrapped in prose in text mode', async () => {
    fake.reply(completion('Sure! Here is the summary you asked for:\n```json\n{"headline": "Rates rise", "bullets": ["The bank raised rates."]}\n```\nLet me know {if} you need more.'));
    const { client } = clientFor({ responseFormat: 'text' });

    const result = await client.complete(summaryRequest());

    expect(result.data).toEqual(validSummary);
    expect(result.format).toBe('text');
    expect('response_format' in (fake.requests[0]?.body ?? {})).toBe(false);
    expect(fake.requests[0]?.body.messages[1]?.content).toContain('JSON Schema');
  });
});

describe('keyless local servers', () => {
  it('sends a placeholder key as the bearer token', async () => {
    fake.reply(completion(validSummary));
    const { client } = clientFor({ apiKey: undefined });

    await client.complete(summaryRequest());

    expect(fake.requests[0]?.headers.authorization).toBe('Bearer not-needed');
    expect(client.endpointHost).toBe(`127.0.0.1:${fake.port}`);
  });
});

describe('the daily token budget', () => {
  const noon = new Date('2025-03-01T12:00:00Z');

  it('refuses before any request when the guild has spent its budget', async () => {
    const budget = createTokenBudget({ store: new Keyv(), dailyTokens: 100, now: () => noon });
    await budget.record('guild-1', 100);
    const { client } = clientFor({ budget });

    const error = await rejectionOf(client.complete({ ...summaryRequest(), guildId: 'guild-1' }));

    expect(error).toBeInstanceOf(TokenBudgetExhaustedError);
    expect((error as TokenBudgetExhaustedError).resetsAt.toISOString()).toBe('2025-03-02T00:00:00.000Z');
    expect(fake.requestCount).toBe(0);
  });

  it("records the call's total tokens against the guild after the call", async () => {
    const store = new Keyv();
    const budget = createTokenBudget({ store, dailyTokens: 1_000, now: () => noon });
    fake.reply(completion(validSummary, { usage: { prompt_tokens: 70, completion_tokens: 30, total_tokens: 100 } }));
    fake.reply(completion(validSummary, { usage: { prompt_tokens: 70, completion_tokens: 30, total_tokens: 100 } }));
    const { client } = clientFor({ budget });

    await client.complete({ ...summaryRequest(), guildId: 'guild-1' });
    await client.complete({ ...summaryRequest(), guildId: null });

    expect(await budget.spentToday('guild-1')).toBe(100);
    expect(await store.get('budget:guild-1:2025-03-01')).toBe(100);
  });

  it('reserves before the call, so calls made together cannot all pass a nearly spent budget', async () => {
    // A budget of 1 token admits the first call (nothing spent yet) and, with its reservation counted, no other.
    const budget = createTokenBudget({ store: new Keyv(), dailyTokens: 1, now: () => noon });
    fake.respondWith(() => completion(validSummary, { latencyMs: 30, usage: { prompt_tokens: 40, completion_tokens: 10, total_tokens: 50 } }));
    const { client } = clientFor({ budget });

    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => client.complete({ ...summaryRequest(), guildId: 'guild-1' })));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(TokenBudgetExhaustedError);
    expect(fake.requestCount).toBe(1);
    // The estimate is replaced by what the call spent.
    expect(await budget.spentToday('guild-1')).toBe(50);
  });

  it('gives the reservation back when the call fails before the endpoint answers', async () => {
    const budget = createTokenBudget({ store: new Keyv(), dailyTokens: 1_000, now: () => noon });
    fake.reply(apiError(400, 'bad request'));
    const { client } = clientFor({ budget, responseFormat: 'json_schema' });

    await expect(client.complete({ ...summaryRequest(), guildId: 'guild-1' })).rejects.toThrow();
    expect(await budget.spentToday('guild-1')).toBe(0);
  });

  it('counts tokens even when the answer then fails validation', async () => {
    const budget = createTokenBudget({ store: new Keyv(), dailyTokens: 1_000, now: () => noon });
    fake.reply(completion('not json', { usage: { prompt_tokens: 40, completion_tokens: 2, total_tokens: 42 } }));
    const { client } = clientFor({ budget });

    await expect(client.complete({ ...summaryRequest(), guildId: 'guild-1' })).rejects.toBeInstanceOf(LlmOutputError);
    expect(await budget.spentToday('guild-1')).toBe(42);
  });
});

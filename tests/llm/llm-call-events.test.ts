import { afterEach, describe, expect, it } from 'vitest';
import type { LlmCallEvent, LlmErrorKind } from '../../src/llm/call-event.js';
import { TokenBudgetExhaustedError } from '../../src/llm/errors.js';
import { apiError, completion, hang, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { createTestClient, summaryRequest, validSummary } from '../../test-support/llm-test-kit.js';

/** What the metrics hear from the LLM client (`onCall`, `onRetry`): one event per call, one kind per retried attempt. */

const fakes: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close().catch(() => undefined)));
});

async function observed(fake: FakeOpenAi, options: Parameters<typeof createTestClient>[1] = {}) {
  const calls: LlmCallEvent[] = [];
  const retries: LlmErrorKind[] = [];
  const { client } = createTestClient(fake, { onCall: (event) => calls.push(event), onRetry: (kind) => retries.push(kind), ...options });
  return { client, calls, retries };
}

async function fakeWith(...replies: Parameters<FakeOpenAi['reply']>) {
  const fake = await startFakeOpenAi({ replies });
  fakes.push(fake);
  return fake;
}

describe('LLM call events', () => {
  it('an answered call reports ok with the tokens the server counted, and each retried 429 as rate_limited', async () => {
    const fake = await fakeWith(apiError(429, 'slow down'), completion(validSummary, { usage: { prompt_tokens: 120, completion_tokens: 30 } }));
    const { client, calls, retries } = await observed(fake);
    await client.complete(summaryRequest());
    expect(retries).toEqual(['rate_limited']);
    expect(calls).toEqual([{ outcome: 'ok', usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 } }]);
  });

  it.each([
    ['server', () => [apiError(500, 'boom'), apiError(502, 'boom')]],
    ['auth', () => [apiError(401, 'bad key')]],
    ['rejected', () => [apiError(404, 'no such model')]],
  ] as const)('a call the endpoint refuses for good reports the kind %s', async (kind, replies) => {
    const fake = await fakeWith(...replies());
    const { client, calls } = await observed(fake, { maxRetries: 1 });
    await expect(client.complete(summaryRequest())).rejects.toThrow();
    expect(calls).toEqual([{ outcome: 'error', kind, usage: null }]);
  });

  it('an answer that is not the schema reports malformed, with the tokens it still cost', async () => {
    const fake = await fakeWith(completion('not json at all', { usage: { prompt_tokens: 50, completion_tokens: 4 } }));
    const { client, calls } = await observed(fake);
    await expect(client.complete(summaryRequest())).rejects.toThrow();
    expect(calls).toEqual([{ outcome: 'error', kind: 'malformed', usage: { promptTokens: 50, completionTokens: 4, totalTokens: 54 } }]);
  });

  it('a refusal and an answer cut at max_tokens are told apart', async () => {
    const fake = await fakeWith(completion(null, { refusal: 'I cannot help with that.' }), completion('{"headline": "Ra', { finishReason: 'length' }));
    const { client, calls } = await observed(fake);
    await expect(client.complete(summaryRequest())).rejects.toThrow();
    await expect(client.complete(summaryRequest())).rejects.toThrow();
    expect(calls.map((event) => (event.outcome === 'error' ? event.kind : 'ok'))).toEqual(['refused', 'truncated']);
  });

  it('a timeout, a closed port and a spent budget each have their kind', async () => {
    const slow = await fakeWith(hang());
    const timedOut = await observed(slow, { timeoutMs: 100, maxRetries: 0 });
    await expect(timedOut.client.complete(summaryRequest())).rejects.toThrow();

    const closed = await startFakeOpenAi();
    await closed.close();
    const refused = await observed(closed, { maxRetries: 0 });
    await expect(refused.client.complete(summaryRequest())).rejects.toThrow();

    const budgeted = await observed(slow, {
      budget: {
        assertAvailable: async () => Promise.reject(new TokenBudgetExhaustedError(new Date())),
        reserve: async () => Promise.reject(new TokenBudgetExhaustedError(new Date())),
        record: async () => undefined,
        spentToday: async () => 0,
      },
    });
    await expect(budgeted.client.complete(summaryRequest({ guildId: '1' }))).rejects.toThrow(TokenBudgetExhaustedError);

    expect([...timedOut.calls, ...refused.calls, ...budgeted.calls]).toEqual([
      { outcome: 'error', kind: 'timeout', usage: null },
      { outcome: 'error', kind: 'connection', usage: null },
      { outcome: 'error', kind: 'budget', usage: null },
    ]);
  });

  it('a call its caller aborts reports aborted, not a failure of the endpoint', async () => {
    const fake = await fakeWith(hang());
    const { client, calls } = await observed(fake);
    const controller = new AbortController();
    const call = client.complete(summaryRequest({ signal: controller.signal }));
    controller.abort();
    await expect(call).rejects.toBeDefined();
    expect(calls).toEqual([{ outcome: 'error', kind: 'aborted', usage: null }]);
  });
});

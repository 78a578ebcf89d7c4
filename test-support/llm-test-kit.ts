import { z } from 'zod';
import { createLlmClient, type LlmClientOptions, type OpenAiCompatibleClient } from '../src/llm/create-llm-client.js';
import type { CompletionRequest, OutputSchema } from '../src/llm/types.js';
import { captureLog, type LogRecord } from './capture-log.js';
import type { FakeOpenAi } from './fake-openai.js';

/** Shared by the LLM client tests: a small output schema, a request, and a client wired to a fake. */

export const summaryOutput: OutputSchema<{ headline: string; bullets: string[] }> = {
  name: 'summary',
  description: 'A headline and its bullets.',
  schema: z.object({ headline: z.string(), bullets: z.array(z.string()).min(1) }),
};

export const validSummary = { headline: 'Rates rise', bullets: ['The bank raised rates.'] };

export const TEST_API_KEY = 'sk-test-do-not-log';

export function summaryRequest(extra: Partial<CompletionRequest<{ headline: string; bullets: string[] }>> = {}) {
  return {
    messages: [
      { role: 'system' as const, content: 'You summarise news.' },
      { role: 'user' as const, content: 'Article: the bank raised rates.' },
    ],
    output: summaryOutput,
    temperature: 0.2,
    maxTokens: 300,
    ...extra,
  };
}

export interface TestClient {
  client: OpenAiCompatibleClient;
  /** Every wait the retry policy asked for, in ms. */
  sleeps: number[];
  /** Parsed pino lines. */
  logs: LogRecord[];
  /** The raw pino output, to check nothing secret reached it. */
  logText: () => string;
}

/** Fast defaults: no real waiting between retries, no jitter, limits far above what a test sends. */
export function createTestClient(fake: FakeOpenAi, overrides: Partial<LlmClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const captured = captureLog('info');
  const log = captured.log;
  const client = createLlmClient({
    apiKey: TEST_API_KEY,
    baseUrl: fake.baseUrl,
    model: 'gpt-test',
    responseFormat: 'auto',
    timeoutMs: 5_000,
    maxConcurrent: 4,
    rpm: 60_000,
    tpm: 10_000_000,
    maxRetries: 3,
    log,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
  });
  return {
    client,
    sleeps,
    logs: captured.lines,
    logText: captured.text,
  };
}

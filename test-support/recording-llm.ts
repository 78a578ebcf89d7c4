import type { CompletionRequest, LlmClient } from '../src/llm/types.js';

/** What the fake model answers to one request: a value the output schema checks, or an error to throw. */
export type RecordedAnswer = unknown | Error;

export interface RecordingLlm extends LlmClient {
  /** Every request, in order, exactly as the caller built it: assert on the prompt sent. */
  readonly calls: Array<CompletionRequest<unknown>>;
}

/**
 * An in-process model for unit tests, after vercel/ai's MockLanguageModel: no HTTP, no limiter,
 * no retries. Each answer is checked by the request's own output schema, as the real client
 * checks the endpoint's JSON, so a test cannot pass a value the real path would refuse. The
 * end-to-end tests keep the real openai client against the loopback fake instead.
 */
export function createRecordingLlm(answer: (request: CompletionRequest<unknown>, call: number) => RecordedAnswer, model = 'gpt-test'): RecordingLlm {
  const calls: Array<CompletionRequest<unknown>> = [];
  return {
    model,
    endpointHost: 'recording.invalid',
    calls,
    async complete<T>(request: CompletionRequest<T>) {
      calls.push(request as CompletionRequest<unknown>);
      const answered = answer(request as CompletionRequest<unknown>, calls.length);
      if (answered instanceof Error) throw answered;
      const data = request.output.schema.parse(answered);
      const raw = JSON.stringify(answered);
      return { data, raw, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, model, format: 'json_schema', attempts: 1 };
    },
  };
}

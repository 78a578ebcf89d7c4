import { setTimeout as wait } from 'node:timers/promises';
// The bench reuses the tests' fake OpenAI server (test-support/), so both talk to the same loopback stand-in.
import { completion, startFakeOpenAi, type ChatRequestBody, type FakeOpenAi, type FakeOpenAiOptions } from '../../test-support/fake-openai.js';

export interface TimedFakeLlmOptions {
  /** How long the "model" takes for every call, from the request's arrival to its answer being ready. */
  latencyMs: number;
  /** The answer's content, built from the request (see test-support/scripted-model.ts). */
  answer: (body: ChatRequestBody) => object;
  rpmLimit?: FakeOpenAiOptions['rpmLimit'];
}

export interface TimedFakeLlm {
  fake: FakeOpenAi;
  /**
   * Milliseconds the fake spent on request `index`, measured on the server: from its arrival to
   * its answer being ready. Writing the answer out (well under 1 ms) is left to the caller's side.
   */
  serverMs(index: number): number;
}

/** The fake OpenAI server with a fixed latency that it measures itself, so a caller can subtract it exactly. */
export async function startTimedFakeLlm(options: TimedFakeLlmOptions): Promise<TimedFakeLlm> {
  const finishedAt = new Map<number, number>();
  const fake = await startFakeOpenAi(options.rpmLimit ? { rpmLimit: options.rpmLimit } : {});
  fake.respondWith(async (body, index) => {
    const content = options.answer(body);
    const arrivedAt = fake.requests[index]?.receivedAt ?? performance.now();
    const remaining = arrivedAt + options.latencyMs - performance.now();
    if (remaining > 0) await wait(remaining);
    finishedAt.set(index, performance.now());
    return completion(content);
  });
  return {
    fake,
    serverMs(index) {
      const arrivedAt = fake.requests[index]?.receivedAt;
      const finished = finishedAt.get(index);
      if (arrivedAt === undefined || finished === undefined) throw new Error(`fake LLM: request #${index} has no timing`);
      return finished - arrivedAt;
    },
  };
}

import type { ChatRequestBody } from '../../test-support/fake-openai.js';
import { promptOf, quotesIn, scriptedReply, type ScriptOptions } from '../../test-support/scripted-model.js';

export interface BenchModel {
  /** The scripted answer to one request. */
  answer(body: ChatRequestBody): object;
  /** Quotes sent in all answers so far, and how many of them were not copied from the article. */
  readonly sent: number;
  readonly mangled: number;
}

/** The tests' scripted model (test-support/scripted-model.ts), counting the quotes it sends and mangles. */
export function createBenchModel(options: ScriptOptions = {}): BenchModel {
  let sent = 0;
  let mangled = 0;
  return {
    answer(body) {
      const reply = scriptedReply(body, options);
      if (!('quotes' in reply) || !Array.isArray(reply.quotes)) return reply;
      const quotes = reply.quotes as Array<{ text: string }>;
      const source = new Set(quotesIn(promptOf(body).text));
      sent += quotes.length;
      mangled += quotes.filter((quote) => !source.has(quote.text)).length;
      return { ...reply, quotes };
    },
    get sent() {
      return sent;
    },
    get mangled() {
      return mangled;
    },
  };
}

import type { ChatRequestBody } from '../../tests/helpers/fake-openai.js';
import { promptOf, quotesIn, scriptedReply, type ScriptOptions } from '../../tests/helpers/scripted-model.js';

export interface BenchModel {
  /** The scripted answer to one request. */
  answer(body: ChatRequestBody): object;
  /** Quotes sent in all answers so far, and how many of them were not copied from the article. */
  readonly sent: number;
  readonly mangled: number;
}

/**
 * The tests' scripted model (tests/helpers/scripted-model.ts), held to the `maxItems` the request's
 * JSON Schema puts on quotes, as structured-output decoding holds a real model: the script copies
 * every quote in the article, and one CNN/DM article has more than the schema's 20.
 */
export function createBenchModel(options: ScriptOptions = {}): BenchModel {
  let sent = 0;
  let mangled = 0;
  return {
    answer(body) {
      const reply = scriptedReply(body, options);
      if (!('quotes' in reply) || !Array.isArray(reply.quotes)) return reply;
      const limit = quotesMaxItems(body) ?? reply.quotes.length;
      const quotes = (reply.quotes as Array<{ text: string }>).slice(0, limit);
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

function quotesMaxItems(body: ChatRequestBody): number | null {
  const properties = body.response_format?.json_schema?.schema?.['properties'] as { quotes?: { maxItems?: unknown } } | undefined;
  const maxItems = properties?.quotes?.maxItems;
  return typeof maxItems === 'number' ? maxItems : null;
}

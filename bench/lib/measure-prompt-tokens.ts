import type { Article } from '../../src/article/types.js';
import { countPromptTokens, countTextTokens } from '../../src/llm/count-tokens.js';
import type { ChatMessage } from '../../src/llm/types.js';
import type { ChatRequestBody } from '../../test-support/fake-openai.js';

export interface PromptTokens {
  /** All messages as countPromptTokens counts them (framing included), less the article's own text. */
  messages: number;
  /** `response_format` as sent, schema included: the server shows it to the model too. */
  schema: number;
  total: number;
}

/** Item 5: what a summarize request costs in prompt tokens beyond the article, read off the body the fake received. */
export function promptTokensBeyondArticle(body: ChatRequestBody, article: Article): PromptTokens {
  const messages: ChatMessage[] = body.messages.map((message) => ({ role: message.role as ChatMessage['role'], content: message.content }));
  const beyond = countPromptTokens(messages) - countTextTokens(article.text);
  const schema = body.response_format ? countTextTokens(JSON.stringify(body.response_format)) : 0;
  return { messages: beyond, schema, total: beyond + schema };
}

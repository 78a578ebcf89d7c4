import type OpenAI from 'openai';
import { LlmAttemptError } from './errors.js';
import { deriveJsonSchema } from './json-schema.js';
import type { ChatMessage, OutputSchema, ResponseFormat } from './types.js';

/** The order `auto` walks: the strictest a server accepts wins. */
export const FORMAT_ORDER: readonly ResponseFormat[] = ['json_schema', 'json_object', 'text'];

/** The next, looser format, or null when `text` (which every server takes) was already refused. */
export function nextFormat(format: ResponseFormat): ResponseFormat | null {
  return FORMAT_ORDER[FORMAT_ORDER.indexOf(format) + 1] ?? null;
}

export interface FormattedRequest {
  messages: ChatMessage[];
  responseFormat: OpenAI.Chat.ChatCompletionCreateParams['response_format'] | undefined;
  /** Text the server adds to the prompt on our behalf (the schema), for the TPM weight. */
  hiddenPromptText: string;
}

/**
 * The messages and `response_format` for one format. Without json_schema the model cannot see the
 * schema, so it is described in a system message placed after the caller's own system messages.
 */
export function applyResponseFormat(messages: readonly ChatMessage[], output: OutputSchema<unknown>, format: ResponseFormat): FormattedRequest {
  const derived = deriveJsonSchema(output);
  if (format === 'json_schema') {
    return {
      messages: [...messages],
      responseFormat: {
        type: 'json_schema',
        json_schema: { name: derived.name, description: output.description, schema: derived.schema, strict: derived.strict },
      },
      hiddenPromptText: JSON.stringify(derived.schema),
    };
  }
  const instruction: ChatMessage = { role: 'system', content: describeSchema(output, derived.schema) };
  const leadingSystem = messages.findIndex((message) => message.role !== 'system');
  const insertAt = leadingSystem === -1 ? messages.length : leadingSystem;
  return {
    messages: [...messages.slice(0, insertAt), instruction, ...messages.slice(insertAt)],
    responseFormat: format === 'json_object' ? { type: 'json_object' } : undefined,
    hiddenPromptText: '',
  };
}

function describeSchema(output: OutputSchema<unknown>, schema: Record<string, unknown>): string {
  return [
    'Answer with exactly one JSON object and nothing else: no prose before or after it, no code fences.',
    `It is "${output.name}": ${output.description}`,
    'It must match this JSON Schema:',
    JSON.stringify(schema),
  ].join('\n');
}

/**
 * True when a 400 says the server cannot take the response format we sent. Servers phrase it in
 * many ways ("'response_format' of type 'json_schema' is not supported with this model",
 * "response_format type must be one of text or json_object", "'response_format.type' must be
 * 'json_schema'", OpenAI's "Invalid schema for response_format"), but all name the parameter or
 * the format; that is the rule. Any other 400 is a real error in the request and is not stepped
 * over.
 */
export function isFormatRejection(error: unknown): boolean {
  if (!(error instanceof LlmAttemptError) || error.failure !== 'http' || error.status !== 400) return false;
  return /response[_ .-]?format|json[_ -]?schema|json[_ -]?object|structured[_ -]?outputs?/i.test(`${error.message} ${error.code ?? ''}`);
}

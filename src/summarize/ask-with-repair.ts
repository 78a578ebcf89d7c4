import { LlmOutputError } from '../llm/errors.js';
import type { PromptTemplate } from '../llm/prompt-registry.js';
import type { Completion, LlmClient } from '../llm/types.js';

export interface AskOptions {
  variables: Record<string, string | number>;
  guildId?: string | null | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * One call, and on a malformed, invalid or cut-off answer one repair call that shows the model
 * what was wrong. A second failure is thrown for the caller's fallback.
 */
export async function askWithRepair<T>(llm: LlmClient, prompt: PromptTemplate, options: AskOptions): Promise<Completion<T>> {
  const messages = prompt.render(options.variables);
  const request = {
    output: { name: prompt.output.name, description: prompt.output.description, schema: prompt.output.schema },
    temperature: prompt.temperature,
    maxTokens: prompt.maxTokens,
    guildId: options.guildId ?? null,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  try {
    return (await llm.complete({ ...request, messages })) as Completion<T>;
  } catch (error) {
    if (!(error instanceof LlmOutputError)) throw error;
    const repair = [
      ...messages,
      { role: 'assistant' as const, content: error.raw.slice(0, 8000) },
      { role: 'user' as const, content: `That answer was not valid: ${error.problem}\nAnswer again with only the corrected JSON object${error.name === 'LlmTruncatedError' ? ', shorter' : ''}.` },
    ];
    return (await llm.complete({ ...request, messages: repair })) as Completion<T>;
  }
}

import type { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** How the model is asked for JSON. `auto` steps down this list when a server rejects a format. */
export type ResponseFormat = 'json_schema' | 'json_object' | 'text';

export interface OutputSchema<T> {
  /** A short identifier, sent as the JSON schema's name. */
  name: string;
  description: string;
  schema: z.ZodType<T>;
}

export interface CompletionRequest<T> {
  messages: ChatMessage[];
  output: OutputSchema<T>;
  temperature: number;
  maxTokens: number;
  /** Whose daily token budget pays for the call (GUILD_DAILY_TOKENS); null for the CLI. */
  guildId?: string | null;
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface Completion<T> {
  data: T;
  /** The raw text the model answered, kept for repair prompts and logs. */
  raw: string;
  usage: TokenUsage;
  model: string;
  format: ResponseFormat;
  /** 1 when the first try succeeded. */
  attempts: number;
}

export interface LlmClient {
  readonly model: string;
  /** The base URL's host, part of the cache key (CONTRACTS §5). */
  readonly endpointHost: string;
  complete<T>(request: CompletionRequest<T>): Promise<Completion<T>>;
  /** Releases timers and drops queued calls, for a clean shutdown. */
  close?(): Promise<void>;
}

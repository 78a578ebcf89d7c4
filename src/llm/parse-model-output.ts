import type { z } from 'zod';
import { LlmOutputError } from './errors.js';
import type { OutputSchema } from './types.js';

/**
 * The model's text, parsed and checked against the schema. Lenient about the wrapping (models
 * outside json_schema mode like code fences and a sentence of preamble), strict about the content:
 * whatever is found must pass `safeParse`.
 * @throws LlmOutputError with the raw text and a problem description meant for a repair prompt.
 */
export function parseModelOutput<T>(raw: string, output: OutputSchema<T>): T {
  const json = parseJsonLeniently(raw);
  if (!json.ok) {
    throw new LlmOutputError(`The model's answer for ${output.name} is not JSON: ${json.error}`, raw, `The answer is not valid JSON (${json.error}). Answer with one JSON object only.`);
  }
  const result = output.schema.safeParse(json.value);
  if (!result.success) {
    const problem = describeIssues(result.error.issues);
    throw new LlmOutputError(`The model's answer does not match the ${output.name} schema:\n${problem}`, raw, `The JSON does not match the schema:\n${problem}`);
  }
  return result.data;
}

type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Tries the text as is, then inside a code fence, then its outermost `{...}` block. */
export function parseJsonLeniently(raw: string): JsonParse {
  const candidates = [raw.trim()];
  const fenced = /```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)```/.exec(raw)?.[1];
  if (fenced !== undefined) candidates.push(fenced.trim());
  const block = outermostObject(raw);
  if (block !== null) candidates.push(block);

  let firstError = '';
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (error) {
      firstError ||= error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, error: raw.trim() === '' ? 'the answer is empty' : firstError };
}

/**
 * From the first `{` to the brace that closes it, skipping braces inside strings, so prose after
 * the object (which may hold braces of its own) is left out. An unclosed object (a cut-off
 * answer) falls back to the last `}` in the text.
 */
function outermostObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start === -1) return null;
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (character === '{') {
      depth += 1;
    } else if (character === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  const end = text.lastIndexOf('}');
  return end > start ? text.slice(start, end + 1) : null;
}

/** One line per issue, `path: message`, e.g. `quotes[0].speaker: Invalid input: expected string, received number`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `- ${formatPath(issue.path)}: ${issue.message}`).join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole object)';
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

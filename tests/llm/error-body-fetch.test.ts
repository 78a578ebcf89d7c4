import { describe, expect, it } from 'vitest';
import { toOpenAiErrorBody } from '../../src/llm/error-body-fetch.js';

describe('toOpenAiErrorBody', () => {
  it("leaves OpenAI's own shape and non-JSON bodies alone", () => {
    const openAi = JSON.stringify({ error: { message: 'no', type: 'invalid_request_error' } });
    expect(toOpenAiErrorBody(openAi)).toBe(openAi);
    expect(toOpenAiErrorBody('Bad Gateway')).toBe('Bad Gateway');
  });

  it('moves a top-level message, a string error or a FastAPI detail under error.message', () => {
    expect(JSON.parse(toOpenAiErrorBody(JSON.stringify({ object: 'error', message: 'json_schema unsupported', code: 400 })))).toEqual({
      error: { object: 'error', message: 'json_schema unsupported', code: 400 },
    });
    expect(JSON.parse(toOpenAiErrorBody(JSON.stringify({ error: 'model not found' })))).toEqual({ error: { message: 'model not found' } });
    expect(JSON.parse(toOpenAiErrorBody(JSON.stringify({ detail: [{ msg: 'field required' }] })))).toEqual({
      error: { detail: [{ msg: 'field required' }], message: '[{"msg":"field required"}]' },
    });
  });
});

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The SDK reads an error's message from `{ "error": { "message" } }`, OpenAI's shape. Compatible
 * servers also answer `{ "message": … }` (vLLM, top level), `{ "error": "…" }` or `{ "detail": … }`
 * (FastAPI); the SDK would then report "400 status code (no body)" and the format step-down
 * could not read why the server refused. This fetch rewrites those bodies into OpenAI's shape.
 */
export function fetchWithOpenAiErrorBodies(fetchImplementation: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await fetchImplementation(input, init);
    if (response.ok) return response;
    const text = await response.text();
    const headers = new Headers(response.headers);
    // The body is decoded and may change length.
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(toOpenAiErrorBody(text), { status: response.status, statusText: response.statusText, headers });
  };
}

export function toOpenAiErrorBody(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof body !== 'object' || body === null) return text;
  const fields = body as Record<string, unknown>;
  if (typeof fields['error'] === 'object' && fields['error'] !== null) return text;
  if (typeof fields['error'] === 'string') return JSON.stringify({ error: { message: fields['error'] } });
  const message = fields['message'] ?? fields['detail'];
  if (message === undefined) return text;
  return JSON.stringify({ error: { ...fields, message: typeof message === 'string' ? message : JSON.stringify(message) } });
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The SDK reads an error's message from `{ "error": { "message" } }`, OpenAI's shape. Compatible
 * servers also answer `{ "message": … }` (vLLM, top level), `{ "error": "…" }` or `{ "detail": … }`
 * (FastAPI); the SDK would then report "400 status code (no body)" and the format step-down
 * could not read why the server refused. This fetch rewrites those bodies into OpenAI's shape,
 * without the secrets `scrub` knows (a 401 may echo the key, a 5xx the request's headers): the SDK
 * makes its error, and so every message and log line after it, from this body.
 */
export function fetchWithOpenAiErrorBodies(fetchImplementation: Fetch = fetch, scrub: (text: string) => string = (text) => text): Fetch {
  return async (input, init) => {
    const response = await fetchImplementation(input, init);
    if (response.ok) return response;
    // Scrubbed before anything is cut, so that no cut can leave part of a secret the scrubber no longer knows.
    const text = scrub(await response.text());
    const headers = new Headers(response.headers);
    // The body is decoded and may change length.
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(boundErrorBody(toOpenAiErrorBody(text)), { status: response.status, statusText: response.statusText, headers });
  };
}

/** An error's message is a sentence or a paragraph; past this, the body is a page of HTML or a dump. */
const MAX_ERROR_MESSAGE_CHARS = 2000;

/**
 * What the SDK makes its error message from, kept to a paragraph: that message is quoted in our
 * errors and serialised, with every cause, into log lines, and a body may be megabytes. An
 * OpenAI-shaped body keeps only its small fields.
 */
export function boundErrorBody(text: string): string {
  if (text.length <= MAX_ERROR_MESSAGE_CHARS) return text;
  let error: Record<string, unknown> | null = null;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'object' && body.error !== null) error = body.error as Record<string, unknown>;
  } catch {
    // Not JSON: cut as text below.
  }
  if (error === null) return clip(text);
  const small = (value: unknown) => (typeof value === 'string' ? clip(value, 200) : typeof value === 'number' ? value : null);
  return JSON.stringify({
    error: { message: typeof error['message'] === 'string' ? clip(error['message']) : '', type: small(error['type']), param: small(error['param']), code: small(error['code']) },
  });
}

function clip(text: string, max = MAX_ERROR_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
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

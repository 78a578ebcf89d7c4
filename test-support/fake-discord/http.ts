import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reading requests, recording them, and answering in Discord's error shape. */

export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface Call {
  method: string;
  /**
   * Decoded, without `/api/v10`: `/interactions/ID/TOKEN/callback`,
   * `/webhooks/APP/TOKEN/messages/@original`, `/channels/C/messages/M/reactions/👍/@me`.
   * Downloads of served files keep their own path (`/attachments/…`).
   */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON; for multipart, the parsed `payload_json`. `undefined` without a body. */
  body: unknown;
  files: RecordedFile[];
  /** The Authorization header (`Bot …`), or null: interaction callbacks carry none. */
  authorization: string | null;
  /** `performance.now()` at arrival. */
  at: number;
  /** The status the fake answered. */
  status: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes (served files). */
  raw?: { data: Buffer; contentType: string };
}

export async function readRequest(request: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const buffer = Buffer.concat(chunks);
  if (buffer.length === 0) return { body: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(buffer, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({ field, name: value.name, contentType: value.type || 'application/octet-stream', data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  const text = buffer.toString('utf8');
  return { body: contentType.includes('json') ? JSON.parse(text) : text, files: [] };
}

/** `{ message, code }`, Discord's error body. */
export function apiError(status: number, code: number, message: string): Reply {
  return { status, body: { message, code } };
}

/**
 * Discord's 400 for a body that breaks a limit: `errors` nests by path, e.g.
 * `embeds.0.description` → `{ embeds: { 0: { description: { _errors: [...] } } } }`.
 */
export function invalidFormBody(problems: Array<{ path: string; code: string; message: string }>): Reply {
  const errors: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = errors;
    for (const key of problem.path.split('.')) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as unknown[];
    list.push({ code: problem.code, message: problem.message });
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

export const notFound = {
  route: (): Reply => apiError(404, 0, 'Unknown route'),
  channel: (): Reply => apiError(404, 10003, 'Unknown Channel'),
  guild: (): Reply => apiError(404, 10004, 'Unknown Guild'),
  member: (): Reply => apiError(404, 10007, 'Unknown Member'),
  message: (): Reply => apiError(404, 10008, 'Unknown Message'),
  application: (): Reply => apiError(404, 10002, 'Unknown Application'),
  command: (): Reply => apiError(404, 10063, 'Unknown application command'),
  webhook: (): Reply => apiError(404, 10015, 'Unknown Webhook'),
  interaction: (): Reply => apiError(404, 10062, 'Unknown interaction'),
};

export const forbidden = {
  access: (): Reply => apiError(403, 50001, 'Missing Access'),
  permissions: (): Reply => apiError(403, 50013, 'Missing Permissions'),
};

export function send(response: ServerResponse, reply: Reply): void {
  if (response.destroyed || response.headersSent) return;
  if (reply.raw) {
    response.writeHead(reply.status, { 'content-type': reply.raw.contentType, 'content-length': String(reply.raw.data.length), ...reply.headers });
    response.end(reply.raw.data);
    return;
  }
  if (reply.status === 204 || reply.body === undefined) {
    response.writeHead(reply.status, { ...reply.headers }).end();
    return;
  }
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

type Params = Record<string, string>;
export interface RouteContext {
  params: Params;
  call: Call;
}
export type RouteHandler = (context: RouteContext) => Reply | Promise<Reply>;

/**
 * A tiny router over decoded path segments: `/channels/:channel/messages/:message`.
 * A literal segment matches exactly; `:name` matches one segment.
 */
export function createRouter(routes: Array<[method: string, pattern: string, handler: RouteHandler]>) {
  const compiled = routes.map(([method, pattern, handler]) => ({ method, segments: pattern.split('/').filter(Boolean), handler }));
  return (method: string, segments: string[]): { handler: RouteHandler; params: Params } | null => {
    for (const route of compiled) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Params = {};
      const matches = route.segments.every((part, index) => {
        const actual = segments[index] ?? '';
        if (part.startsWith(':')) {
          params[part.slice(1)] = actual;
          return true;
        }
        return part === actual;
      });
      if (matches) return { handler: route.handler, params };
    }
    return null;
  };
}

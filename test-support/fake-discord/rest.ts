import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from './gateway.js';
import { type Call, type Reply, type RouteHandler, apiError, createRouter, invalidFormBody, notFound, readRequest, send } from './http.js';
import { channelRoutes } from './rest-channels.js';
import { activeThreadsRoute } from './forums.js';
import { interactionRoutes } from './rest-interactions.js';
import { type Json, snowflake } from './payloads.js';
import { type DiscordState, type RegisteredCommand, guildPayload } from './state.js';
import { commandProblems } from './validate.js';

/**
 * The HTTP side: records every request as a `Call`, applies injected failures, routes `/api/v10/…`
 * and serves uploaded files under `/attachments/…`. Unknown routes get 404 `{ message, code: 0 }`
 * and are listed in `unknownRoutes`.
 */

export interface FailureRule {
  method?: string;
  /** Matched against the decoded path (see `Call.path`): exact string or RegExp. */
  path: string | RegExp;
  reply: { status: number; code?: number; message?: string; body?: unknown; headers?: Record<string, string> };
  /** How many more requests it fails. */
  remaining: number;
}

export interface RestRecorder {
  calls: Call[];
  unknownRoutes: Call[];
  failures: FailureRule[];
  /** Called after each call is answered. */
  onCall: Set<(call: Call) => void>;
  handle(request: IncomingMessage, response: ServerResponse): void;
}

export function createRest(state: DiscordState, gateway: Gateway): RestRecorder {
  const recorder: RestRecorder = { calls: [], unknownRoutes: [], failures: [], onCall: new Set(), handle };
  const route = createRouter([
    ['GET', '/gateway/bot', () => ({ status: 200, body: gatewayBot(state) })],
    ['GET', '/gateway', () => ({ status: 200, body: { url: gatewayBot(state).url } })],
    ['GET', '/users/@me', () => ({ status: 200, body: { ...state.botUser, bot: true, verified: true, flags: 0 } })],
    ['GET', '/applications/@me', () => ({ status: 200, body: application(state) })],
    ['GET', '/oauth2/applications/@me', () => ({ status: 200, body: application(state) })],
    ...commandRoutes(state, '/applications/:app/commands'),
    ...commandRoutes(state, '/applications/:app/guilds/:guild/commands'),
    ...guildRoutes(state),
    ...interactionRoutes(state, gateway),
    ...channelRoutes(state, gateway),
    activeThreadsRoute(state),
  ]);

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const at = performance.now();
    const url = new URL(request.url ?? '/', state.origin);
    void readRequest(request)
      .catch(() => null)
      .then(async (parsed) => {
        const api = url.pathname.startsWith('/api/v10/');
        const segments = (api ? url.pathname.slice('/api/v10'.length) : url.pathname).split('/').filter(Boolean).map(safeDecode);
        const call: Call = {
          method: request.method ?? 'GET',
          path: `/${segments.join('/')}`,
          query: Object.fromEntries(url.searchParams),
          body: parsed?.body,
          files: parsed?.files ?? [],
          authorization: request.headers.authorization ?? null,
          at,
          status: 0,
        };
        recorder.calls.push(call);
        const reply = parsed ? await answer(call, api, url.pathname, segments) : apiError(400, 50109, 'The request body contains invalid JSON.');
        call.status = reply.status;
        send(response, reply);
        for (const listener of recorder.onCall) listener(call);
      })
      .catch((error: unknown) => send(response, apiError(400, 0, `fake-discord: ${String(error)}`)));
  }

  async function answer(call: Call, api: boolean, rawPath: string, segments: string[]): Promise<Reply> {
    const matches = (rule: FailureRule) =>
      (!rule.method || rule.method === call.method) && (typeof rule.path === 'string' ? rule.path === call.path : rule.path.test(call.path));
    const failure = recorder.failures.find((rule) => rule.remaining > 0 && matches(rule));
    if (failure) {
      failure.remaining -= 1;
      const { status, code = 0, message = 'fake-discord: injected failure', body, headers } = failure.reply;
      return { status, body: body ?? { message, code }, ...(headers ? { headers } : {}) };
    }
    if (!api) {
      const file = call.method === 'GET' ? state.files.get(rawPath) : undefined;
      return file ? { status: 200, raw: file } : unknown(call);
    }
    const matched = route(call.method, segments);
    if (!matched) return unknown(call);
    try {
      return await matched.handler({ params: matched.params, call });
    } catch (error) {
      // A bug in the fake: a 400 (not a 5xx, which discord.js would retry) that names it.
      return apiError(400, 0, `fake-discord: handler for ${call.method} ${call.path} threw: ${String(error)}`);
    }
  }

  function unknown(call: Call): Reply {
    recorder.unknownRoutes.push(call);
    return notFound.route();
  }

  return recorder;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function gatewayBot(state: DiscordState) {
  return {
    url: state.origin.replace(/^http/, 'ws'),
    shards: state.recommendedShards,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: state.maxConcurrency },
  };
}

function application(state: DiscordState): Json {
  return {
    id: state.applicationId,
    name: String(state.botUser.username),
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: { id: '900000000000000002', username: 'owner', global_name: null, discriminator: '0', avatar: null },
    bot: { ...state.botUser, bot: true },
    approximate_guild_count: state.guilds.size,
    integration_types_config: { 0: {} },
  };
}

/**
 * GET (list), PUT (bulk overwrite: a command keeps its id when name and type match), POST
 * (create or replace one), GET/PATCH/DELETE one. Bodies are validated like Discord does.
 */
function commandRoutes(state: DiscordState, base: string): Array<[string, string, RouteHandler]> {
  const listFor = (params: Record<string, string>): RegisteredCommand[] | Reply => {
    if (params.app !== state.applicationId) return notFound.application();
    if (params.guild === undefined) return state.globalCommands;
    if (!state.guilds.has(params.guild)) return apiError(403, 50001, 'Missing Access');
    return state.guildCommands.get(params.guild) ?? [];
  };
  const save = (params: Record<string, string>, commands: RegisteredCommand[]) => {
    if (params.guild === undefined) state.globalCommands = commands;
    else state.guildCommands.set(params.guild, commands);
  };
  const build = (params: Record<string, string>, body: Json, previous: RegisteredCommand[]): RegisteredCommand => {
    const type = typeof body.type === 'number' ? body.type : 1;
    const same = previous.find((command) => command.name === body.name && command.type === type);
    return {
      default_member_permissions: null,
      nsfw: false,
      description: '',
      ...body,
      id: same?.id ?? snowflake(),
      application_id: state.applicationId,
      version: snowflake(),
      type,
      name: String(body.name),
      ...(params.guild === undefined ? {} : { guild_id: params.guild }),
    };
  };
  const isReply = (value: unknown): value is Reply => !Array.isArray(value);

  const list: RouteHandler = ({ params }) => {
    const commands = listFor(params);
    return isReply(commands) ? commands : { status: 200, body: commands };
  };
  const overwrite: RouteHandler = ({ params, call }) => {
    const previous = listFor(params);
    if (isReply(previous)) return previous;
    const bodies = Array.isArray(call.body) ? (call.body as Json[]) : [];
    const problems = commandProblems(bodies);
    if (problems.length > 0) return invalidFormBody(problems);
    const commands = bodies.map((body) => build(params, body, previous));
    save(params, commands);
    return { status: 200, body: commands };
  };
  const create: RouteHandler = ({ params, call }) => {
    const previous = listFor(params);
    if (isReply(previous)) return previous;
    const body = (call.body ?? {}) as Json;
    const problems = commandProblems([body]);
    if (problems.length > 0) return invalidFormBody(problems);
    const command = build(params, body, previous);
    save(params, [...previous.filter((existing) => existing.id !== command.id), command]);
    return { status: previous.some((existing) => existing.id === command.id) ? 200 : 201, body: command };
  };
  const one = (method: 'GET' | 'PATCH' | 'DELETE'): RouteHandler => ({ params, call }) => {
    const previous = listFor(params);
    if (isReply(previous)) return previous;
    const command = previous.find((existing) => existing.id === params.command);
    if (!command) return notFound.command();
    if (method === 'GET') return { status: 200, body: command };
    if (method === 'DELETE') {
      save(params, previous.filter((existing) => existing !== command));
      return { status: 204 };
    }
    const patched = build(params, { ...command, ...(call.body as Json) }, previous);
    save(params, previous.map((existing) => (existing === command ? patched : existing)));
    return { status: 200, body: patched };
  };
  return [
    ['GET', base, list],
    ['PUT', base, overwrite],
    ['POST', base, create],
    ['GET', `${base}/:command`, one('GET')],
    ['PATCH', `${base}/:command`, one('PATCH')],
    ['DELETE', `${base}/:command`, one('DELETE')],
  ];
}

function guildRoutes(state: DiscordState): Array<[string, string, RouteHandler]> {
  const withGuild = (handler: (guild: NonNullable<ReturnType<typeof state.guilds.get>>, params: Record<string, string>) => Reply): RouteHandler => ({ params }) => {
    const guild = state.guilds.get(params.guild ?? '');
    return guild ? handler(guild, params) : notFound.guild();
  };
  return [
    ['GET', '/guilds/:guild', withGuild((guild) => ({ status: 200, body: guildPayload(guild) }))],
    ['GET', '/guilds/:guild/roles', withGuild((guild) => ({ status: 200, body: guild.roles }))],
    ['GET', '/guilds/:guild/channels', withGuild((guild) => ({ status: 200, body: guild.channelIds.flatMap((id) => state.channels.get(id) ?? []) }))],
    [
      'GET',
      '/guilds/:guild/members/:user',
      withGuild((guild, params) => {
        const member = guild.members.get(params.user === '@me' ? state.botUser.id : (params.user ?? ''));
        return member ? { status: 200, body: member } : notFound.member();
      }),
    ],
  ];
}

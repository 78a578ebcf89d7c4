import type { Gateway } from './gateway.js';
import { type Reply, type RouteContext, type RouteHandler, apiError, invalidFormBody, notFound } from './http.js';
import { createMessage, editMessage, isEmptyMessage, messageCreateFor } from './messages.js';
import type { FakeMessage, Json } from './payloads.js';
import { type DiscordState, type InteractionRecord, botAuthor } from './state.js';
import { autocompleteProblems, messageProblems, modalProblems } from './validate.js';

/**
 * Interaction callbacks and the interaction webhook (`@original`, follow-ups). Like Discord:
 * one callback per interaction, within `callbackDeadlineMs` of the dispatch (else 10062
 * "Unknown interaction"); the types an interaction allows; follow-ups only after the callback.
 */

type Body = Record<string, unknown>;

/** Which callback types each interaction type accepts (2 command, 3 component, 4 autocomplete, 5 modal). */
const ALLOWED_CALLBACKS: Record<number, number[]> = { 2: [4, 5, 9, 12], 3: [4, 5, 6, 7, 9, 12], 4: [8], 5: [4, 5, 6, 7] };

export function interactionRoutes(state: DiscordState, gateway: Gateway): Array<[string, string, RouteHandler]> {
  const echo = (message: FakeMessage) => {
    if (!(message.flags & 64)) gateway.dispatch('MESSAGE_CREATE', (session) => messageCreateFor(state, message, session));
  };

  const responseMessage = (record: InteractionRecord, body: Body, call: RouteContext['call'], extra: Partial<FakeMessage> = {}) => {
    const payload = record.payload as Json & { data?: { type?: number } };
    const type = payload.type === 2 ? (payload.data?.type === 1 ? 20 : 23) : 0;
    const user = (payload.member as Json | undefined)?.user ?? payload.user;
    return createMessage(state, record.channelId, body, call.files, {
      author: botAuthor(state),
      webhook_id: state.applicationId,
      application_id: state.applicationId,
      type,
      interaction_metadata: { id: payload.id, type: payload.type, user, authorizing_integration_owners: payload.authorizing_integration_owners },
      ...extra,
    });
  };

  const callback: RouteHandler = ({ params, call }) => {
    const record = state.interactions.get(params.id ?? '');
    if (!record || record.payload.token !== params.token) return notFound.interaction();
    if (record.callbacks.length > 0) return apiError(400, 40060, 'Interaction has already been acknowledged.');
    const latencyMs = call.at - record.dispatchedAt;
    if (latencyMs > state.callbackDeadlineMs) return notFound.interaction();
    const body = (call.body ?? {}) as { type?: number; data?: Body };
    const type = body.type ?? 0;
    const allowed = ALLOWED_CALLBACKS[record.payload.type] ?? [];
    const componentMessage = record.payload.message as FakeMessage | undefined;
    if (!allowed.includes(type) || ((type === 6 || type === 7) && !componentMessage)) {
      const message = `Callback type ${type} is not valid for interaction type ${record.payload.type}`;
      return invalidFormBody([{ path: 'type', code: 'INTERACTION_RESPONSE_TYPE_INVALID', message }]);
    }
    const data = body.data ?? {};
    const problems = type === 4 || type === 7 ? messageProblems(data) : type === 8 ? autocompleteProblems(data) : type === 9 ? modalProblems(data) : [];
    if (type === 4 && isEmptyMessage(data, call.files)) return apiError(400, 50006, 'Cannot send an empty message');
    const inData = type === 4 || type === 7; // message problems are reported under `data.`
    if (problems.length > 0) return invalidFormBody(problems.map((problem) => ({ ...problem, path: inData ? `data.${problem.path}` : problem.path })));
    record.callbacks.push({ type, data: body.data, at: call.at, latencyMs });

    let message: FakeMessage | undefined;
    if (type === 4) {
      message = responseMessage(record, data, call);
      echo(message);
    } else if (type === 5) {
      message = responseMessage(record, { flags: 128 | ((data.flags as number | undefined) ?? 0) }, call);
    } else if ((type === 6 || type === 7) && componentMessage) {
      message = state.messages.get(componentMessage.id) ?? componentMessage;
      state.messages.set(message.id, message);
      if (type === 7) editMessage(state, message, data, call.files);
    }
    if (message) record.originalId = message.id;
    if (call.query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.payload.id,
          type: record.payload.type,
          response_message_id: message?.id,
          response_message_loading: type === 5,
          response_message_ephemeral: message ? Boolean(message.flags & 64) : undefined,
        },
        resource: { type, ...(message ? { message } : {}) },
      },
    };
  };

  /** The record behind `/webhooks/{app}/{token}`, or the 404 Discord gives. */
  const webhookRecord = (params: Record<string, string>): InteractionRecord | Reply => {
    const record = state.interactionsByToken.get(params.token ?? '');
    if (params.app !== state.applicationId || !record || record.callbacks.length === 0) return notFound.webhook();
    return record;
  };
  const webhookMessage = (record: InteractionRecord, id: string): FakeMessage | Reply => {
    const resolved = id === '@original' ? record.originalId : record.followUpIds.includes(id) || id === record.originalId ? id : null;
    const message = resolved ? state.messages.get(resolved) : undefined;
    return message ?? notFound.message();
  };
  const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && 'status' in value;

  const followUp: RouteHandler = ({ params, call }) => {
    const record = webhookRecord(params);
    if (isReply(record)) return record;
    const body = (call.body ?? {}) as Body;
    if (isEmptyMessage(body, call.files)) return apiError(400, 50006, 'Cannot send an empty message');
    const problems = messageProblems(body);
    if (problems.length > 0) return invalidFormBody(problems);
    const message = responseMessage(record, body, call);
    record.followUpIds.push(message.id);
    echo(message);
    return call.query.wait === 'true' ? { status: 200, body: message } : { status: 204 };
  };

  const getMessage: RouteHandler = ({ params }) => {
    const record = webhookRecord(params);
    if (isReply(record)) return record;
    const message = webhookMessage(record, params.message ?? '');
    return isReply(message) ? message : { status: 200, body: message };
  };

  const patchMessage: RouteHandler = ({ params, call }) => {
    const record = webhookRecord(params);
    if (isReply(record)) return record;
    const message = webhookMessage(record, params.message ?? '');
    if (isReply(message)) return message;
    const body = (call.body ?? {}) as Body;
    const problems = messageProblems(body);
    if (problems.length > 0) return invalidFormBody(problems);
    return { status: 200, body: editMessage(state, message, body, call.files) };
  };

  const deleteMessage: RouteHandler = ({ params }) => {
    const record = webhookRecord(params);
    if (isReply(record)) return record;
    const message = webhookMessage(record, params.message ?? '');
    if (isReply(message)) return message;
    state.messages.delete(message.id);
    return { status: 204 };
  };

  return [
    ['POST', '/interactions/:id/:token/callback', callback],
    ['POST', '/webhooks/:app/:token', followUp],
    ['GET', '/webhooks/:app/:token/messages/:message', getMessage],
    ['PATCH', '/webhooks/:app/:token/messages/:message', patchMessage],
    ['DELETE', '/webhooks/:app/:token/messages/:message', deleteMessage],
  ];
}

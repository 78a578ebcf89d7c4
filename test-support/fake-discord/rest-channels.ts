import { PermissionFlagsBits } from 'discord.js';
import type { Gateway } from './gateway.js';
import { type Reply, type RouteHandler, apiError, forbidden, invalidFormBody, notFound } from './http.js';
import { createMessage, editMessage, isEmptyMessage, messageCreateFor } from './messages.js';
import { type FakeChannel, snowflake, threadPayload } from './payloads.js';
import { type DiscordState, botAuthor, isThread, permissionsIn } from './state.js';
import { messageProblems } from './validate.js';
import { botForumPost, isForumLike } from './forums.js';

/**
 * Channels, channel messages, reactions and threads. In guild channels the bot's permissions are
 * computed from roles and overwrites and enforced like Discord: no ViewChannel → 403 50001
 * "Missing Access"; a missing SendMessages, AttachFiles, AddReactions, CreatePublicThreads… →
 * 403 50013 "Missing Permissions".
 */

type Body = Record<string, unknown>;
const Flags = PermissionFlagsBits;

export function channelRoutes(state: DiscordState, gateway: Gateway): Array<[string, string, RouteHandler]> {
  /** The channel, or the 404/403 the bot would get for it. */
  const channelFor = (id: string | undefined, ...needed: bigint[]): FakeChannel | Reply => {
    const channel = state.channels.get(id ?? '');
    if (!channel) return notFound.channel();
    const bits = permissionsIn(state, channel.id, state.botUser.id);
    if (bits === null) return channel;
    if (!(bits & Flags.ViewChannel)) return forbidden.access();
    return needed.every((flag) => (bits & flag) === flag) ? channel : forbidden.permissions();
  };
  const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && 'status' in value;

  const getChannel: RouteHandler = ({ params }) => {
    const channel = channelFor(params.channel);
    return isReply(channel) ? channel : { status: 200, body: channel };
  };

  const postMessage: RouteHandler = ({ params, call }) => {
    const body = (call.body ?? {}) as Body;
    const target = state.channels.get(params.channel ?? '');
    const needed = [target && isThread(target) ? Flags.SendMessagesInThreads : Flags.SendMessages];
    if (call.files.length > 0) needed.push(Flags.AttachFiles);
    if (body.message_reference) needed.push(Flags.ReadMessageHistory);
    const channel = channelFor(params.channel, ...needed);
    if (isReply(channel)) return channel;
    // A forum or media channel takes posts (threads), a category nothing: never a message.
    if (isForumLike(channel) || channel.type === 4) return apiError(400, 50008, 'Cannot send messages in a non-text channel');
    if (isEmptyMessage(body, call.files)) return apiError(400, 50006, 'Cannot send an empty message');
    const problems = messageProblems(body);
    if (problems.length > 0) return invalidFormBody(problems);
    const nonceKey = body.nonce === undefined ? null : `${channel.id}:${String(body.nonce)}`;
    if (nonceKey && body.enforce_nonce === true) {
      const seen = state.nonces.get(nonceKey);
      const original = seen && Date.now() - seen.at <= state.nonceWindowMs ? state.messages.get(seen.messageId) : undefined;
      if (original) {
        state.deduplicatedPosts += 1;
        return { status: 200, body: original };
      }
    }
    const message = createMessage(state, channel.id, body, call.files, { author: botAuthor(state) });
    if (nonceKey) state.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
    state.posted.push(message);
    gateway.dispatch('MESSAGE_CREATE', (session) => messageCreateFor(state, message, session));
    return { status: 200, body: message };
  };

  const messageIn = (channelId: string | undefined, messageId: string | undefined, ...needed: bigint[]) => {
    const channel = channelFor(channelId, ...needed);
    if (isReply(channel)) return channel;
    const message = state.messages.get(messageId ?? '');
    return message && message.channel_id === channel.id ? message : notFound.message();
  };

  const getMessage: RouteHandler = ({ params }) => {
    const message = messageIn(params.channel, params.message, Flags.ReadMessageHistory);
    return isReply(message) ? message : { status: 200, body: message };
  };

  const patchMessage: RouteHandler = ({ params, call }) => {
    const message = messageIn(params.channel, params.message);
    if (isReply(message)) return message;
    if ((message.author as { id: string }).id !== state.botUser.id) return apiError(403, 50005, 'Cannot edit a message authored by another user');
    const body = (call.body ?? {}) as Body;
    const problems = messageProblems(body);
    if (problems.length > 0) return invalidFormBody(problems);
    return { status: 200, body: editMessage(state, message, body, call.files) };
  };

  const deleteMessage: RouteHandler = ({ params }) => {
    const message = messageIn(params.channel, params.message);
    if (isReply(message)) return message;
    const own = (message.author as { id: string }).id === state.botUser.id;
    if (!own) {
      const manage = channelFor(params.channel, Flags.ManageMessages);
      if (isReply(manage)) return manage;
    }
    state.messages.delete(message.id);
    return { status: 204 };
  };

  const react = (add: boolean): RouteHandler => ({ params }) => {
    const message = messageIn(params.channel, params.message, Flags.ReadMessageHistory, ...(add ? [Flags.AddReactions] : []));
    if (isReply(message)) return message;
    const emoji = params.emoji ?? '';
    const index = state.reactions.findIndex((reaction) => reaction.messageId === message.id && reaction.emoji === emoji);
    if (add && index === -1) state.reactions.push({ channelId: message.channel_id, messageId: message.id, emoji });
    if (!add && index !== -1) state.reactions.splice(index, 1);
    return { status: 204 };
  };

  const createThread: RouteHandler = ({ params, call }) => {
    const body = (call.body ?? {}) as Body;
    const forum = params.message ? undefined : state.channels.get(params.channel ?? '');
    if (forum && isForumLike(forum)) return botForumPost(state, gateway, forum, body, call.files, botAuthor(state));
    const type = params.message ? 11 : typeof body.type === 'number' ? body.type : 12;
    const channel = channelFor(params.channel, type === 12 ? Flags.CreatePrivateThreads : Flags.CreatePublicThreads);
    if (isReply(channel)) return channel;
    if (channel.type !== 0 && channel.type !== 5) return apiError(400, 50024, 'Cannot execute action on this channel type');
    if (state.threadFailures.has(channel.id)) return forbidden.permissions();
    if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 100) {
      return invalidFormBody([{ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]);
    }
    if (params.message) {
      const message = state.messages.get(params.message);
      if (!message || message.channel_id !== channel.id) return notFound.message();
      if (state.channels.has(message.id)) return apiError(400, 160004, 'A thread has already been created for this message');
    }
    const thread = threadPayload({
      id: params.message ?? snowflake(),
      guildId: String(channel.guild_id),
      parentId: channel.id,
      name: body.name,
      ownerId: state.botUser.id,
      type,
      ...(typeof body.auto_archive_duration === 'number' ? { autoArchiveDuration: body.auto_archive_duration } : {}),
    });
    state.channels.set(thread.id, thread);
    return { status: 201, body: thread };
  };

  return [
    ['GET', '/channels/:channel', getChannel],
    ['POST', '/channels/:channel/messages', postMessage],
    ['GET', '/channels/:channel/messages/:message', getMessage],
    ['PATCH', '/channels/:channel/messages/:message', patchMessage],
    ['DELETE', '/channels/:channel/messages/:message', deleteMessage],
    ['PUT', '/channels/:channel/messages/:message/reactions/:emoji/@me', react(true)],
    ['DELETE', '/channels/:channel/messages/:message/reactions/:emoji/@me', react(false)],
    ['POST', '/channels/:channel/threads', createThread],
    ['POST', '/channels/:channel/messages/:message/threads', createThread],
    ['POST', '/channels/:channel/typing', ({ params }) => {
      const channel = channelFor(params.channel, Flags.SendMessages);
      return isReply(channel) ? channel : { status: 204 };
    }],
  ];
}

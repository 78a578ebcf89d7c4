import { PermissionFlagsBits } from 'discord.js';
import type { Gateway } from './gateway.js';
import { type Reply, type RouteHandler, type RecordedFile, apiError, forbidden, invalidFormBody, notFound } from './http.js';
import { createMessage, isEmptyMessage, messageCreateFor } from './messages.js';
import { type FakeChannel, type FakeMessage, type Json, snowflake, threadPayload } from './payloads.js';
import { type DiscordState, isThread, permissionsIn } from './state.js';
import { messageProblems } from './validate.js';

/**
 * Forum (15) and media (16) channels: a post is a public thread opened with
 * POST /channels/{forum}/threads and a `message`, its starter message sharing the thread's id.
 * As on Discord: opening one needs Send Messages ("Create Posts") in the forum; a forum with the
 * REQUIRE_TAG flag refuses a post without `applied_tags` (400 40067); tags must be the forum's,
 * and a moderated tag needs Manage Threads. THREAD_CREATE then MESSAGE_CREATE follow.
 */

type Body = Record<string, unknown>;

/** ChannelFlags.REQUIRE_TAG. */
export const REQUIRE_TAG = 1 << 4;

export function isForumLike(channel: FakeChannel): boolean {
  return channel.type === 15 || channel.type === 16;
}

/** Opens a post in `forum` by `author`; `mayModerate`: whether the author may apply moderated tags. */
export function openForumPost(
  state: DiscordState,
  gateway: Gateway,
  forum: FakeChannel,
  body: Body,
  files: RecordedFile[],
  options: { author: Json; mayModerate: boolean; byBot: boolean },
): Reply | { thread: FakeChannel; starter: FakeMessage } {
  const message = body.message;
  if (!message || typeof message !== 'object') return invalidFormBody([{ path: 'message', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 100) {
    return invalidFormBody([{ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]);
  }
  const starterBody = message as Body;
  if (isEmptyMessage(starterBody, files)) return apiError(400, 50006, 'Cannot send an empty message');
  const problems = messageProblems(starterBody);
  if (problems.length > 0) return invalidFormBody(problems.map((problem) => ({ ...problem, path: `message.${problem.path}` })));

  const tags = (forum.available_tags ?? []) as Array<{ id: string; moderated: boolean }>;
  const applied = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
  const unknown = applied.findIndex((id) => !tags.some((tag) => tag.id === id));
  if (unknown !== -1) return invalidFormBody([{ path: `applied_tags.${unknown}`, code: 'INVALID_TAG', message: 'Unknown tag.' }]);
  if ((Number(forum.flags ?? 0) & REQUIRE_TAG) !== 0 && applied.length === 0) return apiError(400, 40067, 'A tag is required to create a forum post in this channel');
  if (!options.mayModerate && applied.some((id) => tags.find((tag) => tag.id === id)?.moderated)) return forbidden.permissions();

  const id = snowflake();
  const authorId = String(options.author.id);
  const { member, ...unjoined } = threadPayload({
    id,
    guildId: String(forum.guild_id),
    parentId: forum.id,
    name: body.name,
    ownerId: authorId,
    type: 11,
    ...(typeof body.auto_archive_duration === 'number' ? { autoArchiveDuration: body.auto_archive_duration } : {}),
  });
  // The bot is a member only of the posts it opens.
  const thread: FakeChannel = { ...unjoined, ...(options.byBot ? { member } : {}), applied_tags: applied, message_count: 1, total_message_sent: 1, last_message_id: id };
  state.channels.set(id, thread);
  const starter = createMessage(state, id, starterBody, files, { id, author: options.author });
  forum.last_message_id = id;
  if (options.byBot) state.posted.push(starter);
  gateway.dispatch('THREAD_CREATE', () => ({ ...thread, newly_created: true }));
  gateway.dispatch('MESSAGE_CREATE', (session) => messageCreateFor(state, starter, session));
  return { thread, starter };
}

/** POST /channels/{forum}/threads by the bot: Send Messages in the forum, as Discord asks for "Create Posts". */
export function botForumPost(state: DiscordState, gateway: Gateway, forum: FakeChannel, body: Body, files: RecordedFile[], author: Json): Reply {
  const bits = permissionsIn(state, forum.id, state.botUser.id) ?? 0n;
  if (!(bits & PermissionFlagsBits.ViewChannel)) return forbidden.access();
  if (!(bits & PermissionFlagsBits.SendMessages)) return forbidden.permissions();
  const opened = openForumPost(state, gateway, forum, body, files, { author, mayModerate: (bits & PermissionFlagsBits.ManageThreads) !== 0n, byBot: true });
  return 'status' in opened ? opened : { status: 201, body: { ...opened.thread, message: opened.starter } };
}

/** GET /guilds/{guild}/threads/active: the guild's unarchived threads the bot can see. */
export function activeThreadsRoute(state: DiscordState): [string, string, RouteHandler] {
  return [
    'GET',
    '/guilds/:guild/threads/active',
    ({ params }) => {
      if (!state.guilds.has(params.guild ?? '')) return notFound.guild();
      const threads = [...state.channels.values()].filter((channel) => {
        if (channel.guild_id !== params.guild || !isThread(channel)) return false;
        const archived = (channel.thread_metadata as { archived?: boolean } | undefined)?.archived === true;
        const bits = permissionsIn(state, channel.id, state.botUser.id) ?? 0n;
        return !archived && (bits & PermissionFlagsBits.ViewChannel) !== 0n;
      });
      return { status: 200, body: { threads, members: [] } };
    },
  ];
}

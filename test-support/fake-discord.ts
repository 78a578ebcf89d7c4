import { type RequestListener, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Dispatcher, createDispatcher } from './fake-discord/dispatch.js';
import { type Gateway, type IdentifyData, startGateway } from './fake-discord/gateway.js';
import type { Call } from './fake-discord/http.js';
import type { FakeMessage, FakeUser } from './fake-discord/payloads.js';
import { type FailureRule, createRest } from './fake-discord/rest.js';
import { type DiscordState, type FakeGuildSpec, type RecordedCallback, type RegisteredCommand, addGuild } from './fake-discord/state.js';

/**
 * A fake Discord (REST + gateway) on 127.0.0.1, random port, that the REAL discord.js Client logs
 * into. The protocol is the one in the shared docs/TESTING.md. The fake also enforces what real
 * Discord enforces (one callback per interaction within 3 s, message and command limits, the
 * bot's channel permissions, intents for MESSAGE_CREATE) so that mistakes fail here first.
 * Clients that identify as shards (`shard: [id, count]`) each get only their own guilds and their
 * events, by Discord's rule (`shardForGuild`); GET /gateway/bot recommends `recommendedShards`.
 *
 *   const discord = await startFakeDiscord({ guilds: [{ id: '1', name: 'G', channels: [{ id: '10', name: 'news' }] }] });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
 *   await client.login('fake-token');   // then wait for Events.ClientReady
 *   const sent = discord.slashCommand({ name: 'summarize', options: [{ name: 'url', type: 3, value: '…' }] });
 *   await discord.waitForCall((call) => call.path.endsWith('/messages/@original'));
 *   expect(discord.responsesFor(sent.id).original?.content).toContain('…');
 *   await client.destroy(); await discord.close();   // in that order
 */

export type { Call, RecordedFile } from './fake-discord/http.js';
export type {
  AutocompleteOptions,
  ButtonClickOptions,
  ForumPostOptions,
  MessageContextMenuOptions,
  MessageCreateOptions,
  ModalSubmitOptions,
  SentInteraction,
  SlashCommandOptions,
  SlashOption,
} from './fake-discord/dispatch.js';
export type { AttachmentSpec, InteractionContext, MessageSpec } from './fake-discord/scene.js';
export type { IdentifyData } from './fake-discord/gateway.js';
export { shardForGuild } from './fake-discord/gateway.js';
export type { FakeAttachment, FakeChannel, FakeMessage, FakeUser, PermissionInput } from './fake-discord/payloads.js';
export { DEFAULT_PERMISSIONS } from './fake-discord/payloads.js';
export type { FakeChannelSpec, FakeGuildSpec, FakeRoleSpec, RecordedCallback, RegisteredCommand } from './fake-discord/state.js';
export { DEFAULT_USER } from './fake-discord/state.js';

export interface FakeDiscordOptions {
  /** Default `100000000000000001`. READY's `application.id`; command routes check it. */
  applicationId?: string;
  /** Default: `{ id: applicationId, username: 'NewsBrief' }`. */
  botUser?: FakeUser;
  /** Guilds the bot is in at login, each sent as a GUILD_CREATE after READY. */
  guilds?: FakeGuildSpec[];
  /** HELLO's interval; default 41 250 ms as on Discord. */
  heartbeatIntervalMs?: number;
  /** An interaction not answered within this long gets 404 10062 "Unknown interaction"; default 3000. */
  callbackDeadlineMs?: number;
  /** How long a nonce sent with `enforce_nonce` de-duplicates; default 5 minutes. */
  nonceWindowMs?: number;
  /** GET /gateway/bot's `shards`, what `SHARDS=auto` starts; default 1. */
  recommendedShards?: number;
  /** GET /gateway/bot's `session_start_limit.max_concurrency`; default 1. */
  maxConcurrency?: number;
}

export interface FakeDiscord extends Dispatcher {
  /** `http://127.0.0.1:PORT/api`: `new Client({ rest: { api } })` or DISCORD_API_URL. */
  apiUrl: string;
  /** `ws://127.0.0.1:PORT`, what GET /gateway/bot returns. */
  gatewayUrl: string;
  port: number;
  applicationId: string;
  botUserId: string;

  /** Every IDENTIFY `d` (token, intents, shard…), in order; `identify` is the last. */
  identifies: IdentifyData[];
  readonly identify: IdentifyData | undefined;
  /** Resolves with the `nth` IDENTIFY (1-based) once it has arrived. */
  waitForIdentify(nth?: number, timeoutMs?: number): Promise<IdentifyData>;
  /** Every gateway payload clients sent (heartbeats, presence updates…). */
  gatewayReceived: Array<{ op: number; d: unknown }>;
  /** Closes the gateway sockets: 4000 (default) makes discord.js RESUME, 1000 re-IDENTIFY. */
  disconnectGateway(code?: number): void;
  /** Cuts the gateway sockets with no close frame (a network drop: 1006); discord.js RESUMEs. */
  dropGateway(): void;
  /** From now on an IDENTIFY with `token` is closed with 4004 "Authentication failed.", as Discord closes a bad token's. */
  rejectToken(token: string): void;
  /** What GET /gateway/bot recommends from now on (`shards`, and `max_concurrency` when given). */
  recommendShards(shards: number, maxConcurrency?: number): void;

  /** Every HTTP request, in arrival order (see `Call`). */
  calls: Call[];
  /** Requests no route matched (answered 404 `{ message: 'Unknown route', code: 0 }`). */
  unknownRoutes: Call[];
  /** Calls answered with a status of 400 or more. */
  readonly failedCalls: Call[];
  /** Resolves with the first answered call that matches, past or future. */
  waitForCall(predicate: (call: Call) => boolean, timeoutMs?: number): Promise<Call>;

  /** The callbacks (`{ type, data, at, latencyMs }`) an interaction got, in order. */
  callbacksFor(interactionId: string): RecordedCallback[];
  /** The interaction's live messages: `@original` (null before a reply or after its deletion) and follow-ups. */
  responsesFor(interactionId: string): { original: FakeMessage | null; followUps: FakeMessage[] };
  /**
   * Messages the bot created with POST /channels/{id}/messages, and the starter messages of the forum
   * posts it opened (POST /channels/{forum}/threads; the message's id is the post's), in order
   * (edits applied; deleted ones stay).
   */
  messages: FakeMessage[];
  /** Any live message by id: the bot's, users', interaction responses. */
  message(id: string): FakeMessage | undefined;
  /** POSTs answered with an earlier message because their `nonce` (with `enforce_nonce`) repeated. */
  readonly deduplicatedPosts: number;
  /** The bot's current reactions (PUT adds, DELETE removes); the emoji is decoded (`👍`, `name:id`). */
  reactions: Array<{ channelId: string; messageId: string; emoji: string }>;
  /** The current registrations, after the last PUT/POST/PATCH/DELETE. */
  registeredCommands: { readonly global: RegisteredCommand[]; guild(guildId: string): RegisteredCommand[] };

  /** Makes thread creation in (or from a message in) `channelId` fail with 403 50013, or stops it. */
  failThreadCreation(channelId: string, fail?: boolean): void;
  /**
   * The next `times` (default 1) requests matching `method`/`path` (the decoded `Call.path`) get
   * `reply`: `{ status, code?, message? }` or a whole `body`. 401 is refused: it would make
   * @discordjs/rest drop its token for good.
   */
  failNext(match: { method?: string; path: string | RegExp }, reply: FailureRule['reply'], times?: number): void;

  /**
   * Terminates gateway sockets and HTTP connections, then closes; calling it again is harmless.
   * Destroy the client first, or it keeps reconnecting and the test process hangs.
   */
  close(): Promise<void>;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? '100000000000000001';
  const botUser = options.botUser ?? { id: applicationId, username: 'NewsBrief' };
  let handle: RequestListener = (_request, response) => {
    response.writeHead(503).end();
  };
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const state: DiscordState = {
    origin,
    applicationId,
    botUser: { id: botUser.id, username: botUser.username, global_name: botUser.globalName ?? null, discriminator: '0', avatar: null, bot: true },
    guilds: new Map(),
    channels: new Map(),
    dmChannels: new Map(),
    messages: new Map(),
    posted: [],
    interactions: new Map(),
    interactionsByToken: new Map(),
    globalCommands: [],
    guildCommands: new Map(),
    reactions: [],
    files: new Map(),
    nonces: new Map(),
    deduplicatedPosts: 0,
    threadFailures: new Set(),
    callbackDeadlineMs: options.callbackDeadlineMs ?? 3000,
    nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    recommendedShards: options.recommendedShards ?? 1,
    maxConcurrency: options.maxConcurrency ?? 1,
  };
  for (const guild of options.guilds ?? []) addGuild(state, guild);

  const gatewayUrl = `ws://127.0.0.1:${port}`;
  const gateway: Gateway = startGateway(server, state, { heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, gatewayUrl });
  const rest = createRest(state, gateway);
  handle = rest.handle;
  const pending = new Set<{ timer: NodeJS.Timeout; reject: (error: Error) => void }>();
  let closing: Promise<void> | undefined;

  /** Resolves when `check` returns a value, re-checking each time `subscribe` signals. */
  function waitUntil<T>(check: () => T | undefined, subscribe: Set<() => void>, timeoutMs: number, describe: () => string): Promise<T> {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          finish();
          reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${describe()}`));
        }, timeoutMs),
        reject: (error: Error) => {
          finish();
          reject(error);
        },
      };
      const listener = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          entry.reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const finish = () => {
        clearTimeout(entry.timer);
        pending.delete(entry);
        subscribe.delete(listener);
      };
      pending.add(entry);
      subscribe.add(listener);
    });
  }

  return {
    ...createDispatcher(state, gateway),
    apiUrl: `${origin}/api`,
    gatewayUrl,
    port,
    applicationId,
    botUserId: botUser.id,

    identifies: gateway.identifies,
    get identify() {
      return gateway.identifies.at(-1);
    },
    waitForIdentify: (nth = 1, timeoutMs = 5000) =>
      waitUntil(() => gateway.identifies[nth - 1], gateway.onIdentify as Set<() => void>, timeoutMs, () => `IDENTIFY #${nth}`),
    gatewayReceived: gateway.received,
    disconnectGateway: (code = 4000) => gateway.disconnect(code),
    dropGateway: () => gateway.drop(),
    rejectToken: (token) => {
      gateway.rejectedTokens.add(token);
    },
    recommendShards: (shards, maxConcurrency) => {
      state.recommendedShards = shards;
      if (maxConcurrency !== undefined) state.maxConcurrency = maxConcurrency;
    },

    calls: rest.calls,
    unknownRoutes: rest.unknownRoutes,
    get failedCalls() {
      return rest.calls.filter((call) => call.status >= 400);
    },
    waitForCall: (predicate, timeoutMs = 5000) =>
      waitUntil(
        () => rest.calls.find((call) => call.status !== 0 && predicate(call)),
        rest.onCall as Set<() => void>,
        timeoutMs,
        () => `a matching call; calls so far:\n${rest.calls.map((call) => `  ${call.status} ${call.method} ${call.path}`).join('\n') || '  (none)'}`,
      ),

    callbacksFor: (interactionId) => state.interactions.get(interactionId)?.callbacks ?? [],
    responsesFor: (interactionId) => {
      const record = state.interactions.get(interactionId);
      const original = record?.originalId ? (state.messages.get(record.originalId) ?? null) : null;
      const followUps = (record?.followUpIds ?? []).flatMap((id) => state.messages.get(id) ?? []);
      return { original, followUps };
    },
    messages: state.posted,
    message: (id) => state.messages.get(id),
    get deduplicatedPosts() {
      return state.deduplicatedPosts;
    },
    reactions: state.reactions,
    registeredCommands: {
      get global() {
        return state.globalCommands;
      },
      guild: (guildId) => state.guildCommands.get(guildId) ?? [],
    },

    failThreadCreation: (channelId, fail = true) => {
      if (fail) state.threadFailures.add(channelId);
      else state.threadFailures.delete(channelId);
    },
    failNext: (match, reply, times = 1) => {
      if (reply.status === 401) throw new Error('fake-discord: a 401 makes @discordjs/rest drop its token for every later call; use 403');
      rest.failures.push({ ...match, reply, remaining: times });
    },

    close: () => {
      closing ??= (async () => {
        for (const entry of pending) entry.reject(new Error('fake-discord: closed while waiting'));
        await gateway.close();
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

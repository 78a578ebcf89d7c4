import type { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type { Json } from './payloads.js';
import { type DiscordState, guildCreatePayload } from './state.js';

/**
 * The gateway on the HTTP server's port: HELLO, heartbeat ACKs, IDENTIFY → READY + one
 * GUILD_CREATE per guild (or close 4004 for a token marked rejected), RESUME → RESUMED, and
 * dispatches with increasing sequence numbers.
 * Every client that identified gets every dispatch (filtered by its intents where Discord would),
 * except that a client that identified as a shard (`shard: [id, count]`) gets only its own guilds,
 * by Discord's rule `(guild_id >> 22) % count === id`: in READY, as GUILD_CREATEs and in every
 * event of a guild (`d.guild_id`, or `d.id` for GUILD_CREATE/GUILD_DELETE); events of no guild
 * (DMs) go to shard 0. An impossible `shard` is closed with 4010, as Discord does.
 */

export interface IdentifyData extends Json {
  token: string;
  intents: number;
  shard?: [number, number];
  properties: Json;
}

export interface GatewaySession {
  sessionId: string;
  identify: IdentifyData;
  sequence: number;
  socket: WebSocket | null;
}

/** Builds the payload one session receives, or null when Discord would not send it there. */
export type DispatchFor = (session: GatewaySession) => Json | null;

export interface Gateway {
  /** Every IDENTIFY `d`, in order. */
  identifies: IdentifyData[];
  /** Every payload a client sent (heartbeats included), in order. */
  received: Array<{ op: number; d: unknown }>;
  /** The query string each connection used, e.g. `v=10&encoding=json`. */
  connectionQueries: string[];
  /** Called with each IDENTIFY `d` as it arrives. */
  onIdentify: Set<(identify: IdentifyData) => void>;
  /** Sessions with an open, identified socket. */
  liveSessions(): GatewaySession[];
  /** Sends `t` to each live session that serves its guild; returns what the newest of them got (null: not sent to it). */
  dispatch(event: string, build: DispatchFor): Json | null;
  /** Whether a live session serves `guildId` (null: DMs), i.e. whether an event there would reach a client. */
  serves(guildId: string | null): boolean;
  /** Closes every socket with `code`; 4000 lets discord.js resume, 1000 makes it identify again. */
  disconnect(code: number): void;
  /** Cuts every socket with no close frame, as a network failure does (the client sees 1006). */
  drop(): void;
  /** Tokens whose IDENTIFY is closed with 4004 "Authentication failed.", as Discord does for a bad token. */
  rejectedTokens: Set<string>;
  close(): Promise<void>;
}

export function startGateway(server: Server, state: DiscordState, options: { heartbeatIntervalMs: number; gatewayUrl: string }): Gateway {
  const wss = new WebSocketServer({ server });
  const sessions = new Map<string, GatewaySession>();
  const identifies: IdentifyData[] = [];
  const received: Gateway['received'] = [];
  const connectionQueries: string[] = [];
  const onIdentify = new Set<(identify: IdentifyData) => void>();
  const rejectedTokens = new Set<string>();
  let sessionCounter = 0;

  const send = (socket: WebSocket, payload: Json) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  };
  const sendDispatch = (session: GatewaySession, event: string, d: Json) => {
    session.sequence += 1;
    if (session.socket) send(session.socket, { op: 0, t: event, s: session.sequence, d });
  };

  wss.on('connection', (socket, request) => {
    connectionQueries.push((request.url ?? '').split('?')[1] ?? '');
    let session: GatewaySession | null = null;
    send(socket, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs } });
    socket.on('message', (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        return;
      }
      received.push(payload);
      switch (payload.op) {
        case 1:
          send(socket, { op: 11 });
          break;
        case 2: {
          const identify = payload.d as IdentifyData;
          identifies.push(identify);
          if (rejectedTokens.has(identify.token)) {
            socket.close(4004, 'Authentication failed.');
            for (const listener of onIdentify) listener(identify);
            break;
          }
          if (!validShard(identify.shard)) {
            socket.close(4010, 'Invalid shard.');
            for (const listener of onIdentify) listener(identify);
            break;
          }
          sessionCounter += 1;
          const opened: GatewaySession = { sessionId: `fake-session-${sessionCounter}`, identify, sequence: 0, socket };
          session = opened;
          sessions.set(opened.sessionId, opened);
          const own = [...state.guilds.values()].filter((guild) => sessionServes(opened, guild.id));
          sendDispatch(opened, 'READY', readyPayload(state, opened, own.map((guild) => guild.id), options.gatewayUrl));
          for (const guild of own) sendDispatch(opened, 'GUILD_CREATE', guildCreatePayload(state, guild));
          for (const listener of onIdentify) listener(identify);
          break;
        }
        case 6: {
          const resume = payload.d as { session_id: string; seq: number };
          const known = sessions.get(resume.session_id);
          if (!known) {
            send(socket, { op: 9, d: false });
            break;
          }
          known.socket = socket;
          session = known;
          sendDispatch(known, 'RESUMED', {});
          break;
        }
        default:
          break;
      }
    });
    socket.on('close', () => {
      if (session?.socket === socket) session.socket = null;
    });
  });

  return {
    identifies,
    received,
    connectionQueries,
    onIdentify,
    liveSessions: () => [...sessions.values()].filter((session) => session.socket?.readyState === WebSocket.OPEN),
    dispatch: (event, build) => {
      let newest: Json | null = null;
      for (const session of sessions.values()) {
        if (session.socket?.readyState !== WebSocket.OPEN) continue;
        const d = build(session);
        if (d && !sessionServes(session, guildOf(event, d))) continue;
        if (d) sendDispatch(session, event, d);
        newest = d;
      }
      return newest;
    },
    serves: (guildId) =>
      [...sessions.values()].some((session) => session.socket?.readyState === WebSocket.OPEN && sessionServes(session, guildId)),
    disconnect: (code) => {
      for (const socket of wss.clients) socket.close(code, 'fake-discord: disconnect');
    },
    drop: () => {
      for (const socket of wss.clients) socket.terminate();
    },
    rejectedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** The shard Discord serves a guild on: `(guild_id >> 22) % shardCount`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return /^\d+$/.test(guildId) ? Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) : 0;
}

function validShard(shard: IdentifyData['shard']): boolean {
  if (shard === undefined) return true;
  const [id, count] = shard;
  return Number.isInteger(id) && Number.isInteger(count) && count >= 1 && id >= 0 && id < count;
}

/** Events of no guild (DMs) reach shard 0; a client that did not shard is shard 0 of 1 and gets everything. */
function sessionServes(session: GatewaySession, guildId: string | null): boolean {
  const [id, count] = session.identify.shard ?? [0, 1];
  return guildId === null ? id === 0 : shardForGuild(guildId, count) === id;
}

function guildOf(event: string, d: Json): string | null {
  const guildId = event === 'GUILD_CREATE' || event === 'GUILD_DELETE' ? d.id : d.guild_id;
  return typeof guildId === 'string' ? guildId : null;
}

function readyPayload(state: DiscordState, session: GatewaySession, guildIds: string[], gatewayUrl: string): Json {
  return {
    v: 10,
    user: { ...state.botUser, bot: true, verified: true, mfa_enabled: false, flags: 0 },
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: session.sessionId,
    session_type: 'normal',
    resume_gateway_url: gatewayUrl,
    application: { id: state.applicationId, flags: 0 },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    shard: session.identify.shard ?? [0, 1],
    _trace: ['fake-discord'],
  };
}

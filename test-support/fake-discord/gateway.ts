import type { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type { Json } from './payloads.js';
import { type DiscordState, guildCreatePayload } from './state.js';

/**
 * The gateway on the HTTP server's port: HELLO, heartbeat ACKs, IDENTIFY → READY + one
 * GUILD_CREATE per guild, RESUME → RESUMED, and dispatches with increasing sequence numbers.
 * Every client that identified gets every dispatch (filtered by its intents where Discord would).
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
  /** Sends `t` to each live session; returns what the newest session got (null: not sent to it). */
  dispatch(event: string, build: DispatchFor): Json | null;
  /** Closes every socket with `code`; 4000 lets discord.js resume, 1000 makes it identify again. */
  disconnect(code: number): void;
  close(): Promise<void>;
}

export function startGateway(server: Server, state: DiscordState, options: { heartbeatIntervalMs: number; gatewayUrl: string }): Gateway {
  const wss = new WebSocketServer({ server });
  const sessions = new Map<string, GatewaySession>();
  const identifies: IdentifyData[] = [];
  const received: Gateway['received'] = [];
  const connectionQueries: string[] = [];
  const onIdentify = new Set<(identify: IdentifyData) => void>();
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
          sessionCounter += 1;
          session = { sessionId: `fake-session-${sessionCounter}`, identify, sequence: 0, socket };
          sessions.set(session.sessionId, session);
          sendDispatch(session, 'READY', readyPayload(state, session.sessionId, options.gatewayUrl));
          for (const guild of state.guilds.values()) sendDispatch(session, 'GUILD_CREATE', guildCreatePayload(state, guild));
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
        if (d) sendDispatch(session, event, d);
        newest = d;
      }
      return newest;
    },
    disconnect: (code) => {
      for (const socket of wss.clients) socket.close(code, 'fake-discord: disconnect');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}

function readyPayload(state: DiscordState, sessionId: string, gatewayUrl: string): Json {
  return {
    v: 10,
    user: { ...state.botUser, bot: true, verified: true, mfa_enabled: false, flags: 0 },
    guilds: [...state.guilds.keys()].map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    session_type: 'normal',
    resume_gateway_url: gatewayUrl,
    application: { id: state.applicationId, flags: 0 },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    shard: [0, 1],
    _trace: ['fake-discord'],
  };
}

import { Status, type Client } from 'discord.js';
import type { HealthCheck } from '../http/health-check.js';

/**
 * `/healthz`'s gateway part: the client is logged in and every shard's session is live. A shard
 * reconnecting or resuming after a dropped socket is failing until it is back, so a session that
 * never comes back shows.
 */
export function createGatewayCheck(client: Client, isStopping: () => boolean): HealthCheck {
  return async () => {
    if (isStopping()) return { ok: false, detail: 'shutting down' };
    if (!client.isReady()) return { ok: false, detail: 'connecting' };
    for (const shard of client.ws.shards.values()) {
      if (shard.status !== Status.Ready) return { ok: false, detail: `shard ${shard.id}: ${Status[shard.status] ?? shard.status}` };
    }
    // -1 until the first heartbeat is acknowledged.
    const ping = client.ws.ping;
    return { ok: true, detail: Number.isFinite(ping) && ping >= 0 ? `ready, ping ${Math.round(ping)} ms` : 'ready' };
  };
}

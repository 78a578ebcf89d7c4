import type { Client } from 'discord.js';
import { startHealthServer, type HealthServer } from '../http/health-server.js';
import type { Services } from '../services.js';
import { createGatewayCheck } from './gateway-check.js';

/**
 * HTTP_PORT's server for the bot: `/healthz` reports the gateway, the stores and (when one is
 * configured) the LLM endpoint; `/metrics` the services' metrics. Started before login, so that it
 * answers 503 "connecting" until the session is ready.
 */
export function startBotHealth(services: Services, client: Client, options: { port: number; host?: string | undefined; isStopping: () => boolean }): Promise<HealthServer> {
  const { llm } = services.health;
  return startHealthServer({
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    metrics: services.metrics.exposition,
    checks: {
      gateway: createGatewayCheck(client, options.isStopping),
      stores: services.health.stores,
      llm: llm ?? (async () => ({ ok: true, detail: 'not configured (extractive summaries)' })),
    },
    log: services.log,
    scrub: (text) => services.secrets.scrub(text),
  });
}

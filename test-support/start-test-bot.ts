import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/discord/start-bot.js';
import type { DestinationStream } from 'pino';
import { createLogger } from '../src/log.js';
import { createSecretScrubber } from '../src/secrets/index.js';
import { buildServices, type ServiceOverrides, type Services } from '../src/services.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { completion, startFakeOpenAi, type FakeOpenAi } from './fake-openai.js';
import { startPageServer, type PageServer, type RouteHandler } from './page-server.js';
import { scriptedReply } from './scripted-model.js';

/** One newsroom guild: #news (where link replies get switched on), #other, and a Managers role. */
export const IDS = {
  app: '100000000000000001',
  guild: '200000000000000001',
  news: '300000000000000001',
  other: '300000000000000002',
  managers: '400000000000000001',
} as const;

export const EXAMPLE_TEXT = readFileSync(new URL('../examples/briefing.txt', import.meta.url), 'utf8');
const exampleHtml = `<!doctype html><html lang="en"><head><title>Flood barriers approved</title></head><body><article>${EXAMPLE_TEXT.split('\n\n')
  .slice(2)
  .map((paragraph) => `<p>${paragraph}</p>`)
  .join('')}</article></body></html>`;

export const html = (body: string): RouteHandler => (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
};

export interface TestWorld {
  discord: FakeDiscord;
  openai: FakeOpenAi;
  pages: PageServer;
  /** The durable store's file: a restart that reuses it keeps button state and settings. */
  storeUrl: string;
  close(): Promise<void>;
}

export interface TestBot {
  services: Services;
  bot: RunningBot;
  fatal: string[];
  stop(): Promise<void>;
}

/**
 * The world around the bot, all on loopback: a fake Discord, a fake OpenAI-compatible server that
 * answers from the article it is sent, and a page server with a news story, a PDF and a 404.
 */
export async function startTestWorld(): Promise<TestWorld> {
  const discord = await startFakeDiscord({
    applicationId: IDS.app,
    guilds: [
      {
        id: IDS.guild,
        name: 'Newsroom',
        roles: [{ id: IDS.managers, name: 'Managers', permissions: PermissionFlagsBits.ManageGuild }],
        channels: [
          { id: IDS.news, name: 'news' },
          { id: IDS.other, name: 'other' },
        ],
      },
    ],
  });
  const openai = await startFakeOpenAi();
  openai.respondWith((body) => completion(scriptedReply(body)));
  const pages = await startPageServer({
    '/story': html(exampleHtml),
    '/other-story': html(exampleHtml.replace('Flood barriers approved', 'Second story')),
    '/mentions': html(exampleHtml.replace('RIVERTON — The Riverton', 'RIVERTON — @everyone <@&400000000000000001> <@123456789012345678> The Riverton')),
    '/report.pdf': (_request, response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
  });
  const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'newsbrief-bot-')), 'state.sqlite')}`;
  return {
    discord,
    openai,
    pages,
    storeUrl,
    async close() {
      await discord.close();
      await openai.close();
      await pages.close();
    },
  };
}

export interface TestBotOptions extends ServiceOverrides {
  /** 'manual' (the default here): the digest scheduler ticks only when a test calls `bot.digests.tick()`. */
  digestScheduler?: 'auto' | 'manual';
  /** Where the log lines go (set LOG_LEVEL too); stdout by default. */
  logDestination?: DestinationStream;
}

/** The bot's environment in a test world: every service on loopback, logs silent; `env` overrides. */
export function testBotEnv(world: TestWorld, env: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: 'fake-token',
    DISCORD_APP_ID: IDS.app,
    DISCORD_API_URL: world.discord.apiUrl,
    OPENAI_BASE_URL: world.openai.baseUrl,
    STORE_URL: world.storeUrl,
    CACHE_URL: 'memory',
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    LLM_MAX_RETRIES: '1',
    // One test user runs every command here; the per-user limit has a test of its own.
    USER_RATE_PER_MIN: '1000',
    // At the default 60 a minute a ten-story digest would take ten seconds of limiter spacing.
    LLM_RPM: '6000',
    LOG_LEVEL: 'silent',
    ...env,
  };
}

/** The real bot, built by the real composition root, logged into the fake Discord. */
export async function startTestBot(world: TestWorld, env: Record<string, string> = {}, options: TestBotOptions = {}): Promise<TestBot> {
  const { digestScheduler = 'manual', logDestination, ...overrides } = options;
  const config = loadConfig(testBotEnv(world, env));
  // The logger main.ts builds, secrets scrubbed, writing where the test says.
  const log = createLogger({ level: config.LOG_LEVEL, scrubber: createSecretScrubber(config), ...(logDestination ? { destination: logDestination } : {}) });
  // Requests to one host are spaced 1 s apart in production; every test page is on 127.0.0.1.
  const services = await buildServices(config, log, { hostSpacingMs: 0, ...overrides });
  const fatal: string[] = [];
  // HTTP_PORT, when a test sets it, listens on loopback only.
  const bot = await startBot(services, { onFatal: (message) => fatal.push(message), digestScheduler, healthHost: '127.0.0.1' });
  return {
    services,
    bot,
    fatal,
    async stop() {
      await bot.stop();
      await services.close();
    },
  };
}

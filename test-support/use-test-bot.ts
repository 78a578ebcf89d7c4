import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { completion } from './fake-openai.js';
import { scriptedReply } from './scripted-model.js';
import { startTestBot, startTestWorld, type TestBot, type TestWorld } from './start-test-bot.js';
import { failOnUnhandledRejections } from './unhandled-rejections.js';

/**
 * The set-up most bot end-to-end files share: one world and one bot for the file, stopped after
 * it; after each test the scripted model is put back (a test may have played another) and no
 * request reached a route the fake does not know; an unhandled rejection fails the file.
 * `started` receives them once they run, for the file's own `world` and `bot`.
 */
export function useTestBot(started: (running: { world: TestWorld; bot: TestBot }) => void, env: Record<string, string> = {}): void {
  let world: TestWorld | undefined;
  let bot: TestBot | undefined;
  failOnUnhandledRejections();
  beforeAll(async () => {
    world = await startTestWorld();
    bot = await startTestBot(world, env);
    started({ world, bot });
  });
  afterAll(async () => {
    await bot?.stop();
    await world?.close();
  });
  afterEach(() => {
    world?.openai.respondWith((body) => completion(scriptedReply(body)));
    expect(world?.discord.unknownRoutes).toEqual([]);
  });
}

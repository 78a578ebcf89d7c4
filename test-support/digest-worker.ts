/**
 * One bot process for the crash tests: the real composition root and bot, logged into the fake
 * Discord, with the clock fixed at NEWSBRIEF_TEST_NOW. It ticks the digest scheduler once and
 * exits; with NEWSBRIEF_KILL_AT=<step>[#n] it SIGKILLs itself at the n-th time (default first) a
 * run reaches that step, the way a host's OOM killer or a power cut would stop it.
 */
import { loadConfig } from '../src/config.js';
import type { RunStep } from '../src/digest/post-run.js';
import { startBot } from '../src/discord/start-bot.js';
import { createLogger } from '../src/log.js';
import { buildServices } from '../src/services.js';

const now = new Date(process.env.NEWSBRIEF_TEST_NOW ?? Date.now());
const [killStep, killNth = '1'] = (process.env.NEWSBRIEF_KILL_AT ?? '').split('#');
let reached = 0;

const config = loadConfig(process.env);
const services = await buildServices(config, createLogger({ level: config.LOG_LEVEL }), {
  now: () => now,
  hostSpacingMs: 0,
  onDigestStep(step: RunStep) {
    process.stdout.write(`step ${step}\n`);
    if (step === killStep && ++reached === Number(killNth)) process.kill(process.pid, 'SIGKILL');
  },
});
const bot = await startBot(services, { digestScheduler: 'manual' });
await bot.digests.tick();
process.stdout.write('ticked\n');
await bot.stop();
await services.close();
process.exit(0);

import { describe, expect, it } from 'vitest';
import { digestCommand, testClock } from '../../test-support/digest-commands.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { IDS, startTestBot, startTestWorld, testBotEnv, type TestWorld } from '../../test-support/start-test-bot.js';
import { runDigestWorker } from '../../test-support/run-digest-worker.js';

/**
 * "Never twice", tested by killing the bot process (SIGKILL, no cleanup) at each step of a digest
 * run, then starting a new process on the same SQLite file within the catch-up window. Every part
 * of the digest must end up in Discord exactly once, and a third process must post nothing.
 */

const HOUR = 60 * 60 * 1000;
/** Twelve distinct headlines: titles sharing 9 of 10 words would be one story by the title rule. */
const SUBJECTS = ['harbour', 'library', 'railway', 'school', 'hospital', 'bridge', 'market', 'stadium', 'museum', 'airport', 'theatre', 'reservoir'];
const VERBS = ['approves', 'delays', 'rejects', 'funds', 'reviews', 'expands', 'closes', 'sells', 'repairs', 'audits', 'reopens', 'doubles'];
const headline = (index: number) => `Council ${VERBS[index]} ${SUBJECTS[index]} plan`;
/** 07:30 Berlin on 24 Nov 2026 is 06:30Z; each process looks two minutes later. */
const SLOT_DUE = Date.parse('2026-11-24T06:30:00Z');
const AFTER_SLOT = new Date(SLOT_DUE + 2 * 60_000).toISOString();

/** A channel with one feed of 12 fresh stories (10 make the digest: several messages, so a thread) scheduled at 07:30 Berlin. */
async function setUp(): Promise<{ world: TestWorld; feeds: FeedServer; env: Record<string, string> }> {
  const world = await startTestWorld();
  const feeds = await startFeedServer();
  // Long enough that ten stories need more than one message; distinct, or the text hash would merge them.
  const longBody = (index: number) => Array.from({ length: 6 }, (_, paragraph) =>
    `<p>Paragraph ${paragraph + 1} of the report explains in considerable detail how the ${SUBJECTS[index]} plan will be carried out, what it will cost the town over the next ten years, and why the council believes the work cannot wait until after the winter storms have passed.</p>`,
  ).join('');
  for (let index = 0; index < 12; index += 1) feeds.serveArticle(`/news/${index}`, headline(index), { body: longBody(index) });
  feeds.serveFeed('/feed.xml', {
    title: 'Riverton Herald',
    items: Array.from({ length: 12 }, (_, index) => ({
      title: headline(index),
      link: `/news/${index}`,
      guid: `herald-${index + 1}`,
      date: new Date(SLOT_DUE - (index + 1) * HOUR),
    })),
  });
  // The worker processes get the same settings as the in-process bot below.
  const env = testBotEnv(world);
  // Set up in-process, and tick once before the slot, as a bot that had been running would have.
  const clock = testClock(new Date(SLOT_DUE - HOUR));
  const bot = await startTestBot(world, {}, { now: clock.now });
  await digestCommand(world.discord, 'add', { feed: feeds.url('/feed.xml') });
  await digestCommand(world.discord, 'schedule', { time: '07:30', timezone: 'Europe/Berlin' });
  await bot.bot.digests.tick();
  await bot.stop();
  return { world, feeds, env };
}

function digestMessages(current: TestWorld) {
  return current.discord.messages.filter((message) => message.author.id === current.discord.botUserId && (message.embeds?.length ?? 0) > 0);
}

const STEPS = ['claimed', 'composed', 'marked', 'part-sent', 'part-posted', 'thread-started', 'part-sent#2', 'part-posted#2', 'done'];

// Each case has its own fakes and SQLite file, so they run side by side: most of the time is process start-up.
describe.concurrent('a bot killed at each step of a digest run', () => {
  it.each(STEPS)('killed at %s: the next process finishes the digest, every part exactly once', async (step) => {
    const { world: current, feeds, env } = await setUp();
    try {
      await killAndResume(current, env, step);
    } finally {
      await feeds.close();
      await current.close();
    }
  }, 90_000);
});

async function killAndResume(current: TestWorld, env: Record<string, string>, step: string): Promise<void> {
  const killed = await runDigestWorker({ ...env, NEWSBRIEF_TEST_NOW: AFTER_SLOT, NEWSBRIEF_KILL_AT: step });
  expect(killed.signal, `${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL');

  const resumed = await runDigestWorker({ ...env, NEWSBRIEF_TEST_NOW: AFTER_SLOT });
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(resumed.stdout).toContain('ticked');

  const posted = digestMessages(current);
  const nonces = posted.map((message) => String(message.nonce));
  expect(new Set(nonces).size, 'no part posted twice').toBe(nonces.length);
  expect(posted.length).toBeGreaterThanOrEqual(2);
  const stories = posted.flatMap((message) => message.embeds ?? []).filter((embed) => String(embed.title).startsWith('Council '));
  // The ten most recent of the twelve, each once.
  expect(stories.map((embed) => embed.title).sort()).toEqual(Array.from({ length: 10 }, (_, index) => headline(index)).sort());
  // The first part opens the thread; the rest are in it.
  const [first, ...rest] = posted;
  expect(first?.channel_id).toBe(IDS.news);
  for (const message of rest) expect(message.channel_id).toBe(first?.id);

  // Killed after sending, before recording: the resumed run sends the part again and Discord's nonce check drops it.
  expect(current.discord.deduplicatedPosts).toBe(step.startsWith('part-sent') ? 1 : 0);

  const again = await runDigestWorker({ ...env, NEWSBRIEF_TEST_NOW: new Date(SLOT_DUE + 10 * 60_000).toISOString() });
  expect(again.code, again.stderr).toBe(0);
  expect(digestMessages(current)).toHaveLength(posted.length);
}

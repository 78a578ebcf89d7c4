import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { HOSTILE_PAGES } from '../../bench/lib/hostile-pages.js';
import { HOSTILE_TEXTS } from '../../bench/lib/hostile-texts.js';
import { startPageServer, type PageServer } from '../../test-support/page-server.js';
import { startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * The bot's /summarize on hostile input, by URL and as an attached file: each gets a summary or a
 * clear refusal, and the bot stays up for the next interaction. The same cases run through the
 * CLI in tests/hostile/pages.test.ts and text.test.ts, and are measured by bench:hostile.
 */
let world: TestWorld;
let bot: TestBot;
let hostile: PageServer;

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  // Offline: the extractive summariser answers, so the figures are ours and not the fake model's.
  bot = await startTestBot(world, { LLM_PROVIDER: 'extractive' });
  hostile = await startPageServer(
    Object.fromEntries(
      Object.entries(HOSTILE_PAGES).map(([name, build]) => [
        `/${name}`,
        (_request, response) => {
          const page = build();
          response.writeHead(200, { 'content-type': page.contentType }).end(page.body);
        },
      ]),
    ),
  );
}, 60_000);
afterAll(async () => {
  await hostile?.close();
  await bot?.stop();
  await world?.close();
});

type Answer = { kind: 'summary'; embed: APIEmbed } | { kind: 'refusal'; message: string };

/**
 * The interaction's answer: the summary edited into the deferred reply, the private refusal that
 * follows it, or a refusal given at once instead of a defer (a check that needs no I/O).
 */
async function answerTo(interaction: { id: string; token: string }): Promise<Answer> {
  const call = await world.discord.waitForCall(
    (candidate) =>
      (candidate.method === 'PATCH' && candidate.path === `/webhooks/${world.discord.applicationId}/${interaction.token}/messages/@original`) ||
      (candidate.method === 'POST' && candidate.path === `/webhooks/${world.discord.applicationId}/${interaction.token}`) ||
      (candidate.path.includes(`/interactions/${interaction.id}/`) && (candidate.body as { type?: number } | undefined)?.type === 4),
    60_000,
  );
  type Reply = { embeds?: APIEmbed[]; content?: string };
  const body: Reply = call.path.includes('/interactions/') ? ((call.body as { data?: Reply }).data ?? {}) : (call.body as Reply);
  const embed = body.embeds?.[0];
  return embed ? { kind: 'summary', embed } : { kind: 'refusal', message: body.content ?? '' };
}

const option = (name: string, value: string) => ({ name, type: 3, value });
const file = (filename: string, contentType: string, data: string | Uint8Array) => ({
  name: 'file',
  type: 11,
  value: { filename, contentType, data: typeof data === 'string' ? data : Buffer.from(data) },
});

function expectSummary(answer: Answer): APIEmbed {
  if (answer.kind !== 'summary') throw new Error(`expected a summary, got a refusal: ${answer.message}`);
  expect(answer.embed.description).toMatch(/^• /);
  return answer.embed;
}

function expectRefusal(answer: Answer, message: RegExp): void {
  if (answer.kind !== 'refusal') throw new Error(`expected a refusal, got a summary: ${answer.embed.description?.slice(0, 80)}`);
  expect(answer.message).toMatch(message);
  expect(answer.message).not.toMatch(/Unexpected|internal|stack/i);
}

describe('/summarize on hostile pages by URL', () => {
  it.each([['deep-divs-10k'], ['deep-divs-100k-open'], ['big-ordinary-4.9mb'], ['plain-text-as-html']])(
    '%s: a summary',
    async (name) => {
      const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', hostile.url(`/${name}`))] });
      expectSummary(await answerTo(sent));
    },
    90_000,
  );

  it('a million tiny paragraphs: refused as no article, with the reason', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', hostile.url('/many-tiny-paragraphs-1m'))] });
    expectRefusal(await answerTo(sent), /not an article/);
  }, 60_000);

  it.each([['png-as-html'], ['zip-as-html']])('%s: refused as not a web page or text', async (name) => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', hostile.url(`/${name}`))] });
    expectRefusal(await answerTo(sent), /not a web page or text/i);
  }, 60_000);
});

describe('/summarize on hostile attached files', () => {
  it('10,000 nested elements in an .html file: a summary', async () => {
    const page = HOSTILE_PAGES['deep-divs-10k']!();
    const sent = world.discord.slashCommand({ name: 'summarize', options: [file('deep.html', 'text/html', page.body)] });
    expectSummary(await answerTo(sent));
  }, 60_000);

  it('plain text in an .html file: a summary', async () => {
    const page = HOSTILE_PAGES['plain-text-as-html']!();
    const sent = world.discord.slashCommand({ name: 'summarize', options: [file('story.html', 'text/html', page.body)] });
    expectSummary(await answerTo(sent));
  }, 60_000);

  it('a PNG named .html: refused as not a web page or text', async () => {
    const page = HOSTILE_PAGES['png-as-html']!();
    const sent = world.discord.slashCommand({ name: 'summarize', options: [file('image.html', 'text/html', page.body)] });
    expectRefusal(await answerTo(sent), /not a web page or text/i);
  }, 60_000);

  it('1 MB of one paragraph repeating three sentences: a summary', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [file('repeated.txt', 'text/plain', HOSTILE_TEXTS['repeated-paragraph-1mb']!())] });
    expectSummary(await answerTo(sent));
  }, 90_000);

  it('a 5 MB token with no spaces: a clear refusal, and the bot still answers the next command', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [file('token.txt', 'text/plain', HOSTILE_TEXTS['one-token-5mb']!())] });
    const answer = await answerTo(sent);
    if (answer.kind === 'refusal') expect(answer.message).not.toMatch(/Unexpected|internal|stack/i);
    else expect(answer.embed.description).toMatch(/^• /);
    const next = world.discord.slashCommand({ name: 'summarize', options: [option('url', world.pages.url('/story'))] });
    expectSummary(await answerTo(next));
  }, 90_000);
});

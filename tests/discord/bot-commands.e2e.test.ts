import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { apiError, completion } from '../../test-support/fake-openai.js';
import { startPageServer, type PageServer } from '../../test-support/page-server.js';
import { PROJECT_DIR, isolatedEnv } from '../../test-support/run-cli.js';
import { scriptedReply } from '../../test-support/scripted-model.js';
import { EXAMPLE_TEXT, IDS, html, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { useTestBot } from '../../test-support/use-test-bot.js';

/**
 * The rest of the Discord surface, end to end: the real bot (real composition root, real
 * discord.js) logged into the fake Discord. Command registration, the "Summarize" message menu,
 * /quotes, DMs, the LLM being down, mention safety, Discord's size limits, the per-user limit and
 * an unexpected failure. Every assertion is on what reached the fake Discord.
 */

const EPHEMERAL = 64;
const ZWSP = '\u200B';
let world: TestWorld;

useTestBot((running) => ({ world } = running));

type MessageBody = {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<{ components: Array<{ custom_id?: string; url?: string; label?: string }> }>;
  allowed_mentions?: unknown;
  flags?: number;
};

const option = (name: string, value: string | boolean) => ({ name, type: typeof value === 'boolean' ? 5 : 3, value });
const isOriginal = (path: string, token: string) => path === `/webhooks/${IDS.app}/${token}/messages/@original`;

/** The successful PATCH of `@original` that ends an interaction (the first after its callback). */
async function finalEdit(discord: TestWorld['discord'], sent: { token: string }): Promise<MessageBody> {
  const call = await discord.waitForCall((candidate) => candidate.method === 'PATCH' && isOriginal(candidate.path, sent.token), 10_000);
  expect(call.status, `PATCH @original answered ${call.status}: ${JSON.stringify(call.body).slice(0, 300)}`).toBe(200);
  return call.body as MessageBody;
}

/** The ephemeral follow-up an error after a public defer becomes. */
async function followUpOf(discord: TestWorld['discord'], sent: { token: string }): Promise<MessageBody> {
  const call = await discord.waitForCall((candidate) => candidate.method === 'POST' && candidate.path === `/webhooks/${IDS.app}/${sent.token}`, 10_000);
  return call.body as MessageBody;
}

/** Every string Discord counts towards an embed's 6000 characters. */
function embedChars(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

function expectWithinDiscordLimits(body: MessageBody): void {
  const embeds = body.embeds ?? [];
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(10);
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
  }
  expect(embeds.reduce((sum, embed) => sum + embedChars(embed), 0)).toBeLessThanOrEqual(6000);
}

/** The article's paragraphs (without the masthead lines), as a reader of the page sees them. */
const ARTICLE_PARAGRAPHS = EXAMPLE_TEXT.split('\n\n').slice(2).map((paragraph) => paragraph.trim()).filter(Boolean);
const SOURCE_TEXT = ARTICLE_PARAGRAPHS.join(' ').replace(/\s+/g, ' ');

describe('npm run deploy-commands', () => {
  const BOT_PERMISSIONS = [
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.EmbedLinks,
    PermissionFlagsBits.AddReactions,
    PermissionFlagsBits.ReadMessageHistory,
  ];

  function deploy(extraEnv: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/deploy-commands.ts'], {
      cwd: PROJECT_DIR,
      // isolatedEnv: a developer's own .env in the project root must not reach the test.
      env: isolatedEnv({ LOG_LEVEL: 'silent', DISCORD_TOKEN: 'fake-token', DISCORD_APP_ID: IDS.app, DISCORD_API_URL: world.discord.apiUrl, ...extraEnv }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('error', reject);
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  function expectInviteUrl(stdout: string): void {
    const invite = /https:\/\/discord\.com\/oauth2\/authorize\?\S+/.exec(stdout)?.[0] ?? '';
    expect(invite).toContain(`client_id=${IDS.app}`);
    expect(invite).toContain('scope=bot%20applications.commands');
    const permissions = BigInt(/[?&]permissions=(\d+)/.exec(invite)?.[1] ?? '0');
    for (const flag of BOT_PERMISSIONS) expect(permissions & flag, `invite asks for ${flag}`).toBe(flag);
    expect(permissions & PermissionFlagsBits.Administrator).toBe(0n);
  }

  it('registers every command in the guild and prints the invite URL', async () => {
    const run = await deploy({ DISCORD_GUILD_ID: IDS.guild });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const put = world.discord.calls.find((call) => call.method === 'PUT' && call.path === `/applications/${IDS.app}/guilds/${IDS.guild}/commands`);
    expect(put?.status).toBe(200);
    expect(put?.authorization).toBe('Bot fake-token');

    const registered = world.discord.registeredCommands.guild(IDS.guild);
    const byName = new Map(registered.map((command) => [`${command.type}:${command.name}`, command]));
    expect([...byName.keys()].sort()).toEqual(['1:ask', '1:autosummary', '1:digest', '1:quotes', '1:settings', '1:summarize', '3:Summarize']);
    expect(byName.get('1:autosummary')?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(byName.get('1:digest')?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(byName.get('1:settings')?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(byName.get('1:summarize')?.default_member_permissions ?? null).toBeNull();
    expect(byName.get('3:Summarize')?.description ?? '').toBe('');
    expect(world.discord.registeredCommands.global).toEqual([]);
    expectInviteUrl(run.stdout);
    expect(run.stdout).toContain(`guild ${IDS.guild}`);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const run = await deploy({});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const names = world.discord.registeredCommands.global.map((command) => `${command.type}:${command.name}`).sort();
    expect(names).toEqual(['1:ask', '1:autosummary', '1:digest', '1:quotes', '1:settings', '1:summarize', '3:Summarize']);
    expect(run.stdout).toMatch(/global commands can take up to an hour/);
    expectInviteUrl(run.stdout);
  });

  it('names the missing settings instead of calling Discord without a token', async () => {
    const before = world.discord.calls.length;
    const run = await deploy({ DISCORD_TOKEN: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DISCORD_TOKEN/);
    expect(world.discord.calls.length).toBe(before);
  });
});

describe('the "Summarize" message menu', () => {
  it('summarises each article link of the message in one public answer', async () => {
    const sent = world.discord.messageContextMenu({
      message: { content: `Two takes: ${world.pages.url('/story')} and ${world.pages.url('/other-story')} — thoughts?` },
    });
    const body = await finalEdit(world.discord, sent);
    expect(world.discord.callbacksFor(sent.id)).toEqual([expect.objectContaining({ type: 5 })]);
    expect(world.discord.callbacksFor(sent.id)[0]?.data?.flags ?? 0).toBe(0);
    expect(body.embeds?.map((embed) => embed.url)).toEqual([world.pages.url('/story'), world.pages.url('/other-story')]);
    for (const embed of body.embeds ?? []) expect(embed.description).toMatch(/^• .*Riverton/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(world.discord.responsesFor(sent.id).original?.flags ?? 0).toBe(0);
  });

  it('summarises the text of a message without links', async () => {
    const content = ['Flood barriers approved', ...ARTICLE_PARAGRAPHS.slice(0, 4)].join('\n\n').slice(0, 2000);
    const sent = world.discord.messageContextMenu({ message: { content } });
    const body = await finalEdit(world.discord, sent);
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds?.[0]?.url).toBeUndefined();
    expect(body.embeds?.[0]?.description).toMatch(/Riverton City Council voted 7-2/);
  });

  it('summarises a link wrapped in <…> (no preview): asking from the menu is explicit', async () => {
    const sent = world.discord.messageContextMenu({ message: { content: `quietly: <${world.pages.url('/story')}>` } });
    const body = await finalEdit(world.discord, sent);
    expect(body.embeds?.map((embed) => embed.url)).toEqual([world.pages.url('/story')]);
  });

  it('says clearly that a message with only an image link has nothing to summarise', async () => {
    const sent = world.discord.messageContextMenu({ message: { content: 'https://cdn.example.com/photos/flood.png' } });
    const followUp = await followUpOf(world.discord, sent);
    expect(followUp.flags).toBe(EPHEMERAL);
    expect(followUp.content).toMatch(/no article links or text/i);
    expect(world.discord.responsesFor(sent.id).original).toBeNull();
  });
});

describe('/quotes', () => {
  it('lists verified quotes with their speakers, each word for word from the page', async () => {
    const sent = world.discord.slashCommand({ name: 'quotes', options: [option('url', world.pages.url('/story'))] });
    const body = await finalEdit(world.discord, sent);
    expect(world.discord.callbacksFor(sent.id)[0]).toMatchObject({ type: 5 });
    expect(world.discord.callbacksFor(sent.id)[0]?.data?.flags ?? 0).toBe(0);
    const embeds = body.embeds ?? [];
    expect(embeds[0]?.url).toBe(world.pages.url('/story'));
    const lines = embeds.flatMap((embed) => (embed.description ?? '').split('\n\n')).filter((line) => line.startsWith('“'));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const quotes = lines.map((line) => {
      const match = /^“(.+)” — (.+)$/.exec(line);
      expect(match, line).not.toBeNull();
      return { text: match?.[1] ?? '', speaker: match?.[2] ?? '' };
    });
    for (const quote of quotes) expect(SOURCE_TEXT, `quote not verbatim: ${quote.text}`).toContain(quote.text.replace(/[.,]$/, ''));
    const speakers = quotes.map((quote) => quote.speaker).join(' | ');
    expect(speakers).toContain('Darren Okafor');
    expect(speakers).toContain('Priya Raman');
    expect(quotes.find((quote) => quote.text.startsWith('I have rebuilt my kitchen'))?.speaker).toMatch(/Priya Raman/);
    expect(quotes.find((quote) => quote.text.startsWith('We are building a wall'))?.speaker).toMatch(/Darren Okafor/);
    expect(embeds.at(-1)?.footer?.text).toMatch(/verified quotes/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('given nothing, shows a paste box without deferring, and lists the quotes of what is pasted', async () => {
    const sent = world.discord.slashCommand({ name: 'quotes' });
    await world.discord.waitForCall((call) => call.path.startsWith(`/interactions/${sent.id}/`));
    expect(world.discord.callbacksFor(sent.id)).toEqual([expect.objectContaining({ type: 9 })]);
    const submitted = world.discord.modalSubmit({ customId: 'quotes-modal', fields: { text: EXAMPLE_TEXT } });
    const body = await finalEdit(world.discord, submitted);
    expect(JSON.stringify(body.embeds)).toContain('Darren Okafor');
  });
});

describe('in a DM', () => {
  it('/summarize works outside any server', async () => {
    const sent = world.discord.slashCommand({ guildId: null, name: 'summarize', options: [option('url', world.pages.url('/story'))] });
    expect(sent.guild_id).toBeUndefined();
    const body = await finalEdit(world.discord, sent);
    expect(body.embeds?.[0]?.url).toBe(world.pages.url('/story'));
    expect(body.embeds?.[0]?.description).toMatch(/^• /);
  });
});

describe('when the LLM is down', () => {
  it('still answers, with an extractive summary that says so', async () => {
    world.openai.respondWith(() => apiError(500, 'down'));
    const before = world.openai.requestCount;
    try {
      const text = `${EXAMPLE_TEXT}\n\nA closing line only this test uses, so nothing is cached for it.`;
      const sent = world.discord.slashCommand({ name: 'summarize', options: [option('text', text.slice(0, 5900))] });
      const body = await finalEdit(world.discord, sent);
      expect(world.openai.requestCount).toBeGreaterThan(before);
      const embed = body.embeds?.[0];
      expect(embed?.description).toMatch(/^• /);
      expect(embed?.fields?.find((field) => field.name === 'Notes')?.value).toContain('LLM unavailable — extractive summary');
      expect(embed?.footer?.text).toMatch(/^offline summary · .* · extractive@1$/);
    } finally {
      world.openai.respondWith((body) => completion(scriptedReply(body)));
    }
  });
});

describe('mentions in an article', () => {
  it('ping nobody: allowed_mentions parse [], no content, mentions neutralised in the embed', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', world.pages.url('/mentions'))] });
    const body = await finalEdit(world.discord, sent);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content ?? '').toBe('');
    const rendered = JSON.stringify(body.embeds);
    // The mentions are shown (so the test covers them) but cannot ping or render as mentions.
    expect(rendered).toContain(`@${ZWSP}everyone`);
    expect(rendered).not.toMatch(/@(everyone|here)/);
    expect(rendered).not.toMatch(/<@[!&]?\d+>/);
    const original = world.discord.responsesFor(sent.id).original;
    expect(original?.mention_everyone).toBe(false);
    expect(original?.mentions).toEqual([]);
    expect(original?.mention_roles).toEqual([]);
  });

  it('the quotes and the message menu are as safe', async () => {
    const quotes = world.discord.slashCommand({ name: 'quotes', options: [option('url', world.pages.url('/mentions'))] });
    const menu = world.discord.messageContextMenu({ message: { content: `look ${world.pages.url('/mentions')}` } });
    for (const sent of [quotes, menu]) {
      const body = await finalEdit(world.discord, sent);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(body)).not.toMatch(/@(everyone|here)|<@[!&]?\d+>/);
      const original = world.discord.responsesFor(sent.id).original;
      expect(original?.mention_everyone).toBe(false);
      expect(original?.mentions).toEqual([]);
    }
  });
});

describe("Discord's limits", () => {
  let big: PageServer;
  const longTitle = Array.from({ length: 40 }, (_, index) => `Headline${index}`).join(' ').padEnd(300, ' word').slice(0, 300);
  const longSentence = `${Array.from({ length: 400 }, (_, index) => `clause${index % 37}`).join(' ')}`.slice(0, 1998) + ' end.';
  const speakers = Array.from({ length: 40 }, (_, index) => `Speaker${String.fromCharCode(65 + (index % 26))}${index} Person`);
  const quoteParagraphs = speakers.map(
    (speaker, index) => `“Quote number ${index} says that the river rose higher than anyone in the valley could remember,” said ${speaker}.`,
  );

  beforeAll(async () => {
    const page = `<!doctype html><html lang="en"><head><title>${longTitle}</title></head><body><article>
      <h1>${longTitle}</h1>
      <p>The ${longSentence}</p>
      ${quoteParagraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
      <p>Officials said work on the barriers would continue through the winter and into the next spring season.</p>
    </article></body></html>`;
    big = await startPageServer({ '/big': html(page) });
    expect(longSentence.length).toBeGreaterThanOrEqual(2000);
    expect(longTitle).toHaveLength(300);
  });
  afterAll(async () => {
    await big?.close();
  });

  it('/summarize of a page with a 2,000-character sentence, 40 quotes and a 300-character title fits', async () => {
    const failedBefore = world.discord.failedCalls.length;
    // The model echoes the page's 300-character title as its headline.
    world.openai.respondWith((request) => completion({ ...scriptedReply(request), headline: longTitle }));
    let body: MessageBody;
    try {
      const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', big.url('/big'))] });
      body = await finalEdit(world.discord, sent);
    } finally {
      world.openai.respondWith((request) => completion(scriptedReply(request)));
    }
    expect(world.discord.failedCalls.length).toBe(failedBefore);
    expectWithinDiscordLimits(body);
    const embed = body.embeds?.[0];
    expect(embed?.title).toMatch(/^Headline0 .*…$/);
    expect(embed?.description).toMatch(/^• The clause0 clause1 .*…/);
    expect(embed?.fields?.find((field) => field.name === 'Key quotes')?.value).toMatch(/more: press Quotes/);
  });

  it('/quotes of 40 quotes and a 300-character title fits, and says what was left out', async () => {
    const failedBefore = world.discord.failedCalls.length;
    const sent = world.discord.slashCommand({ name: 'quotes', options: [option('url', big.url('/big'))] });
    const body = await finalEdit(world.discord, sent);
    expect(world.discord.failedCalls.length).toBe(failedBefore);
    expectWithinDiscordLimits(body);
    expect(body.embeds?.[0]?.title?.length).toBeLessThanOrEqual(256);
    expect(body.embeds?.[0]?.title).toMatch(/^Headline0 /);
    const text = (body.embeds ?? []).map((embed) => embed.description ?? '').join('\n\n');
    const shown = text.split('\n\n').filter((line) => line.startsWith('“')).length;
    expect(shown).toBeGreaterThan(5);
    if (shown < 40) expect(text).toMatch(new RegExp(`and ${40 - shown} more quotes that did not fit`));
  });

  it('the message menu with three such links fits in one message', async () => {
    const failedBefore = world.discord.failedCalls.length;
    const links = [big.url('/big?a=1'), big.url('/big?a=2'), big.url('/big?a=3')];
    const sent = world.discord.messageContextMenu({ message: { content: links.join(' ') } });
    const body = await finalEdit(world.discord, sent);
    expect(world.discord.failedCalls.length).toBe(failedBefore);
    expectWithinDiscordLimits(body);
    expect(body.embeds).toHaveLength(3);
  });
});

describe('an unexpected failure', () => {
  it('Discord refusing the answer becomes "Something went wrong (ref …)", privately', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [option('url', world.pages.url('/story'))] });
    world.discord.failNext({ method: 'PATCH', path: `/webhooks/${IDS.app}/${sent.token}/messages/@original` }, { status: 400, code: 50035, message: 'Invalid Form Body' });
    const followUp = await followUpOf(world.discord, sent);
    expect(followUp.flags).toBe(EPHEMERAL);
    expect(followUp.content).toMatch(/^Something went wrong \(ref [0-9a-f]{6}\)\.$/);
    expect(followUp.allowed_mentions).toEqual({ parse: [] });
    expect(world.discord.calls.some((call) => call.method === 'DELETE' && isOriginal(call.path, sent.token))).toBe(true);
    expect(world.discord.responsesFor(sent.id).original).toBeNull();
  });
});

describe('the per-user limit', () => {
  let limitedWorld: TestWorld;
  let limitedBot: TestBot;
  beforeAll(async () => {
    limitedWorld = await startTestWorld();
    limitedBot = await startTestBot(limitedWorld, { USER_RATE_PER_MIN: '2' });
  });
  afterAll(async () => {
    await limitedBot?.stop();
    await limitedWorld?.close();
  });

  it('answers the third command in a minute at once, privately, with the wait, and does no work for it', async () => {
    const commands = [1, 2, 3].map(() => limitedWorld.discord.slashCommand({ name: 'summarize', options: [option('url', limitedWorld.pages.url('/story'))] }));
    const [first, second, third] = commands;
    if (!first || !second || !third) throw new Error('three commands');
    await finalEdit(limitedWorld.discord, first);
    await finalEdit(limitedWorld.discord, second);
    await limitedWorld.discord.waitForCall((call) => call.path.startsWith(`/interactions/${third.id}/`));
    const callbacks = limitedWorld.discord.callbacksFor(third.id);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const content = (callbacks[0]?.data as { content?: string }).content ?? '';
    const seconds = Number(/Try again in (\d+) s/.exec(content)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(limitedWorld.discord.calls.some((call) => call.method === 'PATCH' && isOriginal(call.path, third.token))).toBe(false);
    expect(limitedWorld.discord.unknownRoutes).toEqual([]);
  });

  it('another user is not held back by the first one', async () => {
    const sent = limitedWorld.discord.slashCommand({
      user: { id: '900000000000000077', username: 'someone-else' },
      name: 'summarize',
      options: [option('url', limitedWorld.pages.url('/story'))],
    });
    const body = await finalEdit(limitedWorld.discord, sent);
    expect(body.embeds?.[0]?.url).toBe(limitedWorld.pages.url('/story'));
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { digestCommand } from '../../test-support/digest-commands.js';
import type { SlashOption } from '../../test-support/fake-discord.js';
import { startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { promptOf } from '../../test-support/scripted-model.js';
import { IDS, startTestBot, startTestWorld, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { failOnUnhandledRejections } from '../../test-support/unhandled-rejections.js';

/**
 * /settings end to end: the real bot on the fake Discord, with link replies on and the fake
 * OpenAI-compatible model. A Manager sets #news's defaults (German, detailed, no quotes); then
 * /summarize, the Summarize message menu, a link reply and a digest in #news use them, an option
 * given on /summarize wins, #other keeps the usual defaults, and after a restart on the same store
 * they are still there. Members without Manage Server and unknown languages are refused.
 *
 * Every summary is of an article page of its own (a headline no other test uses), so the summary
 * cache never answers for a test that did not ask; the model's requests are found by headline.
 */

const EPHEMERAL = 64;
const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
let world: TestWorld;
let pages: FeedServer;
let bot: TestBot;

failOnUnhandledRejections();

beforeAll(async () => {
  world = await startTestWorld();
  pages = await startFeedServer();
  bot = await startTestBot(world, { LINK_REPLIES: 'true' });
});
afterAll(async () => {
  await bot?.stop();
  await pages?.close();
  await world?.close();
});
afterEach(() => {
  expect(world.discord.unknownRoutes).toEqual([]);
  expect(bot.fatal).toEqual([]);
});

type MessageBody = { content?: string; embeds?: APIEmbed[]; allowed_mentions?: unknown };

const text = (name: string, value: string): SlashOption => ({ name, type: 3, value });
const flag = (name: string, value: boolean): SlashOption => ({ name, type: 5, value });
const isOriginal = (path: string, token: string) => path === `/webhooks/${IDS.app}/${token}/messages/@original`;

/** An article page no other test summarises: its own headline, so its own text and cache entry. */
let articles = 0;
function freshArticle(topic: string): { url: string; headline: string } {
  articles += 1;
  const headline = `Riverton ${topic} plan number ${articles} is approved by the council`;
  const path = `/articles/${articles}`;
  pages.serveArticle(path, headline);
  return { url: pages.url(path), headline };
}

/** The successful PATCH of `@original` that ends an interaction. */
async function finalEdit(sent: { token: string }): Promise<MessageBody> {
  const call = await world.discord.waitForCall((candidate) => candidate.method === 'PATCH' && isOriginal(candidate.path, sent.token), 15_000);
  expect(call.status, `PATCH @original answered ${call.status}: ${JSON.stringify(call.body).slice(0, 300)}`).toBe(200);
  return call.body as MessageBody;
}

interface SettingsAnswer {
  content: string;
  /** Answered at once (a check refused it before any defer) rather than deferred and edited. */
  immediate: boolean;
}

/** /settings [options] in #news (or `where`) by a Manager unless `where` says otherwise; always private. */
async function settings(options: SlashOption[] = [], where: { guildId?: string; channelId?: string; memberRoles?: string[]; memberPermissions?: bigint } = {}): Promise<SettingsAnswer> {
  const sent = world.discord.slashCommand({ channelId: IDS.news, memberRoles: [IDS.managers], ...where, name: 'settings', options });
  await world.discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`), 10_000);
  const [callback, ...more] = world.discord.callbacksFor(sent.id);
  expect(more).toEqual([]);
  const data = (callback?.data ?? {}) as MessageBody & { flags?: number };
  expect(data.flags).toBe(EPHEMERAL);
  if (callback?.type === 4) {
    expect(data.allowed_mentions).toEqual({ parse: [] });
    return { content: data.content ?? '', immediate: true };
  }
  expect(callback?.type).toBe(5);
  const body = await finalEdit(sent);
  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(body.embeds ?? []).toEqual([]);
  return { content: body.content ?? '', immediate: false };
}

/** /summarize url:<url> [options] in a channel; resolves with the summary it answered. */
async function summarize(url: string, channelId: string, options: SlashOption[] = []): Promise<APIEmbed> {
  const sent = world.discord.slashCommand({ channelId, name: 'summarize', options: [text('url', url), ...options] });
  const body = await finalEdit(sent);
  const [embed] = body.embeds ?? [];
  expect(embed, 'a summary embed').toBeDefined();
  return embed ?? {};
}

const bulletsOf = (embed: APIEmbed) => (embed.description ?? '').split('\n').filter((line) => line.startsWith('• ')).length;
const hasKeyQuotes = (embed: APIEmbed) => (embed.fields ?? []).some((field) => field.name === 'Key quotes');

/** The summary requests the model was sent for an article (not the digest's briefing), and the language and length each asked for. */
function summaryRequestsAbout(headline: string): Array<{ language: string; bullets: number }> {
  return world.openai.requests
    .filter((request) => promptOf(request.body as never).kind === 'article' && JSON.stringify(request.body).includes(headline))
    .map((request) => {
      const system = JSON.stringify(request.body);
      return {
        language: /Write in ([^.]*?)\./.exec(system)?.[1] ?? '?',
        bullets: Number(/bullets: (?:up to )?(\d+)/.exec(system)?.[1] ?? -1),
      };
    });
}

const NOT_SET = ["Language: not set (each article's own language)", 'Length: not set', 'Key quotes: not set (on)'];
const GERMAN_DETAILED_NO_QUOTES = ['Language: German — Deutsch (de)', 'Length: detailed', 'Key quotes: off'];

describe('/settings', () => {
  it('alone, shows privately that a channel has no defaults yet, in plain words', async () => {
    const answer = await settings();
    expect(answer.immediate).toBe(false);
    expect(answer.content).toContain(`Summary defaults in <#${IDS.news}>`);
    for (const line of NOT_SET) expect(answer.content).toContain(line);
    expect(answer.content).toContain('/settings reset:true');
  });

  it('autocompletes the language as /summarize does, with respond() and no defer', async () => {
    const sent = world.discord.autocomplete({ channelId: IDS.news, memberRoles: [IDS.managers], name: 'settings', options: [{ name: 'language', type: 3, value: 'Deut', focused: true }] });
    await world.discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`), 5_000);
    const [callback] = world.discord.callbacksFor(sent.id);
    expect(callback?.type).toBe(8);
    expect((callback?.data as { choices: unknown[] }).choices[0]).toEqual({ name: 'German — Deutsch (de)', value: 'de' });
  });

  it('refuses a member without Manage Server, privately and at once, and changes nothing', async () => {
    const answer = await settings([text('language', 'fr')], { memberRoles: [] });
    expect(answer).toEqual({ immediate: true, content: expect.stringMatching(/You need the Manage Server permission to change this channel's summary defaults/) });
    for (const line of NOT_SET) expect((await settings()).content).toContain(line);
  });

  it('refuses a language that is no language, saying so, and stores nothing', async () => {
    const answer = await settings([text('language', 'klingon'), text('length', 'detailed')]);
    expect(answer.immediate).toBe(true);
    expect(answer.content).toMatch(/"klingon" is not a language newsbrief knows\. Pick one from the list/);
    for (const line of NOT_SET) expect((await settings()).content).toContain(line);
  });

  it('sets language (by its own name), length and quotes; /settings alone then shows them; another channel has none', async () => {
    const saved = await settings([text('language', 'Deutsch'), text('length', 'detailed'), flag('quotes', false)]);
    expect(saved.content).toMatch(/^\*\*Saved\.\*\*/);
    for (const line of GERMAN_DETAILED_NO_QUOTES) expect(saved.content).toContain(line);

    const shown = await settings();
    for (const line of GERMAN_DETAILED_NO_QUOTES) expect(shown.content).toContain(line);
    const other = await settings([], { channelId: IDS.other });
    for (const line of NOT_SET) expect(other.content).toContain(line);
  });

  it('changing one default keeps the others', async () => {
    const changed = await settings([text('length', 'brief')]);
    for (const line of ['Language: German — Deutsch (de)', 'Length: brief', 'Key quotes: off']) expect(changed.content).toContain(line);
    const back = await settings([text('length', 'detailed')]);
    for (const line of GERMAN_DETAILED_NO_QUOTES) expect(back.content).toContain(line);
  });
});

describe('the defaults at work', () => {
  it('/summarize in the channel uses them; in another channel the same article is summarised apart, with the usual defaults; each is cached on its own', async () => {
    const { url, headline } = freshArticle('harbour');

    const news = await summarize(url, IDS.news);
    expect(summaryRequestsAbout(headline)).toEqual([{ language: 'German (de)', bullets: 6 }]);
    expect(bulletsOf(news)).toBe(5);
    expect(hasKeyQuotes(news)).toBe(false);

    // The German summary is not an answer for #other: a second request, in the article's language.
    const other = await summarize(url, IDS.other);
    expect(summaryRequestsAbout(headline)).toEqual([
      { language: 'German (de)', bullets: 6 },
      { language: "English (en), the article's language", bullets: 3 },
    ]);
    expect(bulletsOf(other)).toBe(3);
    expect(hasKeyQuotes(other)).toBe(true);

    // Each combination has its own cache entry: both answer again without asking the model.
    const again = [await summarize(url, IDS.news), await summarize(url, IDS.other)];
    expect(summaryRequestsAbout(headline)).toHaveLength(2);
    expect(again.map((embed) => embed.footer?.text.split(' · ')[1])).toEqual(['cached', 'cached']);
    expect(again.map(bulletsOf)).toEqual([5, 3]);
  });

  it('an option given on /summarize wins over the channel default', async () => {
    const { url, headline } = freshArticle('ferry');
    const embed = await summarize(url, IDS.news, [text('language', 'en'), text('length', 'brief'), flag('quotes', true)]);
    expect(summaryRequestsAbout(headline)).toEqual([{ language: 'English (en)', bullets: 2 }]);
    expect(bulletsOf(embed)).toBe(2);
    expect(hasKeyQuotes(embed)).toBe(true);
  });

  it('one option given, the others still come from the channel', async () => {
    const { url, headline } = freshArticle('bridge');
    const embed = await summarize(url, IDS.news, [text('length', 'standard')]);
    expect(summaryRequestsAbout(headline)).toEqual([{ language: 'German (de)', bullets: 3 }]);
    expect(hasKeyQuotes(embed)).toBe(false);
  });

  it('the Summarize message menu uses them', async () => {
    const { url, headline } = freshArticle('library');
    const sent = world.discord.messageContextMenu({ channelId: IDS.news, message: { content: `have a look ${url}` } });
    const [embed = {}] = (await finalEdit(sent)).embeds ?? [];
    expect(summaryRequestsAbout(headline)).toEqual([{ language: 'German (de)', bullets: 6 }]);
    expect(bulletsOf(embed)).toBe(5);
    expect(hasKeyQuotes(embed)).toBe(false);

    // In #other, the menu's own defaults.
    const control = freshArticle('library annex');
    const otherSent = world.discord.messageContextMenu({ channelId: IDS.other, message: { content: `and ${control.url}` } });
    const [otherEmbed = {}] = (await finalEdit(otherSent)).embeds ?? [];
    expect(summaryRequestsAbout(control.headline)).toEqual([{ language: "English (en), the article's language", bullets: 3 }]);
    expect(hasKeyQuotes(otherEmbed)).toBe(true);
  });

  it('a link reply uses them (instead of brief, with quotes)', async () => {
    const on = world.discord.slashCommand({ channelId: IDS.news, memberRoles: [IDS.managers], name: 'autosummary', options: [{ name: 'on', type: 1 }] });
    expect((await finalEdit(on)).content).toMatch(/\*\*on\*\*/);
    const { url, headline } = freshArticle('school');
    const posted = world.discord.messageCreate({ channelId: IDS.news, content: `Council news: ${url}` });
    const reply = await world.discord.waitForCall(
      (call) =>
        call.method === 'POST' &&
        call.path === `/channels/${IDS.news}/messages` &&
        (call.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === String(posted?.id),
      15_000,
    );
    expect(reply.status).toBe(200);
    const [embed = {}] = (reply.body as MessageBody).embeds ?? [];
    expect(summaryRequestsAbout(headline)).toEqual([{ language: 'German (de)', bullets: 6 }]);
    expect(bulletsOf(embed)).toBe(5);
    expect(hasKeyQuotes(embed)).toBe(false);
  });

  it('a digest posted in the channel uses them; one posted in another channel keeps the digest\'s own', async () => {
    const hour = 60 * 60 * 1000;
    const feedFor = (channel: string, topics: string[]) => {
      const items = topics.map((topic, index) => {
        const { url, headline } = freshArticle(`${channel} ${topic}`);
        return { title: headline, link: url, guid: url, date: new Date(Date.now() - (index + 1) * hour) };
      });
      pages.serveFeed(`/feeds/${channel}.xml`, { title: `${channel} wire`, items });
      return { url: pages.url(`/feeds/${channel}.xml`), headlines: items.map((item) => item.title) };
    };
    const newsFeed = feedFor('news', ['tram', 'park']);
    const otherFeed = feedFor('other', ['tram', 'park']);

    for (const [channelId, feed] of [[IDS.news, newsFeed], [IDS.other, otherFeed]] as const) {
      expect((await digestCommand(world.discord, 'add', { feed: feed.url }, { channelId })).content).toMatch(/Added/);
      expect((await digestCommand(world.discord, 'now', {}, { channelId })).content).toBe(`Posted 2 stories in <#${channelId}>.`);
    }

    const storyEmbeds = (channelId: string, headlines: string[]) =>
      world.discord.messages
        .filter((message) => message.channel_id === channelId)
        .flatMap((message) => message.embeds as APIEmbed[])
        .filter((embed) => headlines.includes(embed.title ?? ''));

    const news = storyEmbeds(IDS.news, newsFeed.headlines);
    expect(news).toHaveLength(2);
    for (const headline of newsFeed.headlines) expect(summaryRequestsAbout(headline)).toEqual([{ language: 'German (de)', bullets: 6 }]);
    expect(news.map(bulletsOf)).toEqual([5, 5]);
    expect(news.filter(hasKeyQuotes)).toEqual([]);

    const other = storyEmbeds(IDS.other, otherFeed.headlines);
    expect(other).toHaveLength(2);
    for (const headline of otherFeed.headlines) expect(summaryRequestsAbout(headline)).toEqual([{ language: "English (en), the article's language", bullets: 2 }]);
    expect(other.map(bulletsOf)).toEqual([2, 2]);
    expect(other.filter(hasKeyQuotes)).toHaveLength(2);
  });
});

describe('after a restart on the same store', () => {
  it('the defaults are still there and still used', async () => {
    await bot.stop();
    bot = await startTestBot(world, { LINK_REPLIES: 'true' });
    const shown = await settings();
    for (const line of GERMAN_DETAILED_NO_QUOTES) expect(shown.content).toContain(line);

    const { url, headline } = freshArticle('restart');
    const embed = await summarize(url, IDS.news);
    expect(summaryRequestsAbout(headline)).toEqual([{ language: 'German (de)', bullets: 6 }]);
    expect(hasKeyQuotes(embed)).toBe(false);
  });

  it('reset:true clears them, says so, and /summarize is back to its own defaults', async () => {
    const reset = await settings([flag('reset', true)]);
    expect(reset.content).toMatch(/^\*\*Reset\.\*\* This channel's defaults were cleared/);
    for (const line of NOT_SET) expect(reset.content).toContain(line);

    const { url, headline } = freshArticle('after reset');
    const embed = await summarize(url, IDS.news);
    expect(summaryRequestsAbout(headline)).toEqual([{ language: "English (en), the article's language", bullets: 3 }]);
    expect(hasKeyQuotes(embed)).toBe(true);
  });

  it('reset:true with another option clears the rest and sets that one', async () => {
    await settings([text('length', 'detailed'), flag('quotes', false)]);
    const answer = await settings([flag('reset', true), text('language', 'fr')]);
    expect(answer.content).toMatch(/^\*\*Reset\.\*\*/);
    for (const line of ['Language: French — français (fr)', 'Length: not set', 'Key quotes: not set (on)']) expect(answer.content).toContain(line);
  });
});

describe('forgetting', () => {
  const GONE = { id: '200000000000000014', name: 'Gone', channels: [{ id: '314000000000000001', name: 'doomed' }, { id: '314000000000000002', name: 'kept' }] };
  const [DOOMED = '', KEPT = ''] = GONE.channels.map((channel) => channel.id);
  const inGone = (channelId: string) => ({ guildId: GONE.id, channelId, memberPermissions: MANAGE_GUILD });

  it('a deleted channel loses its defaults, the others keep theirs; a guild the bot leaves loses all', async () => {
    world.discord.guildCreate(GONE);
    await settings([text('length', 'brief')], inGone(DOOMED));
    await settings([text('length', 'detailed')], inGone(KEPT));
    expect(await bot.services.channelDefaults.get(GONE.id, DOOMED)).toEqual({ length: 'brief' });

    world.discord.channelDelete(DOOMED);
    await vi.waitFor(async () => expect(await bot.services.channelDefaults.get(GONE.id, DOOMED)).toEqual({}), { timeout: 5000 });
    expect((await settings([], inGone(KEPT))).content).toContain('Length: detailed');

    world.discord.guildDelete(GONE.id);
    await vi.waitFor(async () => expect(await bot.services.channelDefaults.get(GONE.id, KEPT)).toEqual({}), { timeout: 5000 });
  });
});

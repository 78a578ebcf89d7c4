import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseSlot } from '../../src/digest/schedule-slot.js';
import type {
  DiscordDigestChannel as DigestChannel,
  DiscordDigestService as DigestService,
  DiscordRunOutcome as RunOutcome,
} from '../../src/discord/digest-channel.js';
import type { DigestMessage } from '../../src/discord/render/digest-messages.js';
import { createLogger } from '../../src/log.js';
import { buildServices, type Services } from '../../src/services.js';
import { completion, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { rss, startFeedServer, type FeedServer, type FixtureFeed, type FixtureItem } from '../../test-support/feed-server.js';
import { useLoopbackFirewall } from '../../test-support/loopback-firewall.js';
import { scriptedReply } from '../../test-support/scripted-model.js';

/**
 * Daily digests at the service level, without Discord: the real composition root (`buildServices`)
 * builds the digest service with the real SSRF-safe fetcher, article loader, summary service and
 * LLM client, on a fake clock. Feeds and article pages come from a loopback feed server, the model
 * from a fake OpenAI server answering from the text it is sent, and a recording `DigestChannel`
 * stands in for Discord. Runs are driven by `postNow` (a fresh key each), `preview`, and the
 * scheduler's `tick()` for polling between digests.
 */

useLoopbackFirewall();

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = '2026-11-24T06:00:00Z';

type Embed = DigestMessage['embeds'][number];

interface RecordingChannel extends DigestChannel {
  sent: Array<{ channelId: string; message: DigestMessage }>;
  notices: Array<{ channelId: string; content: string }>;
}

/** Records what a run posts; threads always work. */
function recordingChannel(): RecordingChannel {
  let next = 0;
  const sent: RecordingChannel['sent'] = [];
  const notices: RecordingChannel['notices'] = [];
  return {
    sent,
    notices,
    async send(channelId, message) {
      sent.push({ channelId, message });
      return `message-${(next += 1)}`;
    },
    async startThread() {
      return `thread-${(next += 1)}`;
    },
    async notice(channelId, content) {
      notices.push({ channelId, content });
    },
  };
}

interface World {
  services: Services;
  digests: DigestService;
  feeds: FeedServer;
  openai: FakeOpenAi | null;
  channel: RecordingChannel;
  now(): Date;
  advance(ms: number): void;
  hoursAgo(hours: number): Date;
  url(path: string): string;
  /** Requests the feed server saw for a path, query string ignored. */
  hits(path: string): number;
  /** The LLM's chat requests so far. */
  llmCalls(): number;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) {
    await world.services.close();
    await world.feeds.close();
    await world.openai?.close();
  }
});

async function startWorld(options: { env?: Record<string, string>; llm?: boolean; hostSpacingMs?: number } = {}): Promise<World> {
  const { env = {}, llm = true, hostSpacingMs = 0 } = options;
  let current = new Date(START).getTime();
  const now = () => new Date(current);
  const feeds = await startFeedServer();
  const openai = llm ? await startFakeOpenAi() : null;
  openai?.respondWith((body) => completion(scriptedReply(body)));
  const config = loadConfig({
    STORE_URL: 'memory',
    CACHE_URL: 'memory',
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    LLM_MAX_RETRIES: '0',
    LLM_RPM: '100000',
    LLM_TPM: '100000000',
    LOG_LEVEL: 'silent',
    ...(openai ? { OPENAI_BASE_URL: openai.baseUrl, OPENAI_API_KEY: 'test-key' } : {}),
    ...env,
  });
  const services = await buildServices(config, createLogger({ level: 'silent' }), { now, hostSpacingMs });
  const world: World = {
    services,
    digests: services.digests,
    feeds,
    openai,
    channel: recordingChannel(),
    now,
    advance(ms) {
      current += ms;
    },
    hoursAgo: (hours) => new Date(current - hours * HOUR),
    url: (path) => feeds.url(path),
    hits: (path) => feeds.requests.filter((request) => request.path.split('?')[0] === path).length,
    llmCalls: () => openai?.requests.filter((request) => request.path === '/v1/chat/completions').length ?? 0,
  };
  worlds.push(world);
  return world;
}

/** A feed item whose article page is served at `/news/<slug>` with the title as its headline. */
function story(world: World, slug: string, title: string, date: Date, extra: Partial<FixtureItem> = {}): FixtureItem {
  const link = `/news/${slug}`;
  world.feeds.serveArticle(link, title);
  return { title, link, guid: slug, date, ...extra };
}

/** An article body of its own about `subject`: every sentence differs from another subject's. */
function bodyAbout(subject: string): string {
  return [
    `The ${subject} was approved on Tuesday after a long review of the plans by the regional council of Riverton.`,
    `Councillors voted nine to two in favour of the ${subject}, which had been debated for more than a year.`,
    `"The ${subject} means the work can finally begin before the winter storms arrive," said Mayor Ana Ruiz at a press conference.`,
    `Opponents of the ${subject} argued that its cost was too high for a town of this size and asked for a new study.`,
    `Work on the ${subject} is expected to start next month and to last about eighteen months, according to the council.`,
  ].map((sentence) => `<p>${sentence}</p>`).join('');
}

async function addFeed(world: World, path: string, feed: FixtureFeed): Promise<void> {
  world.feeds.serveFeed(path, feed);
  await world.digests.addFeed(GUILD, CHANNEL, world.url(path));
}

/**
 * The article cache keeps pages 6 h by the real clock, which the fake clock cannot age; a day later it
 * would be empty, so tests that move a day on empty it, and a page request then shows a page was loaded.
 */
async function expireArticleCache(world: World): Promise<void> {
  await world.services.stores.cache.clear();
}

let runCount = 0;
interface Posted {
  outcome: RunOutcome;
  header: Embed | undefined;
  stories: Embed[];
}

/** `/digest now` under a fresh key; what it sent, split into the header and one embed per story. */
async function postNow(world: World): Promise<Posted> {
  const before = world.channel.sent.length;
  const outcome = await world.digests.postNow(GUILD, CHANNEL, `test-run-${(runCount += 1)}`, world.channel);
  const embeds = world.channel.sent.slice(before).flatMap((sent) => sent.message.embeds);
  return { outcome, header: embeds[0], stories: embeds.slice(1) };
}

const titlesOf = (embeds: readonly Embed[]) => embeds.map((embed) => embed.title);
const storyEmbedsOf = (messages: readonly DigestMessage[]) => messages.flatMap((message) => message.embeds).slice(1);
const hasQuotes = (embed: Embed) => (embed.fields ?? []).some((field) => field.name === 'Key quotes');

describe('each story once', () => {
  it('posts nothing again when the feed re-dates every item', async () => {
    const world = await startWorld({ llm: false });
    const items = [
      story(world, 'harbour', 'Council approves the new harbour wall after long review', world.hoursAgo(2)),
      story(world, 'school', 'New primary school opens its doors in the old mill district', world.hoursAgo(5)),
      story(world, 'bridge', 'Old rail bridge closes for six months of repair work', world.hoursAgo(8)),
    ];
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });
    const first = await postNow(world);
    expect(first.outcome.outcome).toBe('posted');
    expect(first.stories).toHaveLength(3);

    world.advance(DAY);
    await expireArticleCache(world);
    world.feeds.serveFeed('/feed.xml', { title: 'Riverton Herald', items: items.map((item) => ({ ...item, date: world.hoursAgo(0.5) })) });
    const second = await postNow(world);

    expect(world.hits('/feed.xml')).toBe(2);
    const { feeds } = await world.digests.overview(CHANNEL);
    expect(feeds[0]?.state.items.map((item) => item.publishedAt?.getTime())).toEqual(items.map(() => world.hoursAgo(0.5).getTime()));
    expect(second.outcome.outcome).toBe('empty');
    expect(second.stories).toEqual([]);
    // Caught by the cheap checks: no page was loaded again to find out.
    expect(['/news/harbour', '/news/school', '/news/bridge'].map((path) => world.hits(path))).toEqual([1, 1, 1]);
  });

  it('posts nothing again when the feed changes every GUID but keeps links and titles', async () => {
    const world = await startWorld({ llm: false });
    const items = [
      story(world, 'harbour', 'Council approves the new harbour wall after long review', world.hoursAgo(2)),
      story(world, 'school', 'New primary school opens its doors in the old mill district', world.hoursAgo(5)),
    ];
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });
    expect((await postNow(world)).stories).toHaveLength(2);

    world.advance(DAY);
    await expireArticleCache(world);
    world.feeds.serveFeed('/feed.xml', { title: 'Riverton Herald', items: items.map((item) => ({ ...item, guid: `renamed-${item.guid}` })) });
    const second = await postNow(world);

    expect(world.hits('/feed.xml')).toBe(2);
    const { feeds } = await world.digests.overview(CHANNEL);
    expect(feeds[0]?.state.items.map((item) => item.guid)).toContain('renamed-harbour');
    expect(second.outcome.outcome).toBe('empty');
    expect(second.stories).toEqual([]);
    expect(['/news/harbour', '/news/school'].map((path) => world.hits(path))).toEqual([1, 1]);
  });

  it('merges one story carried by two feeds (same link but utm_ parameters) into one entry listing both feeds', async () => {
    const world = await startWorld({ llm: false });
    const shared = story(world, 'shared', 'Regional rail strike called off after late night talks', world.hoursAgo(6));
    await addFeed(world, '/alpha.xml', {
      title: 'Alpha Times',
      items: [story(world, 'alpha-only', 'Alpha reporters win the national prize for local news', world.hoursAgo(1)), shared],
    });
    await addFeed(world, '/beta.xml', {
      title: 'Beta Wire',
      // A title of its own (and too short for the title rule): only the link ties it to Alpha's item.
      items: [{ ...shared, title: 'Rail strike is off', guid: 'beta-123', link: '/news/shared/?utm_source=beta&utm_medium=rss#top' }],
    });

    const { stories } = await postNow(world);

    const strike = stories.filter((embed) => embed.title === shared.title);
    expect(strike).toHaveLength(1);
    expect(strike[0]?.footer?.text).toBe('Alpha Times · Beta Wire');
    // Two sources outrank the newer single-source story.
    expect(titlesOf(stories)).toEqual([shared.title, 'Alpha reporters win the national prize for local news']);
    expect(world.hits('/news/shared')).toBe(1);
  });

  it('merges one story carried by two feeds under the same title (6+ words) at different links', async () => {
    const world = await startWorld({ llm: false });
    const title = 'Storm closes the coastal road between Riverton and Northby';
    await addFeed(world, '/alpha.xml', { title: 'Alpha Times', items: [story(world, 'alpha-storm', title, world.hoursAgo(3))] });
    await addFeed(world, '/beta.xml', { title: 'Beta Wire', items: [story(world, 'beta-storm', title, world.hoursAgo(2))] });

    const { stories } = await postNow(world);

    expect(titlesOf(stories)).toEqual([title]);
    expect(stories[0]?.footer?.text).toBe('Alpha Times · Beta Wire');
  });

  it('posts a recurring title again on a later day (3 days apart, new link), not merged with the earlier one', async () => {
    const world = await startWorld({ llm: false });
    const title = 'Morning briefing: Tuesday 24 November edition news';
    const tuesday = story(world, 'briefing-tue', title, world.hoursAgo(1));
    world.feeds.serveArticle('/news/briefing-tue', 'Morning briefing for Tuesday: the harbour works start');
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items: [tuesday] });
    const first = await postNow(world);
    expect(titlesOf(first.stories)).toEqual([title]);

    world.advance(3 * DAY);
    const friday = story(world, 'briefing-fri', title, world.hoursAgo(1));
    world.feeds.serveArticle('/news/briefing-fri', 'Morning briefing for Friday: the rail strike ends');
    world.feeds.serveFeed('/feed.xml', { title: 'Riverton Herald', items: [friday, tuesday] });
    const second = await postNow(world);

    expect(second.outcome.outcome).toBe('posted');
    expect(titlesOf(second.stories)).toEqual([title]);
    expect(second.stories[0]?.url).toBe(world.url('/news/briefing-fri'));
  });

  it('does not repost a new link whose page names an already posted story as its canonical URL', async () => {
    const world = await startWorld({ llm: false });
    const original = story(world, 'original', 'Council approves the new harbour wall after long review', world.hoursAgo(2));
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items: [original] });
    expect(titlesOf((await postNow(world)).stories)).toEqual([original.title]);

    world.advance(HOUR);
    // Another title and another text: only the page's canonical link ties it to the posted story.
    world.feeds.serveArticle('/amp/harbour', 'Harbour wall plan wins backing from councillors', { canonical: world.url('/news/original') });
    world.feeds.serveFeed('/feed.xml', {
      title: 'Riverton Herald',
      items: [{ title: 'Harbour wall plan wins backing from councillors', link: '/amp/harbour', guid: 'amp-1', date: world.hoursAgo(0.5) }, original],
    });
    const second = await postNow(world);

    expect(world.hits('/amp/harbour')).toBe(1);
    expect(second.outcome.outcome).toBe('empty');
    expect(second.stories).toEqual([]);
  });

  it("does not repost an item linking to the canonical URL a posted story's page declared, nor fetch its page", async () => {
    const world = await startWorld({ llm: false });
    const posted = story(world, 'syndicated', 'Council approves the new harbour wall after long review', world.hoursAgo(2));
    world.feeds.serveArticle('/news/syndicated', posted.title, { canonical: world.url('/news/home-of-the-story') });
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items: [posted] });
    expect(titlesOf((await postNow(world)).stories)).toEqual([posted.title]);

    world.advance(HOUR);
    world.feeds.serveArticle('/news/home-of-the-story', 'Harbour wall plan wins backing from councillors');
    world.feeds.serveFeed('/feed.xml', {
      title: 'Riverton Herald',
      items: [{ title: 'Harbour wall plan wins backing from councillors', link: '/news/home-of-the-story', guid: 'home-1', date: world.hoursAgo(0.5) }, posted],
    });
    const second = await postNow(world);

    expect(second.outcome.outcome).toBe('empty');
    expect(world.hits('/news/home-of-the-story')).toBe(0);
  });

  it('does not repost the same cleaned article text found at a new URL', async () => {
    const world = await startWorld({ llm: false });
    const original = story(world, 'original', 'Council approves the new harbour wall after long review', world.hoursAgo(2));
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items: [original] });
    expect(titlesOf((await postNow(world)).stories)).toEqual([original.title]);

    world.advance(HOUR);
    world.feeds.serveArticle('/mirror/copy', original.title);
    world.feeds.serveFeed('/feed.xml', {
      title: 'Riverton Herald',
      items: [{ title: 'Syndicated: councillors back harbour barrier scheme', link: '/mirror/copy', guid: 'mirror-1', date: world.hoursAgo(0.5) }, original],
    });
    const second = await postNow(world);

    expect(world.hits('/mirror/copy')).toBe(1);
    expect(second.outcome.outcome).toBe('empty');
    expect(second.stories).toEqual([]);
  });
});

describe('what a digest takes', () => {
  it("takes a new feed's last 24 h only, and never posts the older items later", async () => {
    const world = await startWorld({ llm: false });
    const items = [
      story(world, 'h2', 'Ferry timetable changes for the winter season announced', world.hoursAgo(2)),
      story(world, 'h10', 'Library extends its opening hours on weekday evenings', world.hoursAgo(10)),
      story(world, 'h30', 'Farmers market moves to the square for the summer months', world.hoursAgo(30)),
      story(world, 'h50', 'Town hall roof repairs finished ahead of the schedule', world.hoursAgo(50)),
    ];
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });
    const first = await postNow(world);
    expect(titlesOf(first.stories)).toEqual([items[0]?.title, items[1]?.title]);

    world.advance(DAY);
    const fresh = story(world, 'new', 'Harbour cranes arrive for the first phase of the works', world.hoursAgo(1));
    world.feeds.serveFeed('/feed.xml', { title: 'Riverton Herald', items: [fresh, ...items] });
    const second = await postNow(world);

    expect(titlesOf(second.stories)).toEqual([fresh.title]);
    expect(world.hits('/news/h30')).toBe(0);
    expect(world.hits('/news/h50')).toBe(0);
  });

  it('ranks by sources then recency, takes at most DIGEST_MAX_STORIES, and passes over the rest for good', async () => {
    const world = await startWorld({ llm: false, env: { DIGEST_MAX_STORIES: '3' } });
    const shared = story(world, 'shared', 'Regional rail strike called off after late night talks', world.hoursAgo(9));
    const alpha = [
      story(world, 'a3', 'Third newest story about the new cycle lanes in town', world.hoursAgo(3)),
      story(world, 'a1', 'Newest story about the ferry timetable for the winter', world.hoursAgo(1)),
      story(world, 'a4', 'Fourth story about the library opening hours this year', world.hoursAgo(4)),
      story(world, 'a2', 'Second newest story about the harbour cranes arriving', world.hoursAgo(2)),
      shared,
    ];
    await addFeed(world, '/alpha.xml', { title: 'Alpha Times', items: alpha });
    await addFeed(world, '/beta.xml', { title: 'Beta Wire', items: [{ ...shared, guid: 'beta-shared' }] });

    const first = await postNow(world);
    expect(titlesOf(first.stories)).toEqual([
      shared.title,
      'Newest story about the ferry timetable for the winter',
      'Second newest story about the harbour cranes arriving',
    ]);

    world.advance(DAY);
    const fresh = story(world, 'a5', 'Brand new story about the town budget vote tonight', world.hoursAgo(1));
    world.feeds.serveFeed('/alpha.xml', { title: 'Alpha Times', items: [fresh, ...alpha] });
    const second = await postNow(world);

    // The passed-over a3 and a4 are older than the new story and never come back.
    expect(titlesOf(second.stories)).toEqual([fresh.title]);
    const third = await postNow(world);
    expect(third.outcome.outcome).toBe('empty');
  });

  it('fetches only the pages of the stories it posts', async () => {
    const world = await startWorld({ llm: false, env: { DIGEST_MAX_STORIES: '2' } });
    const items = Array.from({ length: 6 }, (_, index) =>
      story(world, `s${index + 1}`, `Story number ${index + 1} about the harbour works in Riverton`, world.hoursAgo(index + 1)),
    );
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });

    const first = await postNow(world);

    expect(first.stories.map((embed) => embed.url)).toEqual([world.url('/news/s1'), world.url('/news/s2')]);
    expect([1, 2, 3, 4, 5, 6].map((n) => world.hits(`/news/s${n}`))).toEqual([1, 1, 0, 0, 0, 0]);

    world.advance(DAY);
    const fresh = story(world, 'fresh', 'Brand new story about the town budget vote tonight', world.hoursAgo(1));
    world.feeds.serveFeed('/feed.xml', { title: 'Riverton Herald', items: [fresh, ...items] });
    await postNow(world);
    expect([1, 2, 3, 4, 5, 6].map((n) => world.hits(`/news/s${n}`))).toEqual([1, 1, 0, 0, 0, 0]);
    expect(world.hits('/news/fresh')).toBe(1);
  });

  it('shows key quotes for the top 3 entries only', async () => {
    const world = await startWorld({ env: { DIGEST_MAX_STORIES: '5' } });
    const items = Array.from({ length: 5 }, (_, index) =>
      story(world, `q${index + 1}`, `Quoted story number ${index + 1} about the harbour in Riverton`, world.hoursAgo(index + 1)),
    );
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });

    const { stories } = await postNow(world);

    expect(stories).toHaveLength(5);
    expect(stories.map(hasQuotes)).toEqual([true, true, true, false, false]);
    expect(stories[0]?.fields?.find((field) => field.name === 'Key quotes')?.value).toContain('This decision means the work can finally begin');
  });
});

describe('the briefing and the LLM', () => {
  it("puts the model's briefing in the header, and costs one call per story plus one for the briefing", async () => {
    const world = await startWorld({ env: { DIGEST_MAX_STORIES: '5' } });
    const items = Array.from({ length: 3 }, (_, index) =>
      story(world, `b${index + 1}`, `Briefed story number ${index + 1} about the harbour in Riverton`, world.hoursAgo(index + 1)),
    );
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });

    const { header, stories } = await postNow(world);

    expect(stories).toHaveLength(3);
    expect(header?.description).toBe(`Today: ${items.map((item) => item.title).join('; ')}.`);
    expect(header?.fields ?? []).toEqual([]);
    expect(world.llmCalls()).toBe(3 + 1);
    const briefingCalls = world.openai?.requests.filter((request) => request.body.messages?.some((message) => message.content.includes('<stories>')));
    expect(briefingCalls).toHaveLength(1);

    // A second digest with nothing new costs nothing.
    world.advance(DAY);
    expect((await postNow(world)).outcome.outcome).toBe('empty');
    expect(world.llmCalls()).toBe(4);
  });

  it("leads with the top story's first bullet when no LLM is configured", async () => {
    const world = await startWorld({ llm: false });
    const items = [
      story(world, 'top', 'Top story about the harbour wall in Riverton today', world.hoursAgo(1)),
      story(world, 'second', 'Second story about the ferry timetable for winter', world.hoursAgo(2)),
    ];
    world.feeds.serveArticle('/news/top', items[0]?.title ?? '', { body: bodyAbout('harbour wall') });
    world.feeds.serveArticle('/news/second', items[1]?.title ?? '', { body: bodyAbout('ferry timetable') });
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });

    const { header, stories } = await postNow(world);

    const firstBullets = stories.map((embed) => embed.description?.split('\n')[0]?.replace(/^• /, ''));
    expect(titlesOf(stories)).toEqual(items.map((item) => item.title));
    expect(firstBullets[0]).toContain('harbour wall');
    expect(firstBullets[1]).toContain('ferry timetable');
    expect(header?.description).toBe(firstBullets[0]);
    expect(world.llmCalls()).toBe(0);
  });

  it('falls back to extractive summaries with a note in the header once GUILD_DAILY_TOKENS is spent', async () => {
    const world = await startWorld({ env: { GUILD_DAILY_TOKENS: '50' } });
    await addFeed(world, '/feed.xml', {
      title: 'Riverton Herald',
      items: [story(world, 'first', 'First story about the harbour wall in Riverton today', world.hoursAgo(1))],
    });
    // The one summary call spends far more than 50 tokens; the briefing after it finds the budget spent.
    const first = await postNow(world);
    expect(world.llmCalls()).toBe(1);
    expect(first.header?.fields?.find((field) => field.name === 'Notes')?.value).toContain('token budget');

    world.advance(HOUR);
    const items = [
      story(world, 'second', 'Second story about the ferry timetable for winter', world.hoursAgo(0.5)),
      story(world, 'third', 'Third story about the library opening hours this year', world.hoursAgo(0.6)),
    ];
    world.feeds.serveFeed('/feed.xml', { title: 'Riverton Herald', items });
    const second = await postNow(world);

    expect(titlesOf(second.stories)).toEqual(items.map((item) => item.title));
    expect(world.llmCalls()).toBe(1);
    const notes = second.header?.fields?.find((field) => field.name === 'Notes')?.value ?? '';
    expect(notes).toContain('This server has used its LLM token budget for today');
    expect(notes.match(/token budget/g)).toHaveLength(1);
    expect(second.stories.every((embed) => embed.description?.startsWith('• '))).toBe(true);
    expect(second.header?.description).toBe(second.stories[0]?.description?.split('\n')[0]?.replace(/^• /, ''));
  });
});

describe('feed health', () => {
  /** Serves the feed's path with `status`, or the feed itself when `status` is null; counts requests. */
  function flakyFeed(world: World, path: string, feed: FixtureFeed) {
    let status: number | null = null;
    let headers: Record<string, string> = {};
    const body = rss(feed, world.url('').replace(/\/$/, ''));
    world.feeds.serve(path, (_request: IncomingMessage, response: ServerResponse) => {
      if (status === null) response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      else response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end('down');
    });
    return {
      fail(next: number, nextHeaders: Record<string, string> = {}) {
        status = next;
        headers = nextHeaders;
      },
      recover() {
        status = null;
      },
    };
  }

  it('posts one failure notice after FEED_FAILURES_BEFORE_NOTICE failures, backs off doubling, then one recovery notice', async () => {
    const world = await startWorld({ llm: false, env: { FEED_FAILURES_BEFORE_NOTICE: '3' } });
    const feed = flakyFeed(world, '/feed.xml', {
      title: 'Alerts @everyone Weekly',
      items: [{ title: 'Some story about the harbour works in Riverton', link: '/news/x', guid: 'x', date: world.hoursAgo(1) }],
    });
    await world.digests.addFeed(GUILD, CHANNEL, world.url('/feed.xml'));
    const scheduler = world.digests.createScheduler(world.channel);
    const tickAfter = async (ms: number) => {
      world.advance(ms);
      await scheduler.tick();
      return world.hits('/feed.xml');
    };
    feed.fail(500);

    // Healthy: every 30 min. Failures back off 30, 60, 120 min.
    expect(await tickAfter(29 * MINUTE)).toBe(1);
    const firstFailure = world.now().getTime() + MINUTE;
    expect(await tickAfter(MINUTE)).toBe(2); // failure 1
    expect(await tickAfter(29 * MINUTE)).toBe(2);
    expect(await tickAfter(MINUTE)).toBe(3); // failure 2
    expect(world.channel.notices).toEqual([]);
    expect(await tickAfter(59 * MINUTE)).toBe(3);
    expect(await tickAfter(MINUTE)).toBe(4); // failure 3
    expect(world.channel.notices).toHaveLength(1);
    expect(await tickAfter(119 * MINUTE)).toBe(4);
    expect(await tickAfter(MINUTE)).toBe(5); // failure 4
    expect(await tickAfter(239 * MINUTE)).toBe(5);
    expect(await tickAfter(MINUTE)).toBe(6); // failure 5

    expect(world.channel.notices).toHaveLength(1);
    const [notice] = world.channel.notices;
    expect(notice?.channelId).toBe(CHANNEL);
    expect(notice?.content).toContain('has failed since');
    expect(notice?.content).toContain(`<t:${Math.floor(firstFailure / 1000)}:f>`);
    expect(notice?.content).toContain('last error: The page answered 500 Internal Server Error.');
    expect(notice?.content).not.toMatch(/@everyone/);
    expect(notice?.content).toContain('Alerts @\u200Beveryone Weekly');

    // Doubling would next wait 8 h; the backoff is capped at 6 h.
    feed.recover();
    expect(await tickAfter(6 * HOUR - MINUTE)).toBe(6);
    expect(await tickAfter(MINUTE)).toBe(7);
    expect(world.channel.notices).toHaveLength(2);
    expect(world.channel.notices[1]?.content).toContain('works again');
    expect(world.channel.notices[1]?.content).not.toMatch(/@everyone/);
    await tickAfter(30 * MINUTE);
    await tickAfter(30 * MINUTE);
    expect(world.hits('/feed.xml')).toBe(9);
    expect(world.channel.notices).toHaveLength(2);
    expect(world.channel.sent).toEqual([]);
  });

  it('waits out a Retry-After longer than the backoff', async () => {
    const world = await startWorld({ llm: false });
    const feed = flakyFeed(world, '/feed.xml', { title: 'Busy Feed', items: [{ title: 'A story', link: '/news/x', guid: 'x', date: world.hoursAgo(1) }] });
    await world.digests.addFeed(GUILD, CHANNEL, world.url('/feed.xml'));
    const scheduler = world.digests.createScheduler(world.channel);
    feed.fail(503, { 'retry-after': String(3 * 60 * 60) });

    world.advance(30 * MINUTE);
    await scheduler.tick();
    expect(world.hits('/feed.xml')).toBe(2);
    // The backoff alone would retry after 30 min; the server asked for 3 h.
    for (const step of [30 * MINUTE, HOUR, HOUR + 29 * MINUTE]) {
      world.advance(step);
      await scheduler.tick();
    }
    expect(world.hits('/feed.xml')).toBe(2);
    world.advance(MINUTE);
    await scheduler.tick();
    expect(world.hits('/feed.xml')).toBe(3);
  });
});

describe('polling', () => {
  it('sends a conditional GET, takes the 304, and still offers the stored items', async () => {
    const world = await startWorld({ llm: false });
    const items = [story(world, 'kept', 'Stored story about the harbour works in Riverton', world.hoursAgo(1))];
    const base = world.url('').replace(/\/$/, '');
    const statuses: number[] = [];
    world.feeds.serve('/feed.xml', (request, response) => {
      if (request.headers['if-none-match'] === '"feed-v1"') {
        statuses.push(304);
        response.writeHead(304, { etag: '"feed-v1"' }).end();
        return;
      }
      statuses.push(200);
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-v1"' }).end(rss({ title: 'Riverton Herald', items }, base));
    });
    await world.digests.addFeed(GUILD, CHANNEL, world.url('/feed.xml'));

    world.advance(30 * MINUTE);
    await world.digests.createScheduler(world.channel).tick();

    expect(statuses).toEqual([200, 304]);
    const feedRequests = world.feeds.requests.filter((request) => request.path === '/feed.xml');
    expect(feedRequests[0]?.headers['if-none-match']).toBeUndefined();
    expect(feedRequests[1]?.headers['if-none-match']).toBe('"feed-v1"');
    const preview = await world.digests.preview(GUILD, CHANNEL);
    expect(titlesOf(storyEmbedsOf(preview))).toEqual([items[0]?.title]);
  });

  it("fetches no sooner than the feed's <ttl> asks (120 min), also after a 304", async () => {
    const world = await startWorld({ llm: false });
    await addFeed(world, '/feed.xml', {
      title: 'Slow Feed',
      ttl: 120,
      items: [story(world, 'ttl', 'A story about the harbour works in Riverton today', world.hoursAgo(1))],
    });
    const scheduler = world.digests.createScheduler(world.channel);
    const tickAfter = async (ms: number) => {
      world.advance(ms);
      await scheduler.tick();
      return world.hits('/feed.xml');
    };
    expect(await tickAfter(30 * MINUTE)).toBe(1);
    expect(await tickAfter(30 * MINUTE)).toBe(1);
    expect(await tickAfter(59 * MINUTE)).toBe(1);
    expect(await tickAfter(MINUTE)).toBe(2);
    // That poll was answered 304 (the feed is unchanged, <ttl> and all): the next still waits 120 min.
    expect(world.feeds.requests.filter((request) => request.path === '/feed.xml')[1]?.headers['if-none-match']).toBeTruthy();
    expect(await tickAfter(30 * MINUTE)).toBe(2);
    expect(await tickAfter(89 * MINUTE)).toBe(2);
    expect(await tickAfter(MINUTE)).toBe(3);
  });

  it("keeps to the feed's <ttl> after a fresh (200) answer", async () => {
    const world = await startWorld({ llm: false });
    const feed: FixtureFeed = {
      title: 'Slow Feed',
      ttl: 120,
      items: [story(world, 'ttl', 'A story about the harbour works in Riverton today', world.hoursAgo(1))],
    };
    await addFeed(world, '/feed.xml', feed);
    const scheduler = world.digests.createScheduler(world.channel);
    world.advance(119 * MINUTE);
    await scheduler.tick();
    expect(world.hits('/feed.xml')).toBe(1);
    world.feeds.serveFeed('/feed.xml', feed); // a new ETag: the next poll reads the body again
    world.advance(MINUTE);
    await scheduler.tick();
    expect(world.hits('/feed.xml')).toBe(2);
    world.advance(119 * MINUTE);
    await scheduler.tick();
    expect(world.hits('/feed.xml')).toBe(2);
  });

  it("reads every healthy feed again when a slot comes, except one whose Retry-After has not passed", async () => {
    const world = await startWorld({ llm: false });
    const base = world.url('').replace(/\/$/, '');
    const plain = story(world, 'plain', 'Plain feed story about the harbour works in Riverton', world.hoursAgo(1));
    const polite = story(world, 'polite', 'Polite feed story about the ferry timetable for winter', world.hoursAgo(1));
    await addFeed(world, '/plain.xml', { title: 'Plain Post', items: [plain] });
    // A feed that asks, with every answer, to be left alone for two hours.
    world.feeds.serve('/polite.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'retry-after': String(2 * 60 * 60) }).end(rss({ title: 'Polite Press', items: [polite] }, base));
    });
    await world.digests.addFeed(GUILD, CHANNEL, world.url('/polite.xml'));
    await world.digests.schedule(GUILD, CHANNEL, parseSlot('07:00', 'UTC'));
    const scheduler = world.digests.createScheduler(world.channel);

    // 06:30: both polled (the polite one now asks for two hours); 06:59:30: neither is due.
    world.advance(30 * MINUTE);
    await scheduler.tick();
    world.advance(29 * MINUTE + 30_000);
    await scheduler.tick();
    expect([world.hits('/plain.xml'), world.hits('/polite.xml')]).toEqual([2, 2]);

    // The 07:00 slot reads the plain feed again; the polite one keeps its Retry-After.
    world.advance(50_000);
    await scheduler.tick();
    expect([world.hits('/plain.xml'), world.hits('/polite.xml')]).toEqual([3, 2]);
    expect((await world.digests.overview(CHANNEL)).lastRun?.outcome).toBe('posted');
  });

  it('spaces requests to one host (hostSpacingMs 300, three feeds on loopback)', async () => {
    const world = await startWorld({ llm: false, hostSpacingMs: 300 });
    const base = world.url('').replace(/\/$/, '');
    const arrivals: number[] = [];
    for (const n of [1, 2, 3]) {
      const body = rss({ title: `Feed ${n}`, items: [{ title: `Story ${n}`, link: `/news/${n}`, guid: `${n}`, date: world.hoursAgo(1) }] }, base);
      world.feeds.serve(`/feed-${n}.xml`, (_request, response) => {
        arrivals.push(performance.now());
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      });
      await world.digests.addFeed(GUILD, CHANNEL, world.url(`/feed-${n}.xml`));
    }
    arrivals.length = 0;

    world.advance(30 * MINUTE);
    await world.digests.createScheduler(world.channel).tick();

    expect(arrivals).toHaveLength(3);
    const gaps = arrivals.slice(1).map((at, index) => at - (arrivals[index] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
  });
});

describe('cached pages and the per-host spacing', () => {
  it('loads cached story pages without waiting for their host: only real fetches take a turn', async () => {
    // An hour between two requests to one host: a load that took a turn after another could not finish within this test.
    const world = await startWorld({ llm: false, hostSpacingMs: HOUR });
    // The pages on a site of their own (another port is another host), so the feed's own request takes no turn there.
    const site = await startFeedServer();
    try {
      const titles = Array.from({ length: 10 }, (_, index) => `Story number ${index + 1} about the harbour works in Riverton`);
      const links = titles.map((title, index) => {
        site.serveArticle(`/news/${index + 1}`, title, { body: bodyAbout(`cached project ${index + 1}`) });
        return site.url(`/news/${index + 1}`);
      });
      await addFeed(world, '/feed.xml', {
        title: 'Riverton Herald',
        items: titles.map((title, index) => ({ title, link: links[index] ?? null, guid: `cached-${index + 1}`, date: world.hoursAgo(index + 1) })),
      });
      // Nine of the ten pages are in the article cache already (a /summarize of each would put them there); the last is not.
      for (const link of links.slice(0, 9)) await world.services.articles.fromUrl(link);
      const pageHits = () => links.map((link) => site.requests.filter((request) => request.path === new URL(link).pathname).length);
      expect(pageHits()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);

      const run = postNow(world);
      run.catch(() => undefined);
      const settled = await Promise.race([run, new Promise<'still waiting'>((resolve) => setTimeout(resolve, 10_000, 'still waiting').unref())]);

      expect(settled, 'a cached page waited for its host\'s turn (an hour)').not.toBe('still waiting');
      const { outcome, stories } = await run;
      expect(outcome.outcome).toBe('posted');
      expect(titlesOf(stories)).toEqual(titles);
      // Nothing fetched again; the one page not cached was fetched, and it took the host's first turn.
      expect(pageHits()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    } finally {
      await site.close();
    }
  });
});

describe('preview', () => {
  it('writes nothing: two previews, then /digest now posts the same stories', async () => {
    const world = await startWorld();
    const items = [
      story(world, 'p1', 'First previewed story about the harbour in Riverton', world.hoursAgo(1)),
      story(world, 'p2', 'Second previewed story about the ferry in Riverton', world.hoursAgo(2)),
      story(world, 'old', 'Old story from two days ago about the town hall', world.hoursAgo(48)),
    ];
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });
    const before = await world.digests.overview(CHANNEL);

    world.advance(45 * MINUTE);
    const firstPreview = await world.digests.preview(GUILD, CHANNEL);
    const secondPreview = await world.digests.preview(GUILD, CHANNEL);
    const after = await world.digests.overview(CHANNEL);

    expect(firstPreview[0]?.embeds[0]?.title).toMatch(/^Preview: /);
    expect(titlesOf(storyEmbedsOf(firstPreview))).toEqual([items[0]?.title, items[1]?.title]);
    expect(titlesOf(storyEmbedsOf(secondPreview))).toEqual(titlesOf(storyEmbedsOf(firstPreview)));
    expect(after).toEqual(before);
    expect(world.channel.sent).toEqual([]);

    const posted = await postNow(world);
    expect(titlesOf(posted.stories)).toEqual([items[0]?.title, items[1]?.title]);
  });
});

describe('one run per channel at a time', () => {
  it('posts the stories once when two /digest now calls race', async () => {
    const world = await startWorld();
    const items = [
      story(world, 'r1', 'First raced story about the harbour in Riverton', world.hoursAgo(1)),
      story(world, 'r2', 'Second raced story about the ferry in Riverton', world.hoursAgo(2)),
    ];
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items });

    const outcomes = await Promise.all([postNow(world), postNow(world)]);

    expect(outcomes.map(({ outcome }) => outcome.outcome).sort()).toEqual(['locked', 'posted']);
    expect(titlesOf(world.channel.sent.flatMap((sent) => sent.message.embeds).slice(1)).sort()).toEqual([items[0]?.title, items[1]?.title].sort());
  });

  it('keeps a slot that found its channel busy waiting, and runs it on a later tick', async () => {
    const world = await startWorld();
    // A slow page keeps the /digest now run (and the channel's lock) busy while the slot falls due.
    world.feeds.serve('/news/slow', (_request: IncomingMessage, response: ServerResponse) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article>${bodyAbout('slow harbour report')}</article></body></html>`), 400);
    });
    await addFeed(world, '/feed.xml', { title: 'Riverton Herald', items: [{ title: 'Slow harbour report from the council of Riverton', link: '/news/slow', guid: 'slow', date: world.hoursAgo(1) }] });
    await world.digests.schedule(GUILD, CHANNEL, parseSlot('06:30', 'UTC'));
    const scheduler = world.digests.createScheduler(world.channel);
    await scheduler.tick();

    const now = postNow(world);
    await new Promise((resolve) => setTimeout(resolve, 100));
    world.advance(31 * MINUTE);
    await scheduler.tick();
    expect((await world.digests.overview(CHANNEL)).lastRun).toBeNull();

    expect((await now).outcome.outcome).toBe('posted');
    world.advance(MINUTE);
    await scheduler.tick();
    const { lastRun } = await world.digests.overview(CHANNEL);
    expect(lastRun?.key).toBe(`digest:${CHANNEL}:2026-11-24:06:30:UTC`);
    // Nothing new since /digest now: the slot ran and posted nothing.
    expect(lastRun?.outcome).toBe('empty');
  });
});

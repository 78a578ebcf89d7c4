import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { IDS, EXAMPLE_TEXT, startTestBot, type TestBot, type TestWorld } from '../../test-support/start-test-bot.js';
import { useTestBot } from '../../test-support/use-test-bot.js';

const EPHEMERAL = 64;
let world: TestWorld;
let bot: TestBot;

useTestBot((running) => ({ world, bot } = running));

const url = (option: string, value: string | boolean) => ({ name: option, type: typeof value === 'boolean' ? 5 : 3, value });

async function finalEdit(interactionId: string) {
  const call = await world.discord.waitForCall((candidate) => candidate.method === 'PATCH' && candidate.path.includes('/messages/@original') && world.discord.callbacksFor(interactionId).length > 0 && candidate.at > (world.discord.callbacksFor(interactionId)[0]?.at ?? 0), 10_000);
  return call.body as { embeds?: APIEmbed[]; components?: Array<{ components: Array<{ custom_id?: string; url?: string; label?: string }> }>; allowed_mentions?: unknown; content?: string };
}

describe('/summarize', () => {
  it('defers publicly at once, then edits in a summary embed with buttons and no pings', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('url', world.pages.url('/story'))] });
    const body = await finalEdit(sent.id);
    expect(world.discord.callbacksFor(sent.id)[0]).toMatchObject({ type: 5 });
    expect(world.discord.callbacksFor(sent.id)[0]?.data?.flags ?? 0).toBe(0);
    const embed = body.embeds?.[0];
    expect(embed?.url).toBe(world.pages.url('/story'));
    expect(embed?.description).toMatch(/^• /);
    expect(embed?.footer?.text).toMatch(/^gpt-4o-mini · \d+ → \d+ words \(−\d+%\) · summarize@2$/);
    expect(embed?.fields?.find((field) => field.name === 'Key quotes')?.value).toContain('Darren Okafor');
    const buttons = body.components?.[0]?.components ?? [];
    expect(buttons.map((button) => button.label)).toEqual(['More detail', 'Quotes', 'Ask', 'Source']);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('summarises pasted text, privately when asked', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('text', EXAMPLE_TEXT.slice(0, 5900)), url('private', true), url('length', 'brief')] });
    const body = await finalEdit(sent.id);
    expect(world.discord.callbacksFor(sent.id)[0]?.data?.flags).toBe(EPHEMERAL);
    expect(body.embeds?.[0]?.title).toMatch(/Riverton/);
    expect(body.embeds?.[0]?.url).toBeUndefined();
    expect(body.components?.[0]?.components.map((button) => button.label)).toEqual(['More detail', 'Quotes', 'Ask']);
  });

  it('summarises an attached .txt file', async () => {
    const sent = world.discord.slashCommand({
      name: 'summarize',
      options: [{ name: 'file', type: 11, value: { filename: 'briefing.txt', contentType: 'text/plain', data: EXAMPLE_TEXT } }],
    });
    const body = await finalEdit(sent.id);
    expect(body.embeds?.[0]?.description).toMatch(/Riverton City Council voted 7-2/);
  });

  it('shows a modal without deferring when given nothing, and summarises what is pasted there', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize' });
    await world.discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`));
    expect(world.discord.callbacksFor(sent.id)).toEqual([expect.objectContaining({ type: 9 })]);
    const submitted = world.discord.modalSubmit({ customId: 'summarize-modal', fields: { text: EXAMPLE_TEXT } });
    const body = await finalEdit(submitted.id);
    expect(body.embeds?.[0]?.description).toMatch(/Riverton/);
  });

  it('answers language autocomplete with respond() and never defers it', async () => {
    const sent = world.discord.autocomplete({ name: 'summarize', options: [{ name: 'language', type: 3, value: 'fre', focused: true }] });
    await world.discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`));
    const [callback] = world.discord.callbacksFor(sent.id);
    expect(callback?.type).toBe(8);
    expect((callback?.data as { choices: unknown[] }).choices[0]).toEqual({ name: 'French — français (fr)', value: 'fr' });
  });

  it.each([
    ['Deutsch', 'de'],
    ['German', 'de'],
    ['Español', 'es'],
    ['espanol', 'es'],
    ['日本語', 'ja'],
    ['portug', 'pt'],
  ])('autocomplete finds %s by its own or its English name', async (typed, tag) => {
    const sent = world.discord.autocomplete({ name: 'summarize', options: [{ name: 'language', type: 3, value: typed, focused: true }] });
    await world.discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`));
    const choices = (world.discord.callbacksFor(sent.id)[0]?.data as { choices: Array<{ value: string }> }).choices;
    expect(choices[0]?.value).toBe(tag);
  });

  it('summarises in a language typed by its own name', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('url', world.pages.url('/story')), url('language', 'Deutsch')] });
    await finalEdit(sent.id);
    const asked = world.openai.requests.at(-1);
    expect(JSON.stringify(asked?.body)).toContain('Write in German (de)');
  });

  it('the More detail answer is the detailed summary, with no second More detail button', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('url', world.pages.url('/story'))] });
    const body = await finalEdit(sent.id);
    const more = body.components?.[0]?.components.find((button) => button.label === 'More detail');
    const click = world.discord.buttonClick({ customId: more?.custom_id ?? '' });
    const detailed = await finalEdit(click.id);
    expect(detailed.components?.[0]?.components.map((button) => button.label)).toEqual(['Quotes', 'Ask', 'Source']);
  });

  it('a detailed summary offers no More detail', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('url', world.pages.url('/story')), url('length', 'detailed')] });
    const body = await finalEdit(sent.id);
    expect(body.components?.[0]?.components.map((button) => button.label)).toEqual(['Quotes', 'Ask', 'Source']);
  });
});

describe('mistakes that need no I/O are answered privately before any defer', () => {
  const pdf = { name: 'file', type: 11, value: { filename: 'report.pdf', contentType: 'application/pdf', data: '%PDF-1.7' } };
  it.each([
    ['a malformed URL', 'summarize', [url('url', 'not a link at all')], /not a valid web address/],
    ['a literal private address', 'summarize', [url('url', 'http://10.1.2.3/story')], /private or internal network/],
    ['a loopback address', 'quotes', [url('url', 'http://[::1]:8080/')], /private or internal network/],
    ['another scheme', 'summarize', [url('url', 'file:///etc/passwd')], /only fetches http and https/],
    ['text with no words', 'summarize', [url('text', '… — !!')], /no text to summarise/],
    ['an unknown language', 'summarize', [url('url', 'https://example.com/story'), url('language', 'klingon')], /"klingon" is not a language/],
    ['a refused file type', 'summarize', [pdf], /PDFs are not supported yet/],
    ['two inputs at once', 'quotes', [url('url', 'https://example.com/a'), url('text', 'Some words here.')], /one of url, text or file/],
  ])('%s', async (_name, command, options, message) => {
    const sent = world.discord.slashCommand({ name: command, options });
    await world.discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`));
    const callbacks = world.discord.callbacksFor(sent.id);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect((callbacks[0]?.data as { content: string }).content).toMatch(message);
    expect(world.discord.calls.some((call) => call.path.startsWith(`/webhooks/${IDS.app}/${sent.token}`))).toBe(false);
  });

  it('an empty paste in the modal is answered privately too', async () => {
    const submitted = world.discord.modalSubmit({ customId: 'summarize-modal', fields: { text: '   ...   ' } });
    await world.discord.waitForCall((call) => call.path.includes(`/interactions/${submitted.id}/`));
    expect(world.discord.callbacksFor(submitted.id)).toEqual([expect.objectContaining({ type: 4, data: expect.objectContaining({ flags: EPHEMERAL }) })]);
  });
});

describe('errors after a public defer', () => {
  it.each([
    ['a PDF', () => world.pages.url('/report.pdf'), /PDFs are not supported yet/],
    ['a page that is not there', () => world.pages.url('/missing'), /404/],
  ])('%s: deletes the public reply and tells the user privately', async (_name, target, message) => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('url', target())] });
    const followUp = await world.discord.waitForCall((call) => call.method === 'POST' && call.path.startsWith(`/webhooks/${IDS.app}/${sent.token}`), 10_000);
    expect(world.discord.calls.some((call) => call.method === 'DELETE' && call.path === `/webhooks/${IDS.app}/${sent.token}/messages/@original`)).toBe(true);
    expect(followUp.body).toMatchObject({ flags: EPHEMERAL, allowed_mentions: { parse: [] } });
    expect((followUp.body as { content: string }).content).toMatch(message);
  });

  it('the gate refuses thin text with its own message', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('text', 'Too short to summarise.')] });
    const followUp = await world.discord.waitForCall((call) => call.method === 'POST' && call.path.startsWith(`/webhooks/${IDS.app}/${sent.token}`), 10_000);
    expect((followUp.body as { content: string }).content).toMatch(/Only 4 words/);
  });
});

describe('buttons', () => {
  it('More detail and Quotes answer the clicker privately, and still work after a restart', async () => {
    const sent = world.discord.slashCommand({ name: 'summarize', options: [url('url', world.pages.url('/story'))] });
    const body = await finalEdit(sent.id);
    const [more, quotes] = body.components?.[0]?.components ?? [];
    expect(more?.custom_id).toMatch(/^more:/);

    await bot.stop();
    bot = await startTestBot(world);

    const clickMore = world.discord.buttonClick({ customId: more?.custom_id ?? '' });
    const detailed = await finalEdit(clickMore.id);
    expect(world.discord.callbacksFor(clickMore.id)[0]).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(detailed.embeds?.[0]?.description?.split('\n').filter((line) => line.startsWith('• ')).length).toBeGreaterThan(3);

    const clickQuotes = world.discord.buttonClick({ customId: quotes?.custom_id ?? '' });
    const all = await finalEdit(clickQuotes.id);
    const text = JSON.stringify(all.embeds);
    expect(text).toContain('Priya Raman');
    expect(text).toContain('Darren Okafor');
  });

  it('says so when a button has expired', async () => {
    const click = world.discord.buttonClick({ customId: 'more:nosuchstate' });
    const body = await finalEdit(click.id);
    expect(body.content).toMatch(/expired/);
  });
});

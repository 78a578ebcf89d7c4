import { expect } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Call, FakeDiscord, SlashOption } from './fake-discord.js';
import { IDS } from './start-test-bot.js';

/** A clock tests move by hand; the digest scheduler and seen-story dates read it. */
export interface TestClock {
  now: () => Date;
  set(instant: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface DigestAnswer {
  call: Call;
  content: string;
  embeds: APIEmbed[];
  /** The interaction's callbacks (the defer), to tell public from ephemeral. */
  deferFlags: number | undefined;
}

/** /digest <subcommand> [options] in #news by a Manager (unless `who` says otherwise); resolves with the edited reply. */
export async function digestCommand(
  discord: FakeDiscord,
  subcommand: string,
  options: Record<string, string | boolean> = {},
  who: { guildId?: string; channelId?: string; memberRoles?: string[]; memberPermissions?: bigint; appPermissions?: bigint } = {},
): Promise<DigestAnswer> {
  // Booleans are type 5; `channel` a channel (7) and `role` a role (8) by id; anything else a string.
  const subOptions: SlashOption[] = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'boolean' ? 5 : name === 'channel' ? 7 : name === 'role' ? 8 : 3, value }));
  const sent = discord.slashCommand({
    guildId: IDS.guild,
    channelId: IDS.news,
    memberRoles: [IDS.managers],
    ...who,
    name: 'digest',
    options: [{ name: subcommand, type: 1, options: subOptions }],
  });
  const call = await discord.waitForCall(
    (candidate) =>
      (candidate.method === 'PATCH' && candidate.path === `/webhooks/${IDS.app}/${sent.token}/messages/@original`) ||
      (candidate.method === 'POST' && candidate.path.startsWith(`/webhooks/${IDS.app}/${sent.token}`)),
    20_000,
  );
  const body = (call.body ?? {}) as { content?: string; embeds?: APIEmbed[]; allowed_mentions?: unknown };
  expect(body.allowed_mentions).toEqual({ parse: [] });
  const [defer] = discord.callbacksFor(sent.id);
  return { call, content: body.content ?? '', embeds: body.embeds ?? [], deferFlags: (defer?.data as { flags?: number } | undefined)?.flags };
}

/** Autocomplete choices for a /digest subcommand's focused option, typed in #news (or `where`). */
export async function digestAutocomplete(
  discord: FakeDiscord,
  subcommand: string,
  name: string,
  typed: string,
  where: { guildId?: string; channelId?: string } = {},
): Promise<Array<{ name: string; value: string }>> {
  const sent = discord.autocomplete({
    guildId: IDS.guild,
    channelId: IDS.news,
    memberRoles: [IDS.managers],
    ...where,
    name: 'digest',
    options: [{ name: subcommand, type: 1, options: [{ name, type: 3, value: typed, focused: true }] }],
  });
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const [callback] = discord.callbacksFor(sent.id);
    if (callback) return ((callback.data as { choices?: Array<{ name: string; value: string }> }).choices ?? []);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no autocomplete answer within 5 s');
}

/** Messages the bot posted (not interaction replies) in a channel or in threads started under it. */
export function digestPosts(discord: FakeDiscord, channelIds: readonly string[]) {
  return discord.messages.filter((message) => channelIds.includes(message.channel_id));
}

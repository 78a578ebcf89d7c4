import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeDiscord, shardForGuild, startFakeDiscord } from '../../test-support/fake-discord.js';

/**
 * The fake Discord with shards, proven with two real discord.js clients, one per shard of 2: GET
 * /gateway/bot's recommendation, READY and GUILD_CREATE with each shard's own guilds only, and
 * each guild's events (interactions, messages) on its own shard's connection; DMs on shard 0.
 */

const APP_ID = '100000000000000001';

/** The first id from `seed` on, in steps Discord's rule notices, that falls on `shard` of `count`. */
function guildOnShard(shard: number, count: number, seed: bigint): string {
  let id = seed;
  while (shardForGuild(String(id), count) !== shard) id += 1n << 22n;
  return String(id);
}

const GUILD_A = guildOnShard(0, 2, 200000000000000001n);
const GUILD_B = guildOnShard(1, 2, 200000000000000001n);
const CHANNEL_A = '300000000000000001';
const CHANNEL_B = '300000000000000002';

let discord: FakeDiscord;
const clients: Client[] = [];
const received: Array<Interaction[]> = [[], []];

async function loginShard(shard: number): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl }, shards: [shard], shardCount: 2 });
  client.on(Events.InteractionCreate, (interaction) => received[shard]?.push(interaction));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login('fake-token');
  await ready;
  clients.push(client);
  return client;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  discord = await startFakeDiscord({
    applicationId: APP_ID,
    recommendedShards: 2,
    maxConcurrency: 2,
    guilds: [
      { id: GUILD_A, name: 'On shard 0', channels: [{ id: CHANNEL_A, name: 'news' }] },
      { id: GUILD_B, name: 'On shard 1', channels: [{ id: CHANNEL_B, name: 'news' }] },
    ],
  });
});
afterAll(async () => {
  for (const client of clients) await client.destroy();
  await discord?.close();
});

describe('fake Discord with shards', () => {
  it('recommends its shard count and identify concurrency on GET /gateway/bot', async () => {
    const response = await fetch(`${discord.apiUrl}/v10/gateway/bot`, { headers: { authorization: 'Bot fake-token' } });
    expect(await response.json()).toMatchObject({ url: discord.gatewayUrl, shards: 2, session_start_limit: { max_concurrency: 2 } });
  });

  it('gives each shard only its own guilds, and each guild’s events only on its shard', async () => {
    expect(shardForGuild(GUILD_A, 2)).toBe(0);
    expect(shardForGuild(GUILD_B, 2)).toBe(1);
    // Before shard 1 connects, an event in its guild would reach no one: the fake says so.
    const shard0 = await loginShard(0);
    expect(() => discord.slashCommand({ name: 'summarize', guildId: GUILD_B, channelId: CHANNEL_B })).toThrow(/no client is connected for the shard of guild/);
    const shard1 = await loginShard(1);

    expect(discord.identifies.map((identify) => identify.shard)).toEqual([[0, 2], [1, 2]]);
    expect([...shard0.guilds.cache.keys()]).toEqual([GUILD_A]);
    expect([...shard1.guilds.cache.keys()]).toEqual([GUILD_B]);

    // Dispatched in this order; each connection delivers in order, so anything sent to the wrong
    // shard would arrive there before that shard's own last event, which the test waits for.
    const inA = discord.slashCommand({ name: 'summarize', guildId: GUILD_A, channelId: CHANNEL_A });
    const inB = discord.slashCommand({ name: 'summarize', guildId: GUILD_B, channelId: CHANNEL_B });
    const inDm = discord.slashCommand({ name: 'summarize', guildId: null });
    await until(() => received[0]?.length === 2 && received[1]?.length === 1, 'the interactions');
    expect(received[0]?.map((interaction) => interaction.id)).toEqual([inA.id, inDm.id]);
    expect(received[1]?.map((interaction) => interaction.id)).toEqual([inB.id]);
    expect(received[1]?.[0]?.guildId).toBe(GUILD_B);
    expect(received[0]?.[1]?.guildId).toBeNull();
  });

  it('closes an IDENTIFY with an impossible shard with 4010, as Discord does', async () => {
    const socket = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json`);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.once('message', () => socket.send(JSON.stringify({ op: 2, d: { token: 'fake-token', intents: 1, properties: {}, shard: [2, 2] } })));
    expect(await closed).toBe(4010);
  });
});

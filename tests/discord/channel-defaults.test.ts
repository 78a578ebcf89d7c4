import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChannelDefaults, withChannelDefaults } from '../../src/discord/channel-defaults.js';
import { useStores, useTempDirs } from '../../test-support/test-stores.js';

/** The /settings store on a real SQLite state store: what it keeps, merges, clears and forgets. */
describe('channel defaults', () => {
  const open = useStores();
  const tempDir = useTempDirs();
  const sqlite = async () => `sqlite://${path.join(await tempDir(), 'state.sqlite')}`;

  it('keeps what was set across a reopened store, merging changes and clearing with reset', async () => {
    const url = await sqlite();
    const first = createChannelDefaults(await open(url, { namespace: 'state', durable: true }));
    expect(await first.update('g1', 'c1', { language: 'de', length: 'detailed' })).toEqual({ language: 'de', length: 'detailed' });
    // Unset (undefined) is "not given": it never clears a default.
    expect(await first.update('g1', 'c1', { quotes: false, language: undefined })).toEqual({ language: 'de', length: 'detailed', quotes: false });

    const reopened = createChannelDefaults(await open(url, { namespace: 'state', durable: true }));
    expect(await reopened.get('g1', 'c1')).toEqual({ language: 'de', length: 'detailed', quotes: false });
    expect(await reopened.get('g1', 'c2')).toEqual({});
    expect(await reopened.get(null, 'c1')).toEqual({});
    expect(await reopened.update('g1', 'c1', { length: 'brief' }, { reset: true })).toEqual({ length: 'brief' });
    expect(await reopened.update('g1', 'c1', {}, { reset: true })).toEqual({});
    expect(await reopened.get('g1', 'c1')).toEqual({});
  });

  it('loses no change when a guild\'s channels are set at the same moment', async () => {
    const defaults = createChannelDefaults(await open(await sqlite(), { namespace: 'state', durable: true }));
    const channels = Array.from({ length: 12 }, (_, index) => `c${index}`);
    await Promise.all(channels.map((channelId, index) => defaults.update('g1', channelId, { quotes: index % 2 === 0 })));
    for (const [index, channelId] of channels.entries()) expect(await defaults.get('g1', channelId)).toEqual({ quotes: index % 2 === 0 });
  });

  it('forgets one channel, or a whole guild, and nothing else', async () => {
    const defaults = createChannelDefaults(await open(await sqlite(), { namespace: 'state', durable: true }));
    await defaults.update('g1', 'c1', { length: 'brief' });
    await defaults.update('g1', 'c2', { length: 'detailed' });
    await defaults.update('g2', 'c3', { language: 'fr' });
    await defaults.forgetChannel('g1', 'c1');
    expect([await defaults.get('g1', 'c1'), await defaults.get('g1', 'c2')]).toEqual([{}, { length: 'detailed' }]);
    await defaults.forgetGuild('g1');
    expect([await defaults.get('g1', 'c2'), await defaults.get('g2', 'c3')]).toEqual([{}, { language: 'fr' }]);
  });

  it('an option given wins over the channel, which wins over the surface\'s own', () => {
    const own = { length: 'brief', language: null, quotes: true } as const;
    const channel = { language: 'de', length: 'detailed', quotes: false } as const;
    expect(withChannelDefaults(own, {})).toEqual(own);
    expect(withChannelDefaults(own, channel)).toEqual({ length: 'detailed', language: 'de', quotes: false });
    expect(withChannelDefaults(own, channel, { length: 'standard', language: null, quotes: true })).toEqual({ length: 'standard', language: 'de', quotes: true });
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cachedCall } from '../../src/cache/cached.js';
import { createInFlight } from '../../src/cache/in-flight.js';
import { createTypedCache } from '../../src/cache/typed-cache.js';
import { useStores } from '../../test-support/test-stores.js';

const summarySchema = z.object({ headline: z.string() });
type Summary = z.infer<typeof summarySchema>;

describe('cachedCall', () => {
  const open = useStores();

  async function setup() {
    const cache = createTypedCache(await open('memory', { namespace: 'cache', durable: false }), summarySchema, { ttlMs: 60_000 });
    let computed = 0;
    const compute = async (): Promise<Summary> => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { headline: `computed ${computed}` };
    };
    return { cache, inFlight: createInFlight<Summary>(), compute, computed: () => computed };
  }

  it('reports a miss, then a hit with the stored value', async () => {
    const { cache, inFlight, compute, computed } = await setup();
    const first = await cachedCall({ cache, inFlight, key: 'summary:x', compute });
    const second = await cachedCall({ cache, inFlight, key: 'summary:x', compute });
    expect(first).toEqual({ value: { headline: 'computed 1' }, cached: false });
    expect(second).toEqual({ value: { headline: 'computed 1' }, cached: true });
    expect(computed()).toBe(1);
  });

  it('computes once for concurrent misses on one key', async () => {
    const { cache, inFlight, compute, computed } = await setup();
    const results = await Promise.all(Array.from({ length: 20 }, () => cachedCall({ cache, inFlight, key: 'summary:y', compute })));
    expect(computed()).toBe(1);
    expect(results.every((result) => !result.cached && result.value.headline === 'computed 1')).toBe(true);
  });

  it('does not cache a failure', async () => {
    const { cache, inFlight, compute } = await setup();
    const failing = async (): Promise<Summary> => {
      throw new Error('LLM down');
    };
    await expect(cachedCall({ cache, inFlight, key: 'summary:z', compute: failing })).rejects.toThrow('LLM down');
    expect(await cache.get('summary:z')).toBeUndefined();
    await expect(cachedCall({ cache, inFlight, key: 'summary:z', compute })).resolves.toMatchObject({ cached: false });
  });
});

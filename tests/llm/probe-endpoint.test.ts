import { afterEach, describe, expect, it } from 'vitest';
import { createEndpointCheck } from '../../src/llm/probe-endpoint.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { startPageServer, type PageServer } from '../../test-support/page-server.js';

/** `/healthz`'s LLM part: GET {base}/models; any answer below 500 is reachable; answers reused for a while. */

const servers: Array<FakeOpenAi | PageServer> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close().catch(() => undefined)));
});

async function endpointAnswering(status: number) {
  const requests: Array<{ path: string; authorization: string | undefined }> = [];
  const server = await startPageServer({
    '/v1/models': (request, response) => {
      requests.push({ path: request.url ?? '', authorization: request.headers.authorization });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{"error":{"message":"nope"}}');
    },
  });
  servers.push(server);
  return { baseUrl: server.url('/v1'), requests };
}

describe('the LLM endpoint check', () => {
  it('asks the fake OpenAI for its models, with the key, and is ok', async () => {
    const fake = await startFakeOpenAi();
    servers.push(fake);
    expect(await createEndpointCheck({ baseUrl: fake.baseUrl, apiKey: 'sk-probe' })()).toEqual({ ok: true, detail: 'answered 200' });
    expect(fake.requests.map((request) => [request.method, request.path, request.headers.authorization])).toEqual([['GET', '/v1/models', 'Bearer sk-probe']]);
  });

  it.each([401, 403, 404])('counts a %i as reachable: the endpoint answered', async (status) => {
    const { baseUrl } = await endpointAnswering(status);
    expect(await createEndpointCheck({ baseUrl })()).toEqual({ ok: true, detail: `answered ${status}` });
  });

  it('fails on a 5xx, naming the status', async () => {
    const { baseUrl } = await endpointAnswering(503);
    expect(await createEndpointCheck({ baseUrl })()).toEqual({ ok: false, detail: 'answered 503' });
  });

  it('fails on a closed port', async () => {
    const fake = await startFakeOpenAi();
    await fake.close();
    expect(await createEndpointCheck({ baseUrl: fake.baseUrl })()).toEqual({ ok: false, detail: 'unreachable: ECONNREFUSED' });
  });

  it('fails when the endpoint does not answer within its limit', async () => {
    const server = await startPageServer({ '/v1/models': () => undefined });
    servers.push(server);
    expect(await createEndpointCheck({ baseUrl: server.url('/v1'), limitMs: 100 })()).toEqual({ ok: false, detail: 'no answer within 100 ms' });
  });

  it('reuses an answer for cacheMs, so a scraper cannot hammer the endpoint, then asks again', async () => {
    const { baseUrl, requests } = await endpointAnswering(200);
    let now = 1_000_000;
    const check = createEndpointCheck({ baseUrl, cacheMs: 30_000, now: () => now });
    await Promise.all([check(), check(), check()]);
    now += 29_999;
    await check();
    expect(requests).toHaveLength(1);
    now += 1;
    await check();
    expect(requests).toHaveLength(2);
  });
});

import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorJsonSchema, summaryJsonSchema } from '../../test-support/contract-schemas.js';
import { startPageServer, type PageServer } from '../../test-support/page-server.js';
import { runCli } from '../../test-support/run-cli.js';
import { sharedPath, skipWithoutShared } from '../../test-support/shared-data.js';

const EXAMPLE = 'examples/briefing.txt';
const example = readFileSync(new URL(`../../${EXAMPLE}`, import.meta.url), 'utf8');
const workDir = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));

function parseJson(stdout: string) {
  return summaryJsonSchema.parse(JSON.parse(stdout));
}

describe('CLI on a file', () => {
  it('prints the title, source, bullets, key quotes with speakers and the word counts', async () => {
    const run = await runCli([EXAMPLE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^City Council Approves Flood Barrier Plan After Record Spring Rains\nSource: examples\/briefing\.txt\n/);
    expect(run.stdout).toMatch(/Summary\n {2}• /);
    expect(run.stdout).toContain('— Darren Okafor');
    expect(run.stdout).toContain('— Priya Raman');
    expect(run.stdout).toMatch(/\d+ → \d+ words \(−\d+%\) · extractive/);
    expect(run.stdout).not.toMatch(/Spread the love|Share this article|File Photo|Read more/);
  });

  it('gives exactly the CONTRACTS shape with --json, and every quote is verbatim', async () => {
    const run = await runCli(['--json', EXAMPLE]);
    expect(run.code).toBe(0);
    const summary = parseJson(run.stdout);
    expect(summary.source).toMatchObject({ kind: 'file', path: EXAMPLE, url: null, title: 'City Council Approves Flood Barrier Plan After Record Spring Rains' });
    expect(summary.bullets).toHaveLength(3);
    expect(summary.provider).toBe('extractive');
    expect(summary.cached).toBe(false);
    expect(summary.stats.wordsIn).toBeGreaterThan(summary.stats.wordsOut);
    expect(summary.stats.reductionPct).toBe(Math.round((1 - summary.stats.wordsOut / summary.stats.wordsIn) * 100));
    expect(summary.quotes.length).toBeGreaterThanOrEqual(4);
    for (const quote of summary.quotes) expect(example).toContain(quote.text);
    for (const bullet of summary.bullets) expect(example).toContain(bullet);
  });

  it('honours --length and --no-quotes', async () => {
    const brief = parseJson((await runCli(['--json', '--length', 'brief', '--no-quotes', EXAMPLE])).stdout);
    expect(brief.bullets).toHaveLength(2);
    expect(brief.quotes).toEqual([]);
    const detailed = parseJson((await runCli(['--json', '--length', 'detailed', EXAMPLE])).stdout);
    expect(detailed.bullets).toHaveLength(6);
  });

  it('notes that the extractive summariser cannot translate', async () => {
    const summary = parseJson((await runCli(['--json', '--language', 'fr', EXAMPLE])).stdout);
    expect(summary.notes.join(' ')).toMatch(/cannot translate/);
  });

  it('prints the cleaned article with --extract-only, with no summary fields', async () => {
    const run = await runCli(['--extract-only', '--json', EXAMPLE]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { article: { title: string; text: string }; bullets?: unknown };
    expect(Object.keys(output)).toEqual(['article']);
    expect(output.article.title).toBe('City Council Approves Flood Barrier Plan After Record Spring Rains');
    expect(output.article.text).toMatch(/^The Riverton City Council voted 7-2/);
  });
});

describe('CLI on standard input', () => {
  it('reads "-" and reports the source as stdin', async () => {
    const run = await runCli(['--json', '-'], { stdin: example });
    expect(run.code).toBe(0);
    expect(parseJson(run.stdout).source.kind).toBe('stdin');
  });

  it('refuses an empty paste with exit code 2 and a JSON error', async () => {
    const run = await runCli(['--json', '-'], { stdin: '  \n' });
    expect(run.code).toBe(2);
    expect(errorJsonSchema.parse(JSON.parse(run.stdout)).error.code).toBe('empty_input');
  });
});

describe('CLI on a loopback URL', () => {
  let server: PageServer;
  beforeAll(async () => {
    const paragraphs = example.split('\n\n').slice(2).map((paragraph) => `<p>${paragraph}</p>`).join('');
    server = await startPageServer({
      '/story': (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<html lang="en"><head><title>Flood barriers approved</title></head><body><article>${paragraphs}</article></body></html>`),
      '/report.pdf': (_request, response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
    });
  });
  afterAll(() => server.close());

  it('fetches, extracts and summarises a page when the host is allowed', async () => {
    const run = await runCli(['--json', server.url('/story')], { env: { FETCH_ALLOW_HOSTS: '127.0.0.1' } });
    expect(run.code).toBe(0);
    const summary = parseJson(run.stdout);
    expect(summary.source).toMatchObject({ kind: 'url', url: server.url('/story'), title: 'Flood barriers approved' });
    expect(summary.language).toBe('en');
  });

  it('refuses a private address by default, with exit code 2', async () => {
    const run = await runCli(['--json', server.url('/story')]);
    expect(run.code).toBe(2);
    expect(errorJsonSchema.parse(JSON.parse(run.stdout)).error.code).toBe('blocked_url');
    expect(server.requests.filter((request) => request.path === '/story')).toHaveLength(1);
  });

  it('says PDFs are not supported yet', async () => {
    const run = await runCli([server.url('/report.pdf')], { env: { FETCH_ALLOW_HOSTS: '127.0.0.1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PDFs are not supported yet');
  });
});

describe('CLI errors', () => {
  it('rejects an unknown option with exit code 2 and the usage', async () => {
    const run = await runCli(['--lenght', 'brief', EXAMPLE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: npm run summarize/);
  });

  it('rejects a bad --length value', async () => {
    const run = await runCli(['--json', '--length', 'huge', EXAMPLE]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'bad_arguments' } });
  });

  it('names a missing file', async () => {
    const run = await runCli(['no-such-file.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-file.txt');
  });

  it('refuses a PDF file and a binary file by their bytes', async () => {
    const pdf = join(workDir, 'paper.txt');
    writeFileSync(pdf, '%PDF-1.4 binary');
    expect((await runCli([pdf])).stderr).toContain('PDFs are not supported yet');
    const binary = join(workDir, 'image.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const run = await runCli([binary]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/binary/);
  });

  it('reports a bad configuration variable by name with exit code 2', async () => {
    const run = await runCli(['--json', EXAMPLE], { env: { FETCH_TIMEOUT_MS: 'soon' } });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'config' } });
    expect(run.stdout).toContain('FETCH_TIMEOUT_MS');
  });
});

describe.skipIf(skipWithoutShared('fixtures/rafah-briefing.txt'))('CLI on the Rafah briefing fixture', () => {
  const fixture = sharedPath('fixtures/rafah-briefing.txt');

  it('lists both Kirby quotes verbatim, attributed to John Kirby, with a clean summary', async () => {
    const raw = readFileSync(fixture, 'utf8');
    const run = await runCli(['--json', fixture]);
    expect(run.code).toBe(0);
    const summary = parseJson(run.stdout);
    const kirby = summary.quotes.filter((quote) => quote.speaker === 'John Kirby').map((quote) => quote.text);
    expect(kirby).toHaveLength(2);
    expect(kirby.some((text) => text.startsWith('sometime in the coming week'))).toBe(true);
    expect(kirby.some((text) => text.startsWith('The Israelis have assured us'))).toBe(true);
    for (const text of kirby) expect(raw).toContain(text);
    const summaryText = summary.bullets.join(' ');
    expect(summaryText).not.toMatch(/Spread the love|File Photo|Expected Meeting/);
    expect(summary.headline).toBe('Expected Meeting Between US and Israeli Officials Regarding Rafah Offensive');
  });
});

describe('CLI size limits', () => {
  const big = `Headline\n\n${'The council met again today to discuss the budget and the rail services. '.repeat(80)}`;

  it('refuses a file over FETCH_MAX_BYTES before reading it', async () => {
    const path = join(workDir, 'big.txt');
    writeFileSync(path, big);
    const run = await runCli(['--json', path], { env: { FETCH_MAX_BYTES: '2048' } });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'too_large' } });
    expect(run.stdout).toContain('The file is 6 KB, over 2 KB, the most newsbrief reads.');
  });

  it('refuses standard input over FETCH_MAX_BYTES', async () => {
    const run = await runCli(['--json', '-'], { stdin: big, env: { FETCH_MAX_BYTES: '2048' } });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'too_large' } });
  });
});

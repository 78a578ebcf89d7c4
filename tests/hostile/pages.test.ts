/**
 * Hostile and unusual pages through the real CLI, each as its own process (issue 12): every one
 * gets an answer (a summary, exit 0) or a clear refusal (exit 2), never an internal error. The
 * pages are built by bench/lib/hostile-pages.ts, which bench:hostile measures for time and memory.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_PAGE_OUTCOMES, HOSTILE_PAGES, longHostUrl, STORY_PARAGRAPHS, STORY_TITLE, type HostilePage } from '../../bench/lib/hostile-pages.js';
import { errorJsonSchema, summaryJsonSchema } from '../../test-support/contract-schemas.js';
import { startPageServer, type PageServer } from '../../test-support/page-server.js';
import { isolatedEnv, runScript } from '../../test-support/run-cli.js';

const CLI_SCRIPT = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
/** A CLI run takes a few seconds; on a loaded 2-core machine, several times that. */
const RUN_TIMEOUT_MS = 90_000;
const TEST_TIMEOUT_MS = 120_000;
const workDir = mkdtempSync(join(tmpdir(), 'newsbrief-hostile-'));
const story = STORY_PARAGRAPHS.join('\n\n');

function build(name: string): HostilePage {
  const page = HOSTILE_PAGES[name];
  if (!page) throw new Error(`no hostile page called ${name}`);
  return page();
}

function cli(args: readonly string[], options: { stdin?: string | Buffer; env?: Record<string, string> } = {}) {
  return runScript(CLI_SCRIPT, ['--json', ...args], {
    env: isolatedEnv({ LOG_LEVEL: 'silent', STORE_URL: 'memory', ...options.env }),
    timeoutMs: RUN_TIMEOUT_MS,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
}

function writeCase(name: string, extension: string, body: string | Uint8Array): string {
  const path = join(workDir, `${name}${extension}`);
  writeFileSync(path, body);
  return path;
}

/** A summary of the flood-barrier story: exit 0, and every bullet is a sentence of it (or of `source`). */
function expectStorySummary(run: { code: number | null; stdout: string; stderr: string }, source = story) {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const summary = summaryJsonSchema.parse(JSON.parse(run.stdout));
  expect(summary.bullets.length).toBeGreaterThan(0);
  for (const bullet of summary.bullets) expect(source).toContain(bullet);
  return summary;
}

function expectRefusal(run: { code: number | null; stdout: string }, code: string, message: RegExp) {
  expect(run.code).toBe(2);
  const { error } = errorJsonSchema.parse(JSON.parse(run.stdout));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
  return error;
}

describe('hostile pages served over HTTP', () => {
  let server: PageServer;
  beforeAll(async () => {
    const names = Object.keys(HOSTILE_PAGES).filter((name) => !['deep-divs-100k-open', 'unclosed-inline-100k', 'big-ordinary-4.9mb'].includes(name));
    server = await startPageServer(
      Object.fromEntries(
        names.map((name) => {
          const page = build(name);
          return [`/${name}`, (_request, response) => response.writeHead(200, { 'content-type': page.contentType }).end(page.body)];
        }),
      ),
    );
  });
  afterAll(() => server.close());
  const fetchPage = (name: string) => cli([server.url(`/${name}`)], { env: { FETCH_ALLOW_HOSTS: '127.0.0.1' } });

  it('summarises the story inside 10,000 nested <div>s (Readability used to overflow the stack)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const summary = expectStorySummary(await fetchPage('deep-divs-10k'));
    expect(summary.source.title).toBe(STORY_TITLE);
  });

  it('summarises the story inside 100,000 nested and closed <div>s (the parser used to take minutes)', { timeout: TEST_TIMEOUT_MS }, async () => {
    expectStorySummary(await fetchPage('deep-divs-100k-closed'));
  });

  it('refuses a million "<p>a" as no article, with a reason, rather than running out of memory', { timeout: TEST_TIMEOUT_MS }, async () => {
    expectRefusal(await fetchPage('many-tiny-paragraphs-1m'), 'not_article', /No paragraph of this page reads like prose/);
  });

  it('reads plain text served as text/html as text', { timeout: TEST_TIMEOUT_MS }, async () => {
    const summary = expectStorySummary(await fetchPage('plain-text-as-html'));
    expect(summary.source.title).toBe(STORY_TITLE);
  });

  it.each(['png-as-html', 'zip-as-html'])('refuses %s as binary, whatever the server calls it', { timeout: TEST_TIMEOUT_MS }, async (name) => {
    expectRefusal(await fetchPage(name), 'unsupported_type', /binary data .*not a web page or text/);
  });

  it('reads a UTF-16 page that has no byte order mark', { timeout: TEST_TIMEOUT_MS }, async () => {
    const summary = expectStorySummary(await fetchPage('utf16-without-bom-as-html'));
    expect(summary.source.title).toBe(STORY_TITLE);
  });

  it.each(['many-short-paragraphs-4.9mb', 'deep-and-wide-190', 'deep-chain-wide-leaves-4.9mb', 'huge-title-4.9mb', 'huge-title-with-separator-4.9mb'])(
    'summarises %s from its first part',
    { timeout: TEST_TIMEOUT_MS },
    async (name) => {
      expect(HOSTILE_PAGE_OUTCOMES[name]).toEqual({ kind: 'summary' });
      const summary = expectStorySummary(await fetchPage(name), String(build(name).body));
      // A title of megabytes is kept to a title's length.
      expect(summary.source.title?.length ?? 0).toBeLessThanOrEqual(500);
      // And the headline to one line, as a model's is.
      expect(summary.headline.length).toBeLessThanOrEqual(200);
    },
  );

  it('refuses a 100,000-character host name before any lookup, echoing only the start of it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const error = expectRefusal(await cli([longHostUrl()]), 'invalid_url', /^The host name a+… is 100,000 characters long/);
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('the shared list of hostile pages', () => {
  it('says what every page must get', () => {
    expect(Object.keys(HOSTILE_PAGE_OUTCOMES).sort()).toEqual(Object.keys(HOSTILE_PAGES).sort());
  });
});

describe('hostile pages as files and standard input', () => {
  it('summarises the story under 100,000 <div>s that are never closed, from a file', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = build('deep-divs-100k-open');
    expectStorySummary(await cli([writeCase('deep-divs-100k-open', '.html', page.body)]));
  });

  it('summarises the story under 100,000 unclosed inline elements and 100,000 stray end tags, from standard input', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = build('unclosed-inline-100k');
    expectStorySummary(await cli(['-'], { stdin: Buffer.from(page.body) }));
  });

  it('reads the first part of a 4.9 MB page of ordinary paragraphs, not all of it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = build('big-ordinary-4.9mb');
    const path = writeCase('big-ordinary', '.html', page.body);
    const summary = expectStorySummary(await cli([path]), String(page.body));
    // The whole page is some 860,000 words; the first part is a few tens of thousands.
    expect(summary.stats.wordsIn).toBeGreaterThan(20_000);
    expect(summary.stats.wordsIn).toBeLessThan(80_000);
  });

  it('reads a .html file that holds plain text as text', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = build('plain-text-as-html');
    const summary = expectStorySummary(await cli([writeCase('plain-text', '.html', page.body)]));
    expect(summary.source.title).toBe(STORY_TITLE);
  });

  it('echoes only the end of a very long file name that does not exist', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await cli([join(workDir, `${'n'.repeat(5_000)}.html`)]);
    const error = expectRefusal(run, 'file_not_found', /^Cannot read …n+\.html: no such file\.$/);
    expect(error.message.length).toBeLessThan(120);
  });
});

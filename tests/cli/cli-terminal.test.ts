import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalBlock, terminalLine } from '../../src/cli/terminal-text.js';
import { summaryJsonSchema } from '../../test-support/contract-schemas.js';
import { completion, startFakeOpenAi, type FakeOpenAi } from '../../test-support/fake-openai.js';
import { startPageServer, type PageServer } from '../../test-support/page-server.js';
import { runCli } from '../../test-support/run-cli.js';

/**
 * The CLI's text output is for terminals: what a page, a file or a model says cannot clear the
 * screen, retitle the window, hide a link (OSC 8), overwrite a line with a carriage return, or
 * ping anyone when pasted into Discord. `--json` stays exact.
 */

const ESC = '\x1b';
const ZWSP = '\u200B';
const CLEAR = `${ESC}[2J${ESC}[H`;
const osc8 = (url: string, text: string, end = `${ESC}\\`) => `${ESC}]8;;${url}${end}${text}${ESC}]8;;${end}`;
/** Every C0 and C1 control and DEL, except the newline the layout is made of. */
const CONTROLS = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

const example = readFileSync(new URL('../../examples/briefing.txt', import.meta.url), 'utf8');
const HEADLINE = 'City Council Approves Flood Barrier Plan After Record Spring Rains';
const hostileText = example
  .replace(`${HEADLINE}\n`, `${CLEAR}${HEADLINE} @everyone ${osc8('https://evil.example/a', 'click here')}\n`)
  .replace('RIVERTON — The Riverton City Council voted', `RIVERTON — The ${ESC}[31mRiverton${ESC}[0m City Council <@&400000000000000001> <#300000000000000001> @here \x9b2J\x07\x7f voted`)
  .replace('"We are building a wall around a problem', `"We are building a wall ${osc8('https://evil.example/b', 'around', '\x07')} a problem`);

function expectTerminalSafe(text: string): void {
  expect(text).not.toMatch(CONTROLS);
  expect(text).not.toContain('evil.example');
  expect(text).not.toMatch(/@(everyone|here)/);
  expect(text).not.toMatch(/<[@#][!&]?\d+>/);
}

const workDir = mkdtempSync(join(tmpdir(), 'newsbrief-terminal-'));
const hostileFile = join(workDir, 'hostile.txt');
writeFileSync(hostileFile, hostileText);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('the text output of a file full of escape sequences and mentions', () => {
  it('prints the words and none of the sequences; mentions cannot ping', async () => {
    const run = await runCli([hostileFile]);
    expect(run.code, run.stderr).toBe(0);
    expectTerminalSafe(run.stdout);
    expect(run.stdout.split('\n')[0]).toBe(`${HEADLINE} @${ZWSP}everyone click here`);
    expect(run.stdout).toContain(`The Riverton City Council <@${ZWSP}&400000000000000001> <#${ZWSP}300000000000000001> @${ZWSP}here voted`);
    expect(run.stdout).toContain('“We are building a wall around a problem that will keep getting worse” — Darren Okafor');
  });

  it('does the same with --extract-only, keeping the paragraphs', async () => {
    const run = await runCli(['--extract-only', hostileFile]);
    expect(run.code, run.stderr).toBe(0);
    expectTerminalSafe(run.stdout);
    expect(run.stdout).toMatch(/\n\nThe Riverton City Council .*voted 7-2/);
  });

  it('keeps --json exact: the source text, sequences and all', async () => {
    const run = await runCli(['--json', hostileFile]);
    expect(run.code, run.stderr).toBe(0);
    const summary = summaryJsonSchema.parse(JSON.parse(run.stdout));
    expect(summary.source.title).toBe(`${CLEAR}${HEADLINE} @everyone ${osc8('https://evil.example/a', 'click here')}`);
    expect(summary.bullets.join(' ')).toContain(`${ESC}[31mRiverton${ESC}[0m City Council <@&400000000000000001>`);
  });
});

describe('the text output of a page', () => {
  let server: PageServer;
  beforeAll(async () => {
    const paragraphs = example.split('\n\n').slice(2).map((paragraph) => `<p>${paragraph}</p>`).join('');
    server = await startPageServer({
      '/story': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          `<html lang="en"><head><title>&#x1b;]0;pwned&#x07;Flood barriers &#x1b;[5mapproved&#x1b;[0m @everyone</title>` +
            `<meta name="author" content="&#x1b;[8mJane Doe <@123456789012345678>"><meta property="og:site_name" content="Riverton \x9b1mPost&#x1b;c">` +
            `</head><body><article>${paragraphs}</article></body></html>`,
        ),
    });
  });
  afterAll(() => server.close());

  it('cleans the title, byline and site name it shows', async () => {
    const run = await runCli(['--extract-only', server.url('/story')], { env: { FETCH_ALLOW_HOSTS: '127.0.0.1' } });
    expect(run.code, run.stderr).toBe(0);
    expectTerminalSafe(run.stdout);
    const [title, ...rest] = run.stdout.split('\n');
    expect(title).toBe(`Flood barriers approved @${ZWSP}everyone`);
    expect(rest).toContain(`By: Jane Doe <@${ZWSP}123456789012345678>`);
    expect(rest).toContain('Site: Riverton Post');
  });
});

describe('the text output of a model', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    fake.respondWith(() =>
      completion({
        headline: `${ESC}]2;pwned${ESC}\\Flood ${ESC}[1mbarrier${ESC}[0m vote @everyone`,
        bullets: ['The council approved the plan.\rThe council REJECTED the plan.', `${CLEAR}Cleared <@&400000000000000001> <#300000000000000001> @here`],
        quotes: [{ text: 'I have rebuilt my kitchen twice', speaker: 'Priya Raman', context: '' }],
        language: 'en',
      }),
    );
  });
  afterAll(() => fake.close());

  it('shows both sides of a carriage-return overwrite and none of the sequences', async () => {
    const run = await runCli(['--provider', 'openai', hostileFile], { env: { OPENAI_BASE_URL: fake.baseUrl } });
    expect(run.code, run.stderr).toBe(0);
    expectTerminalSafe(run.stdout);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Flood barrier vote @${ZWSP}everyone`);
    expect(lines).toContain('  • The council approved the plan. The council REJECTED the plan.');
    expect(lines).toContain(`  • Cleared <@${ZWSP}&400000000000000001> <#${ZWSP}300000000000000001> @${ZWSP}here`);
    expect(lines).toContain('  “I have rebuilt my kitchen twice” — Priya Raman');
  });

  it('keeps the model\'s exact words under --json', async () => {
    const run = await runCli(['--json', '--provider', 'openai', hostileFile], { env: { OPENAI_BASE_URL: fake.baseUrl } });
    const summary = summaryJsonSchema.parse(JSON.parse(run.stdout));
    expect(summary.headline).toBe(`${ESC}]2;pwned${ESC}\\Flood ${ESC}[1mbarrier${ESC}[0m vote @everyone`);
    expect(summary.bullets[0]).toBe('The council approved the plan.\rThe council REJECTED the plan.');
  });
});

describe('terminalLine and terminalBlock', () => {
  it('remove CSI, OSC, DCS and APC strings, two-character escapes and 8-bit controls', () => {
    expect(terminalLine(`a${ESC}[38;5;196mb${ESC}[?25lc`)).toBe('abc');
    expect(terminalLine(`${osc8('https://x.example', 'link')} and ${ESC}]0;title\x07text`)).toBe('link and text');
    expect(terminalLine(`${ESC}Pq#0;2;0;0;0${ESC}\\sixel ${ESC}_apc\x9cdone`)).toBe('sixel done');
    expect(terminalLine(`${ESC}c${ESC}(Breset \x9b31mred \x9d0;t\x07ok`)).toBe('reset red ok');
    expect(terminalLine('bell\x07 back\bspace nul\x00 del\x7f nel\x85')).toBe('bell backspace nul del nel');
  });

  it('leaves an unterminated sequence visible as text instead of swallowing the rest', () => {
    expect(terminalLine(`${ESC}]8;;https://x.example/ the rest`)).toBe('8;;https://x.example/ the rest');
  });

  it('makes one line of a field and keeps the lines of a block', () => {
    expect(terminalLine('one\r\ntwo\rthree\n\tfour\u2028five')).toBe('one two three four five');
    expect(terminalBlock('one\r\ntwo\rthree\n\n\tfour')).toBe('one\ntwo\nthree\n\n four');
  });

  it('neutralises mentions, idempotently, and leaves plain text and e-mail addresses alone', () => {
    const once = terminalLine('@everyone @here <@1> <@!2> <@&3> <#4> ask desk@example.com');
    expect(once).toBe(`@${ZWSP}everyone @${ZWSP}here <@${ZWSP}1> <@${ZWSP}!2> <@${ZWSP}&3> <#${ZWSP}4> ask desk@example.com`);
    expect(terminalLine(once)).toBe(once);
    expect(terminalBlock('Héllo — “quoted” 東京 🌧')).toBe('Héllo — “quoted” 東京 🌧');
  });
});

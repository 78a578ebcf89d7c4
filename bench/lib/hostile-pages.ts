/**
 * Hostile pages for the page side (issue 12): bodies built to make the HTML parser, Readability or
 * a pass over elements quadratic or recursive, huge but ordinary pages, and bodies that are no web
 * page at all served as one. Each generator is a name and a function that builds the body, so a test
 * and a benchmark (bench:hostile) serve the same bytes. Every body is under FETCH_MAX_BYTES (5 MiB).
 */

export const MIB = 1024 * 1024;

export interface HostilePage {
  body: string | Uint8Array;
  /** The Content-Type header to serve it with: what the server claims, not what the body is. */
  contentType: string;
}

/**
 * Five paragraphs of ordinary news copy (about 330 words): enough for the quality gate, with
 * named speakers and quotes, so a page that is read at all gets a real summary.
 */
export const STORY_PARAGRAPHS: readonly string[] = [
  'The Riverton City Council voted 7-2 on Tuesday night to fund a $48 million network of removable flood barriers along the Alder River, three weeks after record spring rains pushed water into more than 400 homes in the low-lying Millbrook district.',
  'Mayor Elena Vasquez, who proposed the plan in April, called the vote "the most important decision this council will make for a generation." She said the first barriers would be installed before the autumn storm season, with the full network finished by 2028.',
  'The barriers, aluminium panels that slot into permanent concrete footings, can be raised by a crew of six in under four hours. Engineers from the state water authority estimate they would have kept the river out of Millbrook during this year\'s flood, which peaked at 5.2 metres.',
  'Councillor Darren Okafor, who voted against the plan, said the money would be better spent buying out the homes most at risk. "We are building a wall around a problem that will keep getting worse," Okafor said. "In twenty years we will be back in this chamber asking for a taller wall."',
  'Residents who packed the public gallery were mostly in favour. Priya Raman, whose ground floor was flooded to the ceiling in April, told reporters she had waited for years for the city to act. "I have rebuilt my kitchen twice," she said. "I don\'t want to do it a third time."',
];

export const STORY_TITLE = 'Council backs flood barrier plan';

const storyHtml = STORY_PARAGRAPHS.map((paragraph) => `<p>${paragraph}</p>`).join('\n');

/** A whole page around `inner`, as a news site would serve it. */
function page(inner: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${STORY_TITLE}</title></head><body>${inner}</body></html>`;
}

/** The story inside `depth` nested `<div>`s, each closed after it (`closed`) or never. */
export function deepDivs(depth: number, closed: boolean): string {
  return page(`${'<div>'.repeat(depth)}<article><h1>${STORY_TITLE}</h1>${storyHtml}</article>${closed ? '</div>'.repeat(depth) : ''}`);
}

/**
 * Inline elements opened and never closed, then end tags that match nothing open: each stray end
 * tag makes an HTML parser search its whole stack of open elements.
 */
export function unclosedInline(openElements: number, strayEndTags: number): string {
  return page(`${'<b><i><u><span>'.repeat(Math.ceil(openElements / 4))}${storyHtml}${'</em>'.repeat(strayEndTags)}`);
}

/** `<p>a` over and over: a million elements in 4 MB, none closed (each `<p>` closes the one before). */
export function manyTinyParagraphs(count: number): string {
  return '<p>a'.repeat(count);
}

/** Short paragraphs of a few words each, numbered so none repeats, until the page is `size` bytes. */
export function manyShortParagraphs(size: number): string {
  const parts: string[] = [];
  for (let bytes = 200, day = 1; ; day++) {
    const paragraph = `<p>The council met again on day ${day}.</p>`;
    if (bytes + paragraph.length > size) break;
    parts.push(paragraph);
    bytes += paragraph.length;
  }
  return page(parts.join(''));
}

/**
 * Nesting just under the depth cap with a paragraph at every level, so every level is a Readability
 * candidate whose text (all the levels below it) is read again and again: work of depth × text.
 */
export function deepAndWide(levels: number, size: number): string {
  const paragraphBytes = Math.floor(size / levels);
  const sentence = 'The council, after a long debate, voted for the barrier, and residents, who had waited for years, cheered. ';
  const body = sentence.repeat(Math.max(1, Math.floor(paragraphBytes / sentence.length)));
  const opened = Array.from({ length: levels }, (_, level) => `<div class="story-body"><p>Level ${level + 1}. ${body}</p>`);
  return page(`${opened.join('')}${'</div>'.repeat(levels)}`);
}

/**
 * A chain of `depth` nested `<div>`s holding `leaves` small blocks of text with commas: every div of
 * the chain is an ancestor of every block, so a pass that reads each candidate's whole subtree reads
 * the page `depth` times over.
 */
export function deepChainWideLeaves(depth: number, size: number): string {
  const blocks: string[] = [];
  for (let bytes = depth * 33 + 300, index = 0; ; index++) {
    const block = `<div>Block ${index}, in which the council, again, met.</div>`;
    if (bytes + block.length > size) break;
    blocks.push(block);
    bytes += block.length;
  }
  return page(`${'<div class="article-body">'.repeat(depth)}${blocks.join('')}${'</div>'.repeat(depth)}`);
}

/** A page whose <title> is megabytes long: title handling runs regular expressions over it. */
export function hugeTitle(size: number, separator: boolean): string {
  const title = `${'Council backs flood barrier plan '.repeat(Math.floor(size / 33))}${separator ? '| The Riverton Post' : ''}`;
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article>${storyHtml}</article></body></html>`;
}

/** An ordinary article page, its paragraphs repeated (each repeat numbered) until the page is `size` bytes. */
export function bigOrdinaryPage(size: number): string {
  const shell = Buffer.byteLength(page(`<article><h1>${STORY_TITLE}</h1></article>`));
  const parts: string[] = [];
  let bytes = shell;
  for (let round = 1; ; round++) {
    const paragraph = `<p>Update ${round}. ${STORY_PARAGRAPHS[round % STORY_PARAGRAPHS.length]}</p>\n`;
    const length = Buffer.byteLength(paragraph);
    if (bytes + length > size) break;
    parts.push(paragraph);
    bytes += length;
  }
  return page(`<article><h1>${STORY_TITLE}</h1>${parts.join('')}</article>`);
}

/** The story as plain text: a headline, a blank line, paragraphs. Also meant to be written to a `.html` file. */
export function plainTextStory(): string {
  return `${STORY_TITLE}\n\n${STORY_PARAGRAPHS.join('\n\n')}\n`;
}

/** Bytes that look random but are the same on every run, so a failure can be replayed. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** A PNG's signature and header chunk, then compressed-looking data: what an image served as text/html looks like. */
export function pngBytes(size: number): Uint8Array {
  const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const header = Uint8Array.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 4, 0, 0, 0, 3, 0, 8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66]);
  const dataChunk = Uint8Array.from([0, 1, 0, 0, 0x49, 0x44, 0x41, 0x54]);
  return concatBytes([signature, header, dataChunk, pseudoRandomBytes(Math.max(0, size - 41), 7)]);
}

/** A zip archive's local file header, then deflated-looking data. */
export function zipBytes(size: number): Uint8Array {
  const name = Buffer.from('story.html', 'latin1');
  const header = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0, 0, 1, 0, 0, 0, 4, 0, name.length, 0]);
  return concatBytes([header, name, pseudoRandomBytes(Math.max(0, size - header.length - name.length), 11)]);
}

/** The story page in UTF-16 little-endian with no byte order mark, served with no charset. */
export function utf16WithoutBom(): Uint8Array {
  return new Uint8Array(Buffer.from(page(`<article><h1>${STORY_TITLE}</h1>${storyHtml}</article>`), 'utf16le'));
}

/**
 * A link whose host name is 100,000 characters long: every message that names the host must
 * shorten it. No DNS name is over 253 characters, so it cannot resolve.
 */
export function longHostUrl(length = 100_000): string {
  return `http://${'a'.repeat(length - '.example'.length)}.example/story`;
}

/** What each page must get: a summary (exit 0), or a refusal with this error code (exit 2). */
export type HostileOutcome = { kind: 'summary' } | { kind: 'refusal'; code: string };

const SUMMARY: HostileOutcome = { kind: 'summary' };

/**
 * The answer each page of HOSTILE_PAGES gets, for every front door (the checks live in the shared
 * article pipeline). Deep nesting is flattened and the story found; pages too large are read in
 * their first part; a page of single letters is no article; binary bodies are refused by their bytes.
 */
export const HOSTILE_PAGE_OUTCOMES: Readonly<Record<string, HostileOutcome>> = {
  'deep-divs-10k': SUMMARY,
  'deep-divs-100k-open': SUMMARY,
  'deep-divs-100k-closed': SUMMARY,
  'unclosed-inline-100k': SUMMARY,
  'many-tiny-paragraphs-1m': { kind: 'refusal', code: 'not_article' },
  'many-short-paragraphs-4.9mb': SUMMARY,
  'deep-and-wide-190': SUMMARY,
  'deep-chain-wide-leaves-4.9mb': SUMMARY,
  'huge-title-4.9mb': SUMMARY,
  'huge-title-with-separator-4.9mb': SUMMARY,
  'big-ordinary-4.9mb': SUMMARY,
  'plain-text-as-html': SUMMARY,
  'png-as-html': { kind: 'refusal', code: 'unsupported_type' },
  'zip-as-html': { kind: 'refusal', code: 'unsupported_type' },
  'utf16-without-bom-as-html': SUMMARY,
};

/** Every hostile page, by name. */
export const HOSTILE_PAGES: Readonly<Record<string, () => HostilePage>> = {
  'deep-divs-10k': () => ({ body: deepDivs(10_000, true), contentType: 'text/html; charset=utf-8' }),
  'deep-divs-100k-open': () => ({ body: deepDivs(100_000, false), contentType: 'text/html; charset=utf-8' }),
  'deep-divs-100k-closed': () => ({ body: deepDivs(100_000, true), contentType: 'text/html; charset=utf-8' }),
  'unclosed-inline-100k': () => ({ body: unclosedInline(100_000, 100_000), contentType: 'text/html; charset=utf-8' }),
  'many-tiny-paragraphs-1m': () => ({ body: manyTinyParagraphs(1_000_000), contentType: 'text/html; charset=utf-8' }),
  'many-short-paragraphs-4.9mb': () => ({ body: manyShortParagraphs(4.9 * MIB), contentType: 'text/html; charset=utf-8' }),
  'deep-and-wide-190': () => ({ body: deepAndWide(190, 4.9 * MIB), contentType: 'text/html; charset=utf-8' }),
  'deep-chain-wide-leaves-4.9mb': () => ({ body: deepChainWideLeaves(195, 4.9 * MIB), contentType: 'text/html; charset=utf-8' }),
  'huge-title-4.9mb': () => ({ body: hugeTitle(4.9 * MIB, false), contentType: 'text/html; charset=utf-8' }),
  'huge-title-with-separator-4.9mb': () => ({ body: hugeTitle(4.9 * MIB, true), contentType: 'text/html; charset=utf-8' }),
  'big-ordinary-4.9mb': () => ({ body: bigOrdinaryPage(4.9 * MIB), contentType: 'text/html; charset=utf-8' }),
  'plain-text-as-html': () => ({ body: plainTextStory(), contentType: 'text/html; charset=utf-8' }),
  'png-as-html': () => ({ body: pngBytes(64 * 1024), contentType: 'text/html' }),
  'zip-as-html': () => ({ body: zipBytes(64 * 1024), contentType: 'text/html' }),
  'utf16-without-bom-as-html': () => ({ body: utf16WithoutBom(), contentType: 'text/html' }),
};

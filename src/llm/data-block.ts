/**
 * The data block of a prompt: a line `<name>`, the page's text, a line `</name>`. The system part
 * tells the model that text inside is never an instruction; that promise only holds if the page
 * cannot end the block itself, so every value filled in between the two lines is neutralised here,
 * once, for every prompt (callers cannot forget it).
 */

/** Where one block's content sits in a template: `start` just after `<name>\n`, `end` at `\n</name>`. */
export interface DataBlock {
  name: string;
  start: number;
  end: number;
}

export type DataBlockScan = { ok: true; blocks: DataBlock[] } | { ok: false; problem: string };

/**
 * Stands in for the `<` of a delimiter-like tag in page text. U+2039 (‹) still reads as an angle
 * bracket, so the model sees that the page wrote a tag, and the rest of the text is untouched. It is
 * visible in logs, unlike a zero-width space (which some tokenisers also strip, rejoining the tag),
 * and NFKC leaves it alone, unlike the full-width ＜ (a normalising tokeniser would turn that back
 * into the real delimiter).
 */
export const DELIMITER_LOOKALIKE = '\u2039';

const TAG_NAME = '[a-z][a-z0-9-]*';
const OPENING_LINE = new RegExp(`^<(${TAG_NAME})>$`);
const CLOSING_LINE = new RegExp(`^</(${TAG_NAME})>$`);

/** Finds the blocks of one template section: delimiters on lines of their own, not nested, each closed. */
export function findDataBlocks(template: string): DataBlockScan {
  const blocks: DataBlock[] = [];
  let open: { name: string; start: number } | null = null;
  let lineStart = 0;
  for (const line of template.split('\n')) {
    const opening = OPENING_LINE.exec(line)?.[1];
    const closing = CLOSING_LINE.exec(line)?.[1];
    if (opening !== undefined) {
      if (open) return { ok: false, problem: `<${opening}> opens inside <${open.name}>; data blocks do not nest.` };
      open = { name: opening, start: lineStart + line.length + 1 };
    } else if (closing !== undefined) {
      if (open?.name !== closing) return { ok: false, problem: `</${closing}> closes a block that is not open.` };
      // An empty block has its closing line right after the opening one: the content is empty, not negative.
      blocks.push({ name: open.name, start: open.start, end: Math.max(open.start, lineStart - 1) });
      open = null;
    }
    lineStart += line.length + 1;
  }
  if (open) return { ok: false, problem: `<${open.name}> is never closed.` };
  return { ok: true, blocks };
}

export function isInsideDataBlock(offset: number, blocks: readonly DataBlock[]): boolean {
  return blocks.some((block) => offset >= block.start && offset < block.end);
}

/**
 * Page text with every `<name`, `</name`, `< / NAME` (any case, any spaces) of the given delimiter
 * names defused, so it can neither close the block it sits in nor open a new one. Only the `<` of
 * such a tag changes; `<b>`, `a < b` and `<articles>` are ordinary text and stay as they are.
 */
export function neutraliseDelimiters(text: string, names: readonly string[]): string {
  if (names.length === 0) return text;
  const alternatives = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const tag = new RegExp(`<(?=\\s*/?\\s*(?:${alternatives})(?![a-z0-9_-]))`, 'gi');
  return text.replace(tag, DELIMITER_LOOKALIKE);
}

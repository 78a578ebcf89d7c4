import { DELIMITER_LOOKALIKE } from '../src/llm/data-block.js';

/**
 * How a prompt's user message looks to a model hunting for the end of the data block: every tag
 * of that name in it (any case, any spaces, opening or closing), what sits between the first
 * opening and the last closing one, and that content with the neutralised `<` put back, to
 * compare with the page text that went in.
 */
export interface DataBlockView {
  /** The tags as written; `['<article>', '</article>']` when the page could not add any. */
  tags: string[];
  inside: string;
  restored: string;
}

export function viewDataBlock(content: string, name: string): DataBlockView {
  const tags = [...content.matchAll(new RegExp(`<\\s*/?\\s*${name}(?![a-z0-9_-])[^>]*>?`, 'gi'))].map((match) => match[0]);
  const open = `<${name}>\n`;
  const start = content.indexOf(open);
  const end = content.lastIndexOf(`\n</${name}>`);
  const inside = start >= 0 && end > start ? content.slice(start + open.length, end) : '';
  return { tags, inside, restored: inside.replaceAll(DELIMITER_LOOKALIKE, '<') };
}

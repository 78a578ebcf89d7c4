/** Elements that end a run of text: each becomes its own paragraph. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Never text a reader sees. Captions are dropped here because they describe photos, not the story. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'FIGCAPTION', 'BUTTON', 'SELECT', 'TEXTAREA']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export interface ParagraphStats {
  paragraphs: string[];
  /** Characters of text inside links, against all text: high on index and search pages. */
  linkTextRatio: number;
}

/**
 * Flattens an element into plain paragraphs. Inline runs are joined; block elements and
 * double line breaks split them, so the structure a reader sees survives as blank lines.
 */
export function htmlToParagraphs(root: Node): ParagraphStats {
  const paragraphs: string[] = [];
  let buffer = '';
  let linkChars = 0;
  let totalChars = 0;
  let pendingBreak = false;

  const flush = () => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    buffer = '';
    pendingBreak = false;
  };

  const walk = (node: Node, insideLink: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      const visible = text.replace(/\s+/g, '').length;
      totalChars += visible;
      if (insideLink) linkChars += visible;
      if (/\S/.test(text)) pendingBreak = false;
      buffer += text;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') {
      // One <br> is a line inside a paragraph; two in a row are the old way of writing a new one.
      if (pendingBreak) flush();
      else {
        buffer += ' ';
        pendingBreak = true;
      }
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) flush();
    for (const child of Array.from(node.childNodes)) walk(child, insideLink || tag === 'A');
    if (isBlock) flush();
  };

  walk(root, false);
  flush();
  return { paragraphs, linkTextRatio: totalChars === 0 ? 0 : linkChars / totalChars };
}

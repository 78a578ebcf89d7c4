/** Elements that end a run of text: each becomes its own paragraph. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Never text a reader sees. Captions are dropped here because they describe photos, not the story. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'FIGCAPTION', 'BUTTON', 'SELECT', 'TEXTAREA']);

/**
 * Class and id words that mark the furniture around a story: navigation, captions and credits,
 * bylines and time stamps, share bars, related links, newsletter boxes, ads. Readability keeps such
 * elements when they sit inside the article's container. A hint alone never drops much text: only
 * an element of at most FURNITURE_MAX_WORDS words goes, so a mislabelled wrapper keeps its story.
 */
const FURNITURE_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'submenu', 'breadcrumb', 'breadcrumbs', 'caption', 'captions', 'credit', 'credits',
  'byline', 'bylines', 'dateline', 'timestamp', 'date', 'share', 'sharing', 'social', 'related', 'newsletter', 'signup',
  'promo', 'advert', 'advertisement', 'ad', 'ads', 'sponsor', 'sponsored', 'bio', 'author', 'subscribe', 'copyright',
]);
/** "topnav", "subnavlinks", "wpcaption": hint words glued to a prefix or suffix. */
const GLUED_FURNITURE = /^(?:sub|top|main|site|primary|secondary|global|mobile|footer|header)?nav(?:bar|igation|links?|list|menu|items?)?$|caption|breadcrumb|byline|newsletter|timestamp/;
const FURNITURE_MAX_WORDS = 60;

/** Private-use characters that bracket the text of inline furniture until its line is complete. */
const FURNITURE_OPEN = '\uE000';
const FURNITURE_CLOSE = '\uE001';
const FURNITURE_MARKS = /[\uE000\uE001]/g;

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
  /** How many inline furniture elements enclose the current text. */
  let furnitureDepth = 0;

  const flush = () => {
    const text = withoutFurnitureLine(buffer + FURNITURE_CLOSE.repeat(furnitureDepth)).replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    buffer = FURNITURE_OPEN.repeat(furnitureDepth);
    pendingBreak = false;
  };

  // Furniture is left out of the text but still counted: the gate's link share describes the whole page.
  const count = (node: Node, insideLink: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const visible = (node.nodeValue ?? '').replace(/\s+/g, '').length;
      totalChars += visible;
      if (insideLink) linkChars += visible;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    for (const child of Array.from(node.childNodes)) count(child, insideLink || tag === 'A');
  };

  const walk = (node: Node, insideLink: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const text = (node.nodeValue ?? '').replace(FURNITURE_MARKS, '');
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
    const furniture = isFurniture(node as Element, tag);
    if (furniture && BLOCK_TAGS.has(tag)) {
      flush();
      count(node, insideLink);
      return;
    }
    if (furniture) {
      // Inline furniture goes only when its whole line is furniture: a date inside a sentence stays.
      buffer += FURNITURE_OPEN;
      furnitureDepth += 1;
      for (const child of Array.from(node.childNodes)) walk(child, insideLink || tag === 'A');
      furnitureDepth -= 1;
      buffer += FURNITURE_CLOSE;
      return;
    }
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

/** The line without its marks, or nothing when every word of it sat inside inline furniture. */
function withoutFurnitureLine(line: string): string {
  if (!line.includes(FURNITURE_OPEN)) return line;
  let depth = 0;
  let ownWords = false;
  for (const char of line) {
    if (char === FURNITURE_OPEN) depth += 1;
    else if (char === FURNITURE_CLOSE) depth = Math.max(0, depth - 1);
    else if (depth === 0 && /[\p{L}\p{N}]/u.test(char)) {
      ownWords = true;
      break;
    }
  }
  return ownWords ? line.replace(FURNITURE_MARKS, '') : '';
}

/** A <nav>, or a short element whose class or id names it as furniture. */
function isFurniture(element: Element, tag: string): boolean {
  if (tag === 'NAV' || element.getAttribute('role') === 'navigation') return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (!names.trim() || !hintWords(names).some((word) => FURNITURE_WORDS.has(word) || GLUED_FURNITURE.test(word))) return false;
  return !hasMoreWordsThan(element, FURNITURE_MAX_WORDS);
}

/** "article__byline storyDate wp-caption" → article, byline, story, date, wp, caption. */
function hintWords(names: string): string[] {
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** Stops reading as soon as the limit is passed, so a long container costs no more than a short one. */
function hasMoreWordsThan(root: Node, limit: number): boolean {
  let words = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      words += (node.nodeValue ?? '').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
      if (words > limit) return true;
    } else if (node.nodeType === ELEMENT_NODE && !SKIPPED_TAGS.has((node as Element).tagName.toUpperCase())) {
      for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    }
  }
  return false;
}

/**
 * One linear pass over a page's HTML, before any DOM is built, that bounds what the DOM can hold:
 * how deep elements nest, how many there are, and how much markup and text there is. The HTML
 * parser under linkedom (htmlparser2) keeps its open elements in an array it searches and shifts
 * on every tag, so 100,000 nested elements cost it minutes; Readability recurses once per level
 * until the stack overflows, and its cleaning pass reads every element's text once for each pair of
 * its ancestors. Pages stay pages: a start tag nested too deep is dropped and its text kept
 * (flattened), and a page with too much markup is cut where a limit is reached (its first part
 * kept, and the cut reported so that the reader can be told).
 *
 * The pass mirrors htmlparser2's tokenizer and its stack of open elements (which end tags close
 * what, which start tags close what), so the depth it counts is the depth the DOM gets. It writes
 * its own output rather than passing the input through: comments lose their text, declarations
 * are dropped, a `<` that starts no tag is escaped, end tags are written in one form, so the parser
 * can only see the tags this pass counted, whatever quirk of the input it might read differently.
 * On the 121 pages of the extraction benchmark the output builds the same DOM, and the extracted
 * text is the same to the byte.
 */

import {
  endOfRawClose, escapeLt, FOREIGN_ELEMENTS, GT, HTML_INTEGRATION_ELEMENTS, indexOfIgnoreCase, isAsciiAlpha, isWhitespace, OPEN_IMPLIES_CLOSE,
  rawTextEnd, readComment, readStartTag, skipDeclaration, skipPast, SLASH, VOID_ELEMENTS,
} from './htmlparser2-rules.js';

export interface HtmlLimits {
  /** Open elements at most; deeper start tags are dropped (their text is kept). */
  maxDepth: number;
  /**
   * Elements at most, weighted by how deep they sit; the page is cut where the sum is reached. An
   * element at depth d costs 40 + d + d²/100 units: Readability's time per element grows with its
   * depth (each enclosing block reads it again) and then with the square of it (its cleaning pass
   * reads each element's text once for every pair of enclosing blocks). On this 2-core machine one
   * unit is 3 to 4 µs of CPU for the costliest elements (images, links, empty spans): without the
   * cap, 1,000 empty spans under 160 nested divs took 1.5 s of CPU, 25,000 images 4.6 s.
   */
  maxMarkupWork: number;
  /** Characters of markup and text at most (script and style bodies not counted); the page is cut there. */
  maxChars: number;
}

/**
 * Far above real pages: the 121 pages of the extraction benchmark nest at most 51 deep and hold at
 * most 1,600 elements (a markup work under 100,000) and 250,000 characters of markup and text
 * besides scripts and styles. The caps keep Readability within about 2.5 s of CPU on any page (the
 * worst found: 12,900 images), so that an answer stays within issue 12's bound (10 s of CPU and
 * 400 MB for the whole process).
 * 600,000 units are 14,600 shallow elements, 10,000 at depth 15, 1,000 at depth 195.
 */
export const HTML_LIMITS: HtmlLimits = { maxDepth: 200, maxMarkupWork: 600_000, maxChars: 1_500_000 };

/** What ran out: the characters of markup and text, or the markup itself (elements, or their nesting). */
export type HtmlCutLimit = 'length' | 'markup';

export interface BoundedHtml {
  /** The HTML to hand to the DOM. */
  html: string;
  /** Elements the DOM will hold from it (besides any html, head and body this pass adds). */
  elements: number;
  /** Start tags dropped because they sat deeper than `maxDepth`; their text is kept. */
  flattened: number;
  /** Set when the page was cut: the limit that was reached, and how much of the input was read. */
  cut: { limit: HtmlCutLimit; readChars: number; totalChars: number } | null;
}

/** Blocks whose tags, when dropped, leave a line break so paragraphs do not run together. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/**
 * Script and style bodies are not counted against `maxChars`: pages carry megabytes of them and the
 * DOM holds each as one string. A title is not counted either, but kept short (below).
 */
const UNCOUNTED_RAW_TEXT = new Set(['script', 'style', 'title']);
/**
 * A title is kept to this many characters (the longest real ones run to 200 or 300): Readability
 * runs regular expressions over it and splits it into words, and so does cleaning, for every paragraph.
 */
const MAX_TITLE_CHARS = 2_000;

/** What a character reference costs against `maxMarkupWork`: the text nodes it makes, lighter than an element. */
const REFERENCE_WORK = 20;
/** Comments kept at most: real pages have tens or hundreds, and past these each one is only memory. */
const MAX_COMMENTS = 2_000;

/** Bounds a page's HTML; see the file comment. Linear in the input whatever it holds. */
export function boundHtml(html: string, limits: HtmlLimits = HTML_LIMITS): BoundedHtml {
  const out: string[] = [];
  /** Open elements, innermost last: what htmlparser2's stack holds for the output so far. */
  const stack: string[] = [];
  /** How many of each name `stack` holds, so an end tag that closes nothing costs no search. */
  const openCount = new Map<string, number>();
  /** htmlparser2's foreign-content flags, innermost last; it starts outside foreign content. */
  const foreign: boolean[] = [false];
  /** Start tags dropped for depth and not yet closed, by name: their end tags are dropped with them. */
  const dropped = new Map<string, number>();
  let elements = 0;
  let markupWork = 0;
  let flattened = 0;
  let comments = 0;
  let counted = 0;
  let hasHtml = false;
  let hasBody = false;
  /** Where in `out` the first `</head>` ends, for a page that has no `<body>` tag. */
  let headClose = -1;
  /** `<br>`s written in a row for dropped blocks: two make a paragraph break, more add nothing. */
  let breakRun = 0;
  let cut: BoundedHtml['cut'] = null;

  /** Markup and text go through here, and count against `maxChars`; script and style bodies do not. */
  const write = (chunk: string) => {
    out.push(chunk);
    counted += chunk.length;
    breakRun = 0;
  };
  const push = (name: string) => {
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const name = stack.pop();
    if (name !== undefined) openCount.set(name, (openCount.get(name) ?? 1) - 1);
  };
  /** Counts an element at `depth` against `maxMarkupWork`; false (and nothing counted) when it does not fit. */
  const fits = (depth: number) => markupWork + workOf(depth) <= limits.maxMarkupWork;
  const admit = (depth: number) => {
    if (!fits(depth)) return false;
    elements += 1;
    markupWork += workOf(depth);
    return true;
  };
  const lineBreakFor = (name: string) => {
    if (!BLOCK_ELEMENTS.has(name)) return;
    if (breakRun < 2 && admit(stack.length + 1)) {
      out.push('<br>');
      breakRun += 1;
    } else if (breakRun === 0) {
      out.push(' ');
    }
  };
  const stop = (limit: HtmlCutLimit, at: number) => {
    cut = { limit, readChars: at, totalChars: html.length };
  };

  /** The next `&` at or after `from`, remembered: searching the rest of the page for each run of text would be quadratic. */
  let nextAmpersand = -2;
  const ampersandFrom = (from: number) => {
    if (nextAmpersand !== -1 && nextAmpersand < from) nextAmpersand = html.indexOf('&', from);
    return nextAmpersand;
  };
  /**
   * Where the text from `start` to `end` must stop for its character references (each `&`) to fit
   * in `budgetLeft`, and how many of them that leaves in. Stops at the `&` that does not fit.
   */
  const referencesFit = (start: number, end: number, budgetLeft: number) => {
    let count = 0;
    for (let at = ampersandFrom(start); at !== -1 && at < end; at = ampersandFrom(at + 1)) {
      if (budgetLeft < (count + 1) * REFERENCE_WORK) return { end: at, count };
      count += 1;
    }
    return { end, count };
  };

  /**
   * An end tag, as htmlparser2's `onclosetag` handles it. One that would close nothing is left out,
   * unless `mustWrite` (the end of a raw-text element, which the tokenizer needs to leave raw text).
   */
  const closeTag = (name: string, mustWrite = false) => {
    if (VOID_ELEMENTS.has(name)) {
      // `</br>` makes a `<br>` (the caller has checked that it fits); other void end tags make nothing.
      if (name === 'br' && admit(stack.length + 1)) write('<br>');
      return;
    }
    const closesSomething = (openCount.get(name) ?? 0) > 0;
    if (!closesSomething && !mustWrite) {
      // `</p>` with no open `<p>` makes an empty one; any other end tag that closes nothing is left out.
      if (name === 'p' && admit(stack.length + 1)) write('</p>');
      return;
    }
    // The parser leaves foreign content on these end tags whether or not they close anything.
    if (FOREIGN_ELEMENTS.has(name) || HTML_INTEGRATION_ELEMENTS.has(name)) foreign.pop();
    if (!closesSomething) {
      write(`</${name}>`);
      return;
    }
    // Closes the innermost open element of that name and everything inside it, as the parser does.
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      pop();
      if (top === name) break;
    }
    write(`</${name}>`);
    if (name === 'head' && headClose === -1) headClose = out.length;
  };

  let index = 0;
  while (index < html.length && cut === null) {
    const next = html.indexOf('<', index);
    const textEnd = next === -1 ? html.length : next;
    if (textEnd > index) {
      // Each character reference makes the parser start two more text nodes: `a&amp;b` is three.
      const references = referencesFit(index, textEnd, limits.maxMarkupWork - markupWork);
      const room = limits.maxChars - counted;
      const end = Math.min(references.end, index + room);
      if (end < textEnd) {
        write(html.slice(index, end === references.end ? end : cutPoint(html, index, end)));
        markupWork += references.count * REFERENCE_WORK;
        stop(end === references.end ? 'markup' : 'length', end);
        break;
      }
      markupWork += references.count * REFERENCE_WORK;
      const text = html.slice(index, textEnd);
      if (/\S/.test(text)) write(text);
      else {
        out.push(text);
        counted += text.length;
      }
    }
    if (next === -1) break;
    index = next;
    if (counted >= limits.maxChars) {
      stop('length', index);
      break;
    }

    const code = html.charCodeAt(index + 1);
    if (code === 0x21 /* ! */) {
      const comment = readComment(html, index);
      // A comment is kept (Readability's grouping of inline content stops at one), without its text,
      // unless there are more than real pages have; CDATA and declarations are nothing a reader sees.
      if (comment !== null && comments < MAX_COMMENTS) {
        comments += 1;
        write('<!---->');
      }
      index = comment ?? skipDeclaration(html, index);
      continue;
    }
    if (code === 0x3f /* ? */) {
      index = skipPast(html, '>', index + 2);
      continue;
    }
    if (code === SLASH) {
      let nameStart = index + 2;
      while (nameStart < html.length && isWhitespace(html.charCodeAt(nameStart))) nameStart += 1;
      if (!isAsciiAlpha(html.charCodeAt(nameStart))) {
        // `</>` is nothing; `</3…>` is a bogus comment.
        index = skipPast(html, '>', nameStart);
        continue;
      }
      let nameEnd = nameStart;
      while (nameEnd < html.length && !isWhitespace(html.charCodeAt(nameEnd)) && html.charCodeAt(nameEnd) !== GT) nameEnd += 1;
      if (nameEnd >= html.length) break;
      const name = escapeLt(html.slice(nameStart, nameEnd).toLowerCase());
      const deeper = dropped.get(name) ?? 0;
      if (deeper > 0) {
        dropped.set(name, deeper - 1);
        lineBreakFor(name);
      } else {
        // `</br>` and a `</p>` that closes nothing each make an element.
        const makesElement = name === 'br' || (name === 'p' && (openCount.get('p') ?? 0) === 0);
        if (makesElement && !fits(stack.length + 1)) {
          stop('markup', index);
          break;
        }
        closeTag(name);
      }
      index = skipPast(html, '>', nameEnd);
      continue;
    }
    if (!isAsciiAlpha(code)) {
      // A `<` that starts no tag is text; escaped (a reference, so it costs as one) so that nothing downstream reads it otherwise.
      if (markupWork + REFERENCE_WORK > limits.maxMarkupWork) {
        stop('markup', index);
        break;
      }
      markupWork += REFERENCE_WORK;
      write('&lt;');
      index += 1;
      continue;
    }

    const tag = readStartTag(html, index);
    if (tag === null) break;
    const name = escapeLt(tag.name);
    const rawEnd = tag.selfClosing ? null : rawTextEnd(name);
    const rawClose = rawEnd === null ? -1 : indexOfIgnoreCase(html, `</${rawEnd}`, tag.end);
    const bodyEnd = rawEnd === null ? tag.end : rawClose === -1 ? html.length : rawClose;
    const afterRaw = rawEnd === null ? tag.end : rawClose === -1 ? html.length : endOfRawClose(html, rawClose + 2 + rawEnd.length);
    const isVoid = VOID_ELEMENTS.has(name);
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    let implied = 0;
    if (closes) while (implied < stack.length && closes.has(stack[stack.length - 1 - implied] ?? '')) implied += 1;
    const entersForeign = FOREIGN_ELEMENTS.has(name) || HTML_INTEGRATION_ELEMENTS.has(name);
    const tooDeep = !isVoid && (stack.length - implied >= limits.maxDepth || (entersForeign && foreign.length >= limits.maxDepth));
    if (tooDeep) {
      // Flattened: the tag goes, and a raw-text element goes whole (its body would otherwise be read as markup).
      flattened += 1;
      if (rawEnd === null) dropped.set(name, (dropped.get(name) ?? 0) + 1);
      lineBreakFor(name);
      index = rawEnd === null ? tag.end : afterRaw;
      continue;
    }
    const countedBody = rawEnd !== null && !UNCOUNTED_RAW_TEXT.has(rawEnd) ? bodyEnd - tag.end : 0;
    if (counted + (tag.end - index) + countedBody > limits.maxChars) {
      stop('length', index);
      break;
    }
    if (!admit(stack.length - implied + 1)) {
      stop('markup', index);
      break;
    }

    for (let count = 0; count < implied; count++) pop();
    if (name === 'html') hasHtml = true;
    if (name === 'body') hasBody = true;
    write(escapeLt(html.slice(index, tag.end), 1));
    if (!isVoid) {
      push(name);
      if (FOREIGN_ELEMENTS.has(name)) foreign.push(true);
      else if (HTML_INTEGRATION_ELEMENTS.has(name)) foreign.push(false);
      // htmlparser2 honours `/>` only in foreign content (SVG, MathML); elsewhere the element stays open.
      if (tag.selfClosing && foreign[foreign.length - 1] === true) pop();
    }
    index = tag.end;
    if (rawEnd !== null) {
      // Characters the tokenizer would take for `<` or `/` in a raw-text end tag (it compares with `| 0x20`) go,
      // so that the body ends exactly where this pass found its end.
      const body = html.slice(tag.end, rawEnd === 'title' ? Math.min(bodyEnd, tag.end + MAX_TITLE_CHARS) : bodyEnd);
      out.push(body.replace(/[\x0f\x1c]/g, '\ufffd'));
      counted += countedBody;
      if (rawClose !== -1) closeTag(rawEnd, true);
      index = afterRaw;
    }
  }

  // linkedom finds the body only as the element after <head> under <html>: a fragment or a page
  // without those tags gets them, or its body would be read as empty.
  if (!hasBody && headClose !== -1) out.splice(headClose, 0, '<body>');
  let bounded = out.join('');
  if (!hasBody && headClose === -1) bounded = `<html><head></head><body>${bounded}</body></html>`;
  else if (!hasHtml) bounded = `<html>${bounded}</html>`;
  return { html: bounded, elements, flattened, cut };
}

/** What an element at `depth` costs against `maxMarkupWork` (see there). */
function workOf(depth: number): number {
  return 40 + depth + (depth * depth) / 100;
}

/** Where to cut a run of text so that it ends between words: the last whitespace in the last 200 characters, if any. */
function cutPoint(html: string, start: number, limit: number): number {
  const floor = Math.max(start, limit - 200);
  for (let index = limit; index > floor; index--) {
    if (isWhitespace(html.charCodeAt(index - 1))) return index;
  }
  return limit;
}


/**
 * What htmlparser2, the parser under linkedom, does with tags: its tables of void elements, of
 * start tags that close open ones, of foreign content, and how its tokenizer reads a start tag,
 * a comment and the end of raw text. bound-html.ts mirrors the parser with these, so the depth it
 * counts is the depth the DOM gets (htmlparser2 10, node_modules/htmlparser2/dist/esm).
 */

/** htmlparser2's table: a start tag of the key closes open elements of these names on top of the stack. */
const P_ONLY = new Set(['p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
export const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['select', FORM_TAGS], ['input', FORM_TAGS], ['output', FORM_TAGS], ['button', FORM_TAGS], ['datalist', FORM_TAGS], ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...[
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset',
    'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul',
  ].map((name): [string, ReadonlySet<string>] => [name, P_ONLY]),
]);
export const VOID_ELEMENTS = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr',
]);
/** Inside these, htmlparser2 honours `<x/>` as self-closing. */
export const FOREIGN_ELEMENTS = new Set(['math', 'svg']);
export const HTML_INTEGRATION_ELEMENTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

export const GT = 0x3e;
export const SLASH = 0x2f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0c || code === 0x0d;
}

export function isAsciiAlpha(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/**
 * The end tag that closes a raw-text element, or null when the tag is an ordinary one. Mirrors
 * htmlparser2's tokenizer, which matches the name's letters after the first against script,
 * style, title, textarea and xmp (so `<xmp>` and, oddly, `<tmp>` both end at `</xmp`).
 */
export function rawTextEnd(name: string): string | null {
  if (name === 'script' || name === 'style') return name;
  if (name[0] !== 't' && name[0] !== 'x') return null;
  const rest = name.slice(1);
  return rest === 'itle' ? 'title' : rest === 'extarea' ? 'textarea' : rest === 'mp' ? 'xmp' : null;
}

export interface StartTag {
  /** Lowercased, as the parser names the element. */
  name: string;
  /** Index just past the closing `>`. */
  end: number;
  /** Ended by `/>` in the place the tokenizer reads as self-closing. */
  selfClosing: boolean;
}

/**
 * Reads a start tag from its `<` with the tokenizer's attribute states, so a `>` inside a quoted
 * value does not end it. Null when the input ends first: the parser drops such a tag too.
 */
export function readStartTag(html: string, start: number): StartTag | null {
  let index = start + 1;
  while (index < html.length) {
    const code = html.charCodeAt(index);
    if (isWhitespace(code) || code === SLASH || code === GT) break;
    index += 1;
  }
  const name = html.slice(start + 1, index).toLowerCase();
  type State = 'beforeName' | 'name' | 'afterName' | 'beforeValue' | 'selfClosing';
  let state: State = 'beforeName';
  while (index < html.length) {
    const code = html.charCodeAt(index);
    switch (state) {
      case 'beforeName':
        if (code === GT) return { name, end: index + 1, selfClosing: false };
        if (code === SLASH) state = 'selfClosing';
        else if (!isWhitespace(code)) state = 'name';
        break;
      case 'selfClosing':
        if (code === GT) return { name, end: index + 1, selfClosing: true };
        if (!isWhitespace(code)) {
          state = 'beforeName';
          continue;
        }
        break;
      case 'name':
        if (code === EQUALS || isWhitespace(code) || code === SLASH || code === GT) {
          state = 'afterName';
          continue;
        }
        break;
      case 'afterName':
        if (code === EQUALS) state = 'beforeValue';
        else if (code === SLASH || code === GT) {
          state = 'beforeName';
          continue;
        } else if (!isWhitespace(code)) state = 'name';
        break;
      case 'beforeValue':
        if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
          const close = html.indexOf(code === DOUBLE_QUOTE ? '"' : "'", index + 1);
          if (close === -1) return null;
          index = close;
          state = 'beforeName';
        } else if (!isWhitespace(code)) {
          // An unquoted value runs to whitespace or `>`; a `/` inside it is part of the value.
          while (index < html.length && !isWhitespace(html.charCodeAt(index)) && html.charCodeAt(index) !== GT) index += 1;
          state = 'beforeName';
          continue;
        }
        break;
    }
    index += 1;
  }
  return null;
}

/** Past a comment (`<!--…-->`, or `<!-->`, whose opening dashes end it), or null when this is no comment. */
export function readComment(html: string, start: number): number | null {
  return html.startsWith('<!--', start) ? skipPast(html, '-->', start + 2) : null;
}

/** Past a `<!…` construct: a comment ends at `-->` (its opening dashes may be part of it, as in `<!-->`), the rest at `>`. */
export function skipDeclaration(html: string, start: number): number {
  if (html.startsWith('<!--', start)) return skipPast(html, '-->', start + 2);
  if (html.startsWith('<![CDATA[', start)) return skipPast(html, ']]>', start + 9);
  return skipPast(html, '>', start + 2);
}

/** Just past the next `marker` from `from`, or the end of the input when there is none. */
export function skipPast(html: string, marker: string, from: number): number {
  const found = html.indexOf(marker, from);
  return found === -1 ? html.length : found + marker.length;
}

/** After `</script` (or the like): the parser takes it as the end tag only before whitespace or `>`. */
export function endOfRawClose(html: string, afterName: number): number {
  if (afterName >= html.length) return html.length;
  const code = html.charCodeAt(afterName);
  return code === GT || isWhitespace(code) ? skipPast(html, '>', afterName) : afterName;
}

/** `<` as a character reference from `from` on, so that nothing after it can open a tag. */
export function escapeLt(text: string, from = 0): string {
  return text.indexOf('<', from) === -1 ? text : text.slice(0, from) + text.slice(from).replaceAll('<', '&lt;');
}

/** `</script` in any case, as the tokenizer matches it; ASCII-only lowering keeps indices aligned. */
export function indexOfIgnoreCase(html: string, needle: string, from: number): number {
  const first = needle.charCodeAt(0);
  for (let index = html.indexOf(String.fromCharCode(first), from); index !== -1; index = html.indexOf(String.fromCharCode(first), index + 1)) {
    let matched = true;
    for (let offset = 1; offset < needle.length; offset++) {
      if ((html.charCodeAt(index + offset) | 0x20) !== needle.charCodeAt(offset)) {
        matched = false;
        break;
      }
    }
    if (matched) return index;
  }
  return -1;
}

import { UserFacingError } from '../errors.js';
import { shortenForMessage } from './shorten-for-message.js';
import { utf16ByZeroBytes } from './sniff-bytes.js';

/** The HTML spec looks for `<meta charset>` in the first 1024 bytes; real pages often put it later. */
const META_SNIFF_BYTES = 4096;

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Turns a fetched body into text. Precedence follows browsers: a byte order mark wins,
 * then the Content-Type charset, then (for HTML) a `<meta>` declaration, then UTF-8. One step
 * browsers lack comes after the mark: UTF-16 without one, which its zero bytes give away and which
 * no declared ASCII-based charset could read (decoded as UTF-8 it is text with a NUL between letters).
 * Invalid bytes become U+FFFD rather than failing: a page with one bad byte is still readable.
 */
export function decodeBody(body: Uint8Array, headerCharset: string | null, mimeType: string): string {
  const label =
    charsetFromByteOrderMark(body) ??
    utf16ByZeroBytes(body) ??
    cleanLabel(headerCharset) ??
    (HTML_TYPES.has(mimeType) ? charsetFromMetaTag(body) : null) ??
    'utf-8';
  const decoder = createDecoder(label);
  // Node 20's one-shot decode() has a fast path that reads windows-1252 (and so latin1,
  // iso-8859-1 and ascii, which map to it) as bare Latin-1, turning 0x80-0x9F (curly
  // quotes, dashes, the euro sign) into control characters. A streaming call switches
  // the fast path off for good and goes through ICU; the empty last call flushes.
  return decoder.decode(body, { stream: true }) + decoder.decode();
}

function charsetFromByteOrderMark(body: Uint8Array): string | null {
  const [first, second, third] = body;
  if (first === 0xef && second === 0xbb && third === 0xbf) return 'utf-8';
  if (first === 0xff && second === 0xfe) return 'utf-16le';
  if (first === 0xfe && second === 0xff) return 'utf-16be';
  return null;
}

/**
 * Finds both `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
 * Read as latin1 so every byte maps to one character whatever the real encoding is.
 */
function charsetFromMetaTag(body: Uint8Array): string | null {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, META_SNIFF_BYTES)).toString('latin1');
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'>;/]+)/i.exec(head);
  const label = match?.[1] ?? null;
  // A meta tag readable as ASCII cannot be in UTF-16, so browsers take such a claim to mean UTF-8.
  if (label !== null && /^utf-16(le|be)?$/i.test(label)) return 'utf-8';
  return label;
}

function createDecoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    // The label comes from the page, so keep whatever it says short in the message.
    throw new UserFacingError('unknown_charset', `The page declares an unknown character set "${shortenForMessage(label, 40)}".`);
  }
}

/** Servers sometimes quote the label or pad it; an empty one counts as none. */
function cleanLabel(value: string | null): string | null {
  const label = value?.trim().replace(/^["']|["']$/g, '');
  return label ? label : null;
}

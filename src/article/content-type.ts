import { UserFacingError } from '../errors.js';
import { shortenForMessage } from './shorten-for-message.js';
import { looksBinary, utf16ByZeroBytes } from './sniff-bytes.js';

/** What newsbrief can read. Everything else is refused by name. */
const READABLE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);
const MEGABYTE = 1_048_576;

export function parseContentType(header: string | null): { mimeType: string; charset: string | null } {
  const [type = '', ...parameters] = (header ?? '').split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const separator = parameter.indexOf('=');
    if (parameter.slice(0, separator).trim().toLowerCase() === 'charset') {
      charset = parameter.slice(separator + 1).trim().replace(/^"(.*)"$/, '$1') || null;
    }
  }
  return { mimeType: type.trim().toLowerCase(), charset };
}

export function refuseUnreadableType(mimeType: string): UserFacingError | null {
  if (READABLE_TYPES.has(mimeType)) return null;
  if (mimeType === 'application/pdf') return pdfRefusal();
  return new UserFacingError('unsupported_type', `${shortenForMessage(mimeType)} is not a web page or text, so newsbrief cannot summarise it.`);
}

/**
 * For bodies without a trustworthy type (files, stdin, servers that send none): PDFs and binary
 * data are refused, markup is HTML, the rest is plain text. `htmlByName` is a file extension's word.
 */
export function sniffMimeType(body: Uint8Array, htmlByName = false): string {
  if (isPdf(body)) throw pdfRefusal();
  if (looksBinary(body)) throw binaryRefusal();
  if (htmlByName) return 'text/html';
  const utf16 = utf16ByZeroBytes(body);
  const head = utf16 ? new TextDecoder(utf16).decode(body.subarray(0, 1024)) : Buffer.from(body.subarray(0, 512)).toString('latin1');
  return /^\s*</.test(head.replace(/^(?:\xEF\xBB\xBF|\uFEFF)/, '')) ? 'text/html' : 'text/plain';
}

export function binaryRefusal(): UserFacingError {
  return new UserFacingError(
    'unsupported_type',
    'This is binary data (an image, an archive or the like), not a web page or text, so newsbrief cannot summarise it. newsbrief reads web pages and .txt, .md and .html files.',
  );
}

/** Servers mislabel PDFs as HTML or send no type at all; the magic bytes settle it. */
export function isPdf(body: Uint8Array): boolean {
  return Buffer.from(body.subarray(0, 5)).toString('latin1') === '%PDF-';
}

export function pdfRefusal(): UserFacingError {
  return new UserFacingError('unsupported_type', 'That is a PDF. PDFs are not supported yet.');
}

export function tooLarge(limitBytes: number, subject: 'page' | 'file' | 'input', actualBytes?: number): UserFacingError {
  const size = actualBytes === undefined ? 'larger than' : `${formatBytes(actualBytes)}, over`;
  return new UserFacingError('too_large', `The ${subject} is ${size} ${formatBytes(limitBytes)}, the most newsbrief reads.`);
}

function formatBytes(bytes: number): string {
  return bytes >= MEGABYTE ? `${Number((bytes / MEGABYTE).toFixed(2))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

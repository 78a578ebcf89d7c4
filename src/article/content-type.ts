import { UserFacingError } from '../errors.js';

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
  return new UserFacingError('unsupported_type', `${mimeType} is not a web page or text, so newsbrief cannot summarise it.`);
}

/**
 * For bodies without a trustworthy type (files, stdin, servers that send none): PDFs and binary
 * data are refused, markup is HTML, the rest is plain text. `htmlByName` is a file extension's word.
 */
export function sniffMimeType(body: Uint8Array, htmlByName = false): string {
  if (isPdf(body)) throw pdfRefusal();
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  const hasByteOrderMark = /^(?:\xFF\xFE|\xFE\xFF|\xEF\xBB\xBF)/.test(head);
  if (!hasByteOrderMark && body.subarray(0, 8192).includes(0)) {
    throw new UserFacingError('unsupported_type', 'This is binary data, not text or HTML. newsbrief reads web pages and .txt, .md and .html files.');
  }
  if (htmlByName) return 'text/html';
  return /^\s*</.test(head.replace(/^\xEF\xBB\xBF/, '')) ? 'text/html' : 'text/plain';
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

import { describe, expect, it } from 'vitest';
import { sniffMimeType } from '../../src/article/content-type.js';
import { decodeBody } from '../../src/article/decode-body.js';
import { looksBinary, utf16ByZeroBytes } from '../../src/article/sniff-bytes.js';
import { pngBytes, zipBytes } from '../../bench/lib/hostile-pages.js';
import { userFacingErrorOf } from '../../test-support/user-facing-error.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const page = '<!doctype html><html><head><title>Flood barrier</title></head><body><p>The council voted.</p></body></html>';

describe('looksBinary', () => {
  it('finds images and archives by their control bytes', () => {
    expect(looksBinary(pngBytes(4096))).toBe(true);
    expect(looksBinary(zipBytes(4096))).toBe(true);
    expect(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toBe(true);
  });

  it('takes text with a stray control byte, tabs, form feeds and escapes for text', () => {
    expect(looksBinary(utf8(`${'The council voted. '.repeat(100)}\x00\t\f\x1b[0m\r\n`))).toBe(false);
    expect(looksBinary(utf8(page))).toBe(false);
  });

  it('takes UTF-16, which is full of zero bytes, for text, with or without a byte order mark', () => {
    expect(looksBinary(new Uint8Array(Buffer.from(page, 'utf16le')))).toBe(false);
    expect(looksBinary(new Uint8Array(Buffer.from(`\ufeff${page}`, 'utf16le')))).toBe(false);
  });
});

describe('UTF-16 without a byte order mark', () => {
  const littleEndian = new Uint8Array(Buffer.from(page, 'utf16le'));
  const bigEndian = new Uint8Array(Buffer.from(page, 'utf16le').swap16());

  it('is told by which bytes are zero', () => {
    expect(utf16ByZeroBytes(littleEndian)).toBe('utf-16le');
    expect(utf16ByZeroBytes(bigEndian)).toBe('utf-16be');
    expect(utf16ByZeroBytes(utf8(page))).toBeNull();
    expect(utf16ByZeroBytes(pngBytes(4096))).toBeNull();
  });

  it('is decoded as UTF-16 even when the server declares another charset', () => {
    expect(decodeBody(littleEndian, 'iso-8859-1', 'text/html')).toBe(page);
    expect(decodeBody(bigEndian, null, 'text/html')).toBe(page);
  });

  it('is sniffed as HTML or text by its decoded first characters', () => {
    expect(sniffMimeType(bigEndian)).toBe('text/html');
    expect(sniffMimeType(new Uint8Array(Buffer.from('Flood barrier\n\nThe council voted.', 'utf16le')))).toBe('text/plain');
  });
});

describe('sniffMimeType', () => {
  it('refuses binary data, saying it is not a web page or text', () => {
    const error = userFacingErrorOf(() => sniffMimeType(zipBytes(4096), true));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/binary data .*not a web page or text/);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/article/decode-body.js';
import { userFacingErrorOf } from '../../test-support/user-facing-error.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));

/** A small HTML page whose body is the given bytes, with the given tag in its head. */
const htmlWith = (headTag: string, body: Uint8Array) =>
  concat(ascii(`<!doctype html><html><head>${headTag}<title>t</title></head><body><p>`), body, ascii('</p></body></html>'));


describe('decodeBody', () => {
  it('defaults to UTF-8', () => {
    expect(decodeBody(Uint8Array.from(Buffer.from('Zürich — “quoted”')), null, 'text/html')).toBe('Zürich — “quoted”');
  });

  it('decodes windows-1252 curly quotes and é from the header charset', () => {
    expect(decodeBody(bytes('93 48 69 94 20 e9'), 'windows-1252', 'text/html')).toBe('“Hi” é');
  });

  it('treats iso-8859-1 as windows-1252, as browsers do', () => {
    // A strict Latin-1 decoder would turn 0x93/0x94 into C1 control characters.
    expect(decodeBody(bytes('93 48 69 94'), 'ISO-8859-1', 'text/plain')).toBe('“Hi”');
  });

  it.each([
    ['iso-8859-2', 'a3 f3 64 bc', 'Łódź'],
    ['Shift_JIS', '93 fa 96 7b 8c ea', '日本語'],
    ['GBK', 'd6 d0 ce c4', '中文'],
    ['gb2312', 'd6 d0 ce c4', '中文'],
    ['gb18030', '95 32 82 36', '𠀀'],
    ['big5', 'a4 a4 a4 e5', '中文'],
    ['euc-jp', 'c6 fc cb dc', '日本'],
    ['koi8-r', 'f0 d2 c9 d7 c5 d4', 'Привет'],
  ])('decodes %s from the header', (charset, hex, text) => {
    expect(decodeBody(bytes(hex), charset, 'text/html')).toBe(text);
  });

  it('uses <meta charset> when the header has none', () => {
    const page = htmlWith('<meta charset="Shift_JIS">', bytes('93 fa 96 7b 8c ea'));
    expect(decodeBody(page, null, 'text/html')).toContain('<p>日本語</p>');
  });

  it('uses <meta http-equiv="Content-Type"> when the header has none', () => {
    const page = htmlWith('<meta http-equiv="Content-Type" content="text/html; charset=gbk">', bytes('d6 d0 ce c4'));
    expect(decodeBody(page, null, 'text/html')).toContain('<p>中文</p>');
  });

  it('reads a meta tag in application/xhtml+xml too', () => {
    const page = htmlWith("<meta charset='iso-8859-2' />", bytes('a3 f3 64 bc'));
    expect(decodeBody(page, null, 'application/xhtml+xml')).toContain('Łódź');
  });

  it('prefers the header charset over a meta tag', () => {
    const page = htmlWith('<meta charset="utf-8">', bytes('93 48 69 94'));
    expect(decodeBody(page, 'windows-1252', 'text/html')).toContain('“Hi”');
  });

  it('ignores meta tags in plain text', () => {
    const text = concat(ascii('<meta charset="windows-1252"> '), Uint8Array.from(Buffer.from('é')));
    expect(decodeBody(text, null, 'text/plain')).toBe('<meta charset="windows-1252"> é');
  });

  it('ignores a meta tag past the first 4096 bytes', () => {
    const page = concat(ascii(`<html><head><!-- ${'x'.repeat(5000)} -->`), ascii('<meta charset="windows-1252">'), Uint8Array.from(Buffer.from('é')));
    expect(decodeBody(page, null, 'text/html')).toContain('é');
  });

  it('reads a meta tag that claims UTF-16 as UTF-8, since it was readable as ASCII', () => {
    const page = htmlWith('<meta charset="utf-16">', Uint8Array.from(Buffer.from('é')));
    expect(decodeBody(page, null, 'text/html')).toContain('<p>é</p>');
  });

  it('lets a UTF-8 byte order mark override a wrong header, and strips it', () => {
    const body = concat(bytes('ef bb bf'), Uint8Array.from(Buffer.from('café')));
    expect(decodeBody(body, 'windows-1252', 'text/html')).toBe('café');
  });

  it('decodes UTF-16LE and UTF-16BE from their byte order marks', () => {
    const little = concat(bytes('ff fe'), Uint8Array.from(Buffer.from('<p>héllo</p>', 'utf16le')));
    expect(decodeBody(little, 'utf-8', 'text/html')).toBe('<p>héllo</p>');
    const big = concat(bytes('fe ff'), Uint8Array.from(Buffer.from('hé', 'utf16le').swap16()));
    expect(decodeBody(big, null, 'text/plain')).toBe('hé');
  });

  it('replaces invalid bytes instead of failing', () => {
    expect(decodeBody(bytes('61 ff 62'), 'utf-8', 'text/plain')).toBe('a\uFFFDb');
  });

  it('flushes a character cut off at the end of the body as U+FFFD', () => {
    expect(decodeBody(bytes('61 e6 97'), 'utf-8', 'text/plain')).toBe('a\uFFFD');
    expect(decodeBody(bytes('61 93'), 'shift_jis', 'text/plain')).toBe('a\uFFFD');
  });

  it('accepts a quoted header charset', () => {
    expect(decodeBody(bytes('e9'), '"windows-1252"', 'text/plain')).toBe('é');
  });

  it('refuses an unknown charset label from the header', () => {
    const error = userFacingErrorOf(() => decodeBody(ascii('hello'), 'x-foo', 'text/html'));
    expect(error.code).toBe('unknown_charset');
    expect(error.message).toBe('The page declares an unknown character set "x-foo".');
  });

  it('refuses an unknown charset label from a meta tag', () => {
    const error = userFacingErrorOf(() => decodeBody(htmlWith('<meta charset="x-klingon">', ascii('hi')), null, 'text/html'));
    expect(error.code).toBe('unknown_charset');
    expect(error.message).toContain('"x-klingon"');
  });
});

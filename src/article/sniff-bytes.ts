/** How many leading bytes the sniffers read: enough to judge, and cheap whatever the body's size. */
const SAMPLE_BYTES = 8192;

/**
 * Bytes that text never holds (WHATWG MIME Sniffing's "binary data bytes"): controls other than
 * tab, line feed, form feed, carriage return and escape.
 */
function isBinaryDataByte(byte: number): boolean {
  return byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);
}

export function hasByteOrderMark(body: Uint8Array): boolean {
  const [first, second, third] = body;
  return (first === 0xef && second === 0xbb && third === 0xbf) || (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff);
}

/**
 * UTF-16 without a byte order mark, told by its zero bytes: text in the Latin range has a zero in
 * every other byte (the high byte of each unit), which no ASCII-based encoding produces.
 */
export function utf16ByZeroBytes(body: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(body.byteLength, 1024) / 2);
  if (pairs < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (body[index] === 0) evenZeros += 1;
    if (body[index + 1] === 0) oddZeros += 1;
  }
  // Mostly zeros on one side, next to none on the other: anything less even is binary data.
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * True for an image, an archive or any other body that is not text, whatever type it was served
 * as: more than 1% of its first bytes are controls that no text uses. One stray byte in a page does
 * not make it binary; UTF-16 (which is full of zero bytes) is text when it says so or shows it.
 */
export function looksBinary(body: Uint8Array): boolean {
  if (hasByteOrderMark(body) || utf16ByZeroBytes(body) !== null) return false;
  const sample = body.subarray(0, SAMPLE_BYTES);
  let binary = 0;
  for (const byte of sample) if (isBinaryDataByte(byte)) binary += 1;
  return binary > sample.byteLength / 100;
}

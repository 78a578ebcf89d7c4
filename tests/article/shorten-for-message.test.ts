import { describe, expect, it } from 'vitest';
import { checkUrlAsWritten, parseRequestedUrl } from '../../src/article/check-url-as-written.js';
import { parseAllowList } from '../../src/article/address-policy.js';
import { refuseUnreadableType } from '../../src/article/content-type.js';
import { shortenForMessage } from '../../src/article/shorten-for-message.js';
import { userFacingErrorOf } from '../../test-support/user-facing-error.js';

describe('shortenForMessage', () => {
  it('leaves short input alone and cuts long input to the limit with an ellipsis', () => {
    expect(shortenForMessage('example.com')).toBe('example.com');
    const cut = shortenForMessage('a'.repeat(100_000));
    expect(cut).toBe(`${'a'.repeat(79)}…`);
    expect(shortenForMessage('x'.repeat(100_000), 80, 'end')).toBe(`…${'x'.repeat(79)}`);
  });

  it('never leaves half of a surrogate pair', () => {
    const emoji = '😀'.repeat(100);
    expect(shortenForMessage(emoji, 10)).toBe(`${'😀'.repeat(4)}…`);
    expect(shortenForMessage(`a${emoji}`, 10, 'end')).toBe(`…${'😀'.repeat(4)}`);
  });
});

describe('messages that echo input', () => {
  const allowList = parseAllowList([]);

  it('refuse a host name longer than DNS allows without looking it up, and echo only its start', () => {
    const error = userFacingErrorOf(() => checkUrlAsWritten(parseRequestedUrl(`http://${'a'.repeat(300)}.example/`), allowList));
    expect(error.code).toBe('invalid_url');
    expect(error.message).toBe(`The host name ${'a'.repeat(79)}… is 308 characters long; no real site's name is over 253.`);
  });

  it('keep a long scheme and a long content type short', () => {
    const scheme = userFacingErrorOf(() => checkUrlAsWritten(parseRequestedUrl(`${'x'.repeat(5_000)}:thing`), allowList));
    expect(scheme.message.length).toBeLessThan(200);
    expect(refuseUnreadableType(`application/${'y'.repeat(10_000)}`)?.message.length).toBeLessThan(200);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/http/retry-after.js';

const now = Date.parse('Sat, 01 Mar 2025 12:00:00 GMT');

describe('parseRetryAfter', () => {
  it('reads delay-seconds, decimals included', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, and a date in the past as now', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('is null for nothing or garbage', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1e9', now)).toBeNull();
  });
});

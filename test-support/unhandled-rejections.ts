import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * Fails a test file on any unhandled rejection: the bot's end-to-end tests run discord.js, the
 * fakes and our services in this process, and a promise dropped anywhere there is a bug even when
 * the test's own assertions pass. Call once at the top level of a test file.
 */
export function failOnUnhandledRejections(): void {
  const rejections: unknown[] = [];
  const record = (reason: unknown) => rejections.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
  });
  afterEach(() => {
    expect(rejections, 'unhandled rejections').toEqual([]);
  });
}

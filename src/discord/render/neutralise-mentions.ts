/** U+200B: invisible, and enough to stop Discord reading what follows as a mention. */
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * The first lock: `allowedMentions` for every message the bot sends, so nothing it posts can ping
 * anyone. The client's defaults say the same again (with `repliedUser: false`).
 */
export const NO_MENTIONS: { readonly parse: readonly [] } = Object.freeze({ parse: Object.freeze([] as const) });

/**
 * Makes text safe to put in a message's `content`: `@everyone`, `@here`, and user and role
 * mentions (`<@123>`, `<@!123>`, `<@&456>`) get a zero-width space after the `@`, so they neither
 * ping nor render as mentions, while reading the same. Idempotent. Payloads still carry
 * `allowedMentions: NO_MENTIONS`; this is the second lock.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<@([!&]?\d+)>/g, `<@${ZERO_WIDTH_SPACE}$1>`);
}

import { secretValues, type SecretSources } from './secret-values.js';

/** What stands where a secret was. Plain ASCII with no quote or backslash, so a JSON line stays valid JSON. */
export const REDACTED = '[redacted]';

export interface SecretScrubber {
  /** The text with every configured secret, and everything shaped like a credential, replaced by `[redacted]`. */
  scrub(text: string): string;
}

/**
 * Credentials recognised by their shape, whoever's they are: the ones we were not told about (a
 * key in an upstream error, another service's token) and the configured ones in a form we did not
 * foresee. Each keeps the part that says what was there, so a line still reads.
 * The character classes leave out `"` and `\`, so a match never runs across a JSON string's end.
 * Every run of characters is read once, whatever the text (the CLI scrubs up to 5 MB of article):
 * a match starts only where a run starts (the lookbehind), and `(?=(x+))\1` takes the whole run
 * and never gives part of it back, where a plain `x+` would be retried from every position in it.
 */
const SHAPES: ReadonlyArray<{ pattern: RegExp; replacement: string }> = [
  // `scheme://user:password@host`: the whole userinfo, `@` included in passwords written unencoded.
  { pattern: /(?<![a-z\d+.-])(?=([a-z][a-z\d+.-]*))\1:\/\/(?:[\w.~%!$&'()*+,;=:-]*@)+/gi, replacement: `$1://${REDACTED}@` },
  // An Authorization header's value, however it was printed.
  { pattern: /\b([Bb]earer|[Bb]asic|Bot)(\s+)(?=([\w.~+/-]{16,}))\3=*/g, replacement: `$1$2${REDACTED}` },
  // OpenAI-style keys (`sk-…`, `sk-proj-…`).
  { pattern: /(?<![\w-])sk-(?=([\w-]{16,}))\1/g, replacement: `sk-${REDACTED}` },
  // Discord bot tokens and JWTs: three dot-separated base64url runs.
  { pattern: /(?<![\w-])(?=([\w-]{20,}))\1\.(?=([\w-]{6,}))\2\.(?=([\w-]{27,}))\3/g, replacement: REDACTED },
  // Interaction tokens in Discord's webhook and callback routes (what a REST error's `url` holds).
  { pattern: /(\/(?:webhooks|interactions)\/\d+\/)(?=([\w.-]{20,}))\2/g, replacement: `$1${REDACTED}` },
];

/**
 * The one filter between a secret and anything we write: every log line (see log.ts) and every
 * message or `--json` answer a person sees. Built once per process from the configuration.
 */
export function createSecretScrubber(sources: SecretSources = {}): SecretScrubber {
  // Longest first: where one secret's form contains another's, the whole of it goes.
  const values = secretValues(sources).sort((a, b) => b.length - a.length);
  const literal = values.length === 0 ? null : new RegExp(values.map(escapeRegExp).join('|'), 'g');
  return {
    scrub(text) {
      let scrubbed = literal === null ? text : text.replace(literal, REDACTED);
      for (const { pattern, replacement } of SHAPES) scrubbed = scrubbed.replace(pattern, replacement);
      return scrubbed;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

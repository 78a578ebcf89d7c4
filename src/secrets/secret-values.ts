/** Variables whose whole value is a secret. */
const SECRET_VARIABLES = ['OPENAI_API_KEY', 'DISCORD_TOKEN'] as const;
/** Variables holding a URL whose password (userinfo) is a secret; the rest of the URL is not. */
const URL_VARIABLES = ['OPENAI_BASE_URL', 'REDIS_URL', 'STORE_URL', 'CACHE_URL'] as const;

/** The validated config, or the raw environment (before it validates, so a config error is covered too). */
export type SecretSources = Partial<Record<(typeof SECRET_VARIABLES)[number] | (typeof URL_VARIABLES)[number], string | undefined>>;

/**
 * Shorter values are not hunted for as text. Real keys, tokens and passwords are far longer, while
 * placeholders that keyless local servers take (`none`, `ollama`) are common words: scrubbing them
 * would blank ordinary text in logs and in summaries. A short password inside a URL is still
 * removed with the URL's userinfo (secret-scrubber.ts).
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * Every configured secret, in each form it may take in a log line or a message: as set, percent-
 * decoded and percent-encoded (URL passwords are written both ways), and JSON-escaped (a pino line
 * is JSON; an error body quoted inside a message is JSON twice).
 */
export function secretValues(sources: SecretSources): string[] {
  const plain = new Set<string>();
  for (const name of SECRET_VARIABLES) {
    const value = sources[name]?.trim();
    if (!value) continue;
    plain.add(value);
    // A Discord token is `id.timestamp.hmac`; only the HMAC is secret, and some libraries print the rest masked.
    if (name === 'DISCORD_TOKEN') for (const part of value.split('.').slice(2)) plain.add(part);
  }
  for (const name of URL_VARIABLES) {
    const password = passwordOf(sources[name]);
    if (password) plain.add(password);
  }
  const forms = new Set<string>();
  for (const value of plain) {
    for (const form of [value, safeDecode(value), encodeURIComponent(value)]) {
      const once = jsonEscaped(form);
      for (const variant of [form, once, jsonEscaped(once)]) if (variant.length >= MIN_SECRET_LENGTH) forms.add(variant);
    }
  }
  return [...forms];
}

/** The password of `scheme://user:password@host…`; read by hand when the URL does not parse, since such URLs end up in error messages too. */
function passwordOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).password || null;
  } catch {
    // Read by hand below.
  }
  const userinfo = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)@/i.exec(url)?.[1];
  if (userinfo === undefined) return null;
  const colon = userinfo.indexOf(':');
  return colon === -1 ? null : userinfo.slice(colon + 1) || null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function jsonEscaped(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

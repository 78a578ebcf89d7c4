import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used rather than at start-up. The bot's idle memory is
 * mostly the code it loads (issue 13: linkedom 26 MB, the tokenizer's tables 56 MB, undici 21 MB),
 * and a configuration may never use some of it: no LLM, no Redis, no digest, no page yet. Loading
 * stays synchronous, through the package's CommonJS entry, so callers keep their sync APIs. Every
 * package loaded this way must be used only through this loader, so that no value crosses between
 * its CommonJS and ES module copies (an `instanceof` against the other copy's class would fail).
 */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}

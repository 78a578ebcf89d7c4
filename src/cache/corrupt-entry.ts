import type { Deserialize, DeserializedData } from 'keyv';

/**
 * What a row that cannot be read deserializes to. keyv's `get` then returns its `value`,
 * undefined, so every reader sees a missing entry instead of a SyntaxError; readers that
 * want to log and delete it (the typed cache) recognise it with `isCorruptEntry`.
 */
const CORRUPT_ENTRY = Object.freeze({ value: undefined, corrupt: true });

/**
 * Wraps keyv's deserializer so that a row that is not JSON, or not the `{ value, expires }`
 * envelope keyv writes, reads as a corrupt entry. keyv deserializes outside its own
 * try/catch, so without this one bad row would throw on every read, even of the cache.
 */
export function tolerateCorruptEntries(deserialize: Deserialize): Deserialize {
  return async <Value>(data: string): Promise<DeserializedData<Value> | undefined> => {
    let parsed: unknown;
    try {
      parsed = await deserialize<Value>(data);
    } catch {
      return CORRUPT_ENTRY;
    }
    if (parsed === undefined) return undefined;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return CORRUPT_ENTRY;
    return parsed as DeserializedData<Value>;
  };
}

export function isCorruptEntry(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { corrupt?: unknown }).corrupt === true;
}

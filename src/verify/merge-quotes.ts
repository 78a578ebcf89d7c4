import type { Quote } from '../quotes/index.js';
import { keyContains, searchKey } from './search-key.js';

interface KeyedQuote {
  readonly quote: Quote;
  readonly key: string;
}

/**
 * The LLM's verified quotes (`primary`, in its order) and the quote finder's (`secondary`), each
 * quote once. The same quote is the same words, or words one of them holds entirely; of the two,
 * the longer span stands (with its context), and the speaker comes from whichever names one.
 */
export function mergeQuotes(primary: readonly Quote[], secondary: readonly Quote[]): Quote[] {
  const merged: KeyedQuote[] = [];
  for (const quote of [...primary, ...secondary]) {
    let incoming: KeyedQuote = { quote, key: searchKey(quote.text) };
    if (incoming.key === '') continue;
    const same = merged.filter((kept) => keyContains(kept.key, incoming.key) || keyContains(incoming.key, kept.key));
    const first = same[0];
    if (!first) {
      merged.push(incoming);
      continue;
    }
    // A long quote may hold several short ones already kept: they all become one, where the first stood.
    for (const kept of same) incoming = combine(kept, incoming);
    merged.splice(merged.indexOf(first), 1, incoming);
    for (const absorbed of same.slice(1)) merged.splice(merged.indexOf(absorbed), 1);
  }
  return merged.map(({ quote }) => quote);
}

/** `kept` came first; it wins every tie. */
function combine(kept: KeyedQuote, incoming: KeyedQuote): KeyedQuote {
  const longer = incoming.key.length - kept.key.length;
  const base = longer > 0 || (longer === 0 && kept.quote.speaker === null && incoming.quote.speaker !== null) ? incoming : kept;
  const other = base === kept ? incoming : kept;
  return { key: base.key, quote: { ...base.quote, speaker: base.quote.speaker ?? other.quote.speaker } };
}

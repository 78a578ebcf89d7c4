/**
 * Sentence splitting: ICU's segmenter, then a merging layer for the places it splits where a
 * reader would not. ICU breaks after titles ("Mr.", "Sen."), initials ("J."), dotted acronyms
 * ("U.S.") and between the sentences of one quotation; those pieces are joined back here.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations that stand before a name or number and so never end a sentence. */
const PREFIX_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'maj', 'sgt', 'capt', 'cmdr', 'adm',
  'cpl', 'pvt', 'st', 'mt', 'ft', 'rev', 'fr', 'hon', 'pres', 'supt', 'det', 'insp', 'atty', 'no', 'nos', 'vol', 'pp',
  'fig', 'art', 'sec', 'ch', 'vs', 'v', 'approx', 'est', 'dept', 'univ', 'messrs', 'mme', 'mlle', 'sr', 'jr',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Words that begin a new sentence far more often than they continue a name after "U.S." or "Jr.". */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our', 'this', 'that',
  'these', 'those', 'there', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'as', 'after', 'before', 'when', 'while',
  'if', 'since', 'meanwhile', 'however', 'still', 'then', 'now', 'both', 'some', 'many', 'most', 'officials', 'for',
  'with', 'by', 'from', 'to', 'of', 'one', 'what', 'who', 'why', 'how', 'last', 'next', 'earlier', 'later', 'also',
]);

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    const trimmed = paragraph.trim();
    if (trimmed) sentences.push(...splitParagraph(trimmed));
  }
  return sentences;
}

function splitParagraph(paragraph: string): string[] {
  const pieces = Array.from(segmenter.segment(paragraph), (segment) => segment.segment);
  const merged: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && !shouldJoin(current, piece)) {
      merged.push(current.trim());
      current = '';
    }
    current += piece;
  }
  if (current.trim()) merged.push(current.trim());
  return merged;
}

function shouldJoin(current: string, next: string): boolean {
  const nextWord = /^\s*[“"'‘(]?\s*([\p{L}\p{N}]+)/u.exec(next)?.[1] ?? '';
  if (/^[\p{Ll}\p{N}]/u.test(nextWord) && !/[!?]["”’)]?\s*$/.test(current)) return true;
  if (isInsideQuotation(current)) return true;
  const lastToken = /([\p{L}.]+)\.\s*$/u.exec(current)?.[1];
  if (!lastToken) return false;
  const bare = lastToken.replace(/\./g, '').toLowerCase();
  // "J." or "F." — an initial inside a name.
  if (/^\p{Lu}$/u.test(lastToken)) return true;
  // "U.S." or "p.m." — a dotted abbreviation; it ends the sentence only when a typical sentence opener follows.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(lastToken)) return !SENTENCE_STARTERS.has(nextWord.toLowerCase());
  if (PREFIX_ABBREVIATIONS.has(bare)) return bare === 'jr' || bare === 'sr' ? !SENTENCE_STARTERS.has(nextWord.toLowerCase()) : true;
  return false;
}

/** A quotation is still open at the end of the text: ICU split a multi-sentence quotation. */
function isInsideQuotation(text: string): boolean {
  let straightOpen = false;
  const open: string[] = [];
  for (const char of text) {
    if (char === '"') straightOpen = !straightOpen;
    else if (char === '„' || char === '«') open.push(char);
    else if (char === '»' || char === '”') open.pop();
    // “ opens in English but closes a German „…“.
    else if (char === '“') {
      if (open.at(-1) === '„') open.pop();
      else open.push(char);
    }
  }
  return straightOpen || open.length > 0;
}

/**
 * Every quotation mark we read, in one table: folding, the quote finder, the quote locator and the
 * sentence splitter all take their marks from here.
 */
export interface QuoteMark {
  readonly mark: string;
  /** The plain mark it folds to. */
  readonly plain: '"' | "'";
  /** How it usually stands: before a quote, after one, or either way (the straight marks). */
  readonly role: 'opening' | 'closing' | 'straight';
  /** For a mark that opens a quote the quote finder reads: the marks that may close it. */
  readonly closedBy?: string;
  /** Shaped like an apostrophe or a comma, so it also stands inside and at the ends of words. */
  readonly apostropheLike?: true;
  /** Set off from the quoted words by a space, as in French: « Oui ». */
  readonly spacedInside?: true;
  /** Not a quotation mark but typed for one (a prime, a fullwidth or an ornamental mark): folded, never located. */
  readonly standIn?: true;
}

export const QUOTE_MARKS: readonly QuoteMark[] = [
  { mark: '"', plain: '"', role: 'straight', closedBy: '"' },
  // “ opens in English and closes a German „…“.
  { mark: '“', plain: '"', role: 'opening', closedBy: '”' },
  { mark: '”', plain: '"', role: 'closing' },
  { mark: '„', plain: '"', role: 'opening', closedBy: '“”' },
  { mark: '‟', plain: '"', role: 'opening' },
  { mark: '«', plain: '"', role: 'opening', closedBy: '»', spacedInside: true },
  // » closes a French «…» and opens a Danish »…«.
  { mark: '»', plain: '"', role: 'closing', closedBy: '«' },
  { mark: "'", plain: "'", role: 'straight', closedBy: "'", apostropheLike: true },
  { mark: '‘', plain: "'", role: 'opening', closedBy: '’', apostropheLike: true },
  { mark: '’', plain: "'", role: 'closing', apostropheLike: true },
  { mark: '‚', plain: "'", role: 'opening', apostropheLike: true },
  { mark: '‛', plain: "'", role: 'opening', apostropheLike: true },
  // The single guillemets: French and Swiss quotes inside « », and in Switzerland also on their own.
  { mark: '‹', plain: "'", role: 'opening', closedBy: '›', spacedInside: true },
  { mark: '›', plain: "'", role: 'closing' },
  // Corner brackets, the quotation marks of Japanese and of traditional Chinese: 「」 around a quote,
  // 『』 around a quote inside one. Both fold to ", since a model writing Latin text quotes them so.
  { mark: '「', plain: '"', role: 'opening', closedBy: '」' },
  { mark: '」', plain: '"', role: 'closing' },
  { mark: '『', plain: '"', role: 'opening', closedBy: '』' },
  { mark: '』', plain: '"', role: 'closing' },
  ...[...'″〝〞＂'].map((mark): QuoteMark => ({ mark, plain: '"', role: 'straight', standIn: true })),
  ...[...'′＇'].map((mark): QuoteMark => ({ mark, plain: "'", role: 'straight', standIn: true })),
];

/** The marks for which `keep` holds, as one string (for a character class or `includes`). */
export function quoteMarksWhere(keep: (mark: QuoteMark) => boolean): string {
  return QUOTE_MARKS.filter(keep).map(({ mark }) => mark).join('');
}

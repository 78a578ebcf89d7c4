import { cleanNameAt, countOrdinaryWords, NAME, nameWords, precedingWord, withoutLeadingWords, type SpeakerName } from './speaker-names.js';

const NAMES = new RegExp(NAME, 'gu');
/** What stands before a sentence's first word: closing punctuation, an opening mark, a bullet. */
const SENTENCE_OPENING = /(?:[.!?:]["'”’)]?|[“"‘'(\[—–•*-])$/u;

/** A proper name as a text writes it. */
export interface FoundName {
  /** Where the run of capitalised words starts, and the word before it in lower case ("the", "in"). */
  readonly runStart: number;
  readonly precedingWord: string;
  /** The run cleaned of titles and openers (see `cleanSpeakerName`), and where that starts. */
  readonly cleaned: SpeakerName;
  readonly cleanedStart: number;
  /** Whether the cleaned name is the first word of a sentence, a line or a bullet. */
  readonly opensSentence: boolean;
  /** How many ordinary words went from the front of the cleaned name. */
  readonly ordinaryWords: number;
  /** The cleaned name less those words, its words, and where it starts. */
  readonly speaker: SpeakerName;
  readonly words: readonly string[];
  readonly start: number;
}

export interface NameFinderOptions {
  /**
   * Whether a word of the cleaned name `name` is an ordinary word, capitalised only because a
   * sentence or a headline opens there ("Witness Louie Solano", "Heavy Israeli shelling"). Such
   * words go from the front of a name, never its last word. Without it every word stays.
   */
  isOrdinary?: (word: string, name: SpeakerName) => boolean;
  /** Where a name may open with ordinary words: anywhere (the default), or only where a sentence opens. */
  ordinaryWordsAt?: 'anywhere' | 'sentence-start';
}

/**
 * Every run of capitalised words in `text` that names someone or something, in order: the one
 * name finder behind speaker detection, speaker verification and claim flags. Each caller says
 * which capitalised words are ordinary ones, since each knows a different source.
 */
export function findNames(text: string, options: NameFinderOptions = {}): FoundName[] {
  const { isOrdinary, ordinaryWordsAt = 'anywhere' } = options;
  const found: FoundName[] = [];
  for (const match of text.matchAll(NAMES)) {
    const before = precedingWord(text, match.index);
    const cleaned = cleanNameAt(text, match[0], match.index, before);
    if (!cleaned) continue;
    const cleanedStart = match.index + match[0].indexOf(cleaned.name);
    const opens = opensSentence(text, cleanedStart);
    const cleanedWords = nameWords(cleaned.name);
    const ordinaryWords = isOrdinary && (ordinaryWordsAt === 'anywhere' || opens) ? countOrdinaryWords(cleanedWords, (word) => isOrdinary(word, cleaned)) : 0;
    const speaker = withoutLeadingWords(cleaned, ordinaryWords);
    found.push({
      runStart: match.index,
      precedingWord: before,
      cleaned,
      cleanedStart,
      opensSentence: opens,
      ordinaryWords,
      speaker,
      words: ordinaryWords === 0 ? cleanedWords : cleanedWords.slice(ordinaryWords),
      start: cleanedStart + cleaned.name.length - speaker.name.length,
    });
  }
  return found;
}

/** Whether only whitespace stands between `index` and a sentence's opening (or the start of the text). */
function opensSentence(text: string, index: number): boolean {
  let end = index;
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
  return end === 0 || SENTENCE_OPENING.test(text.slice(Math.max(0, end - 2), end));
}

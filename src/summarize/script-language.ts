/**
 * The language a text's script gives away: Hangul is Korean, kana is Japanese, Han without kana
 * Chinese, Thai script Thai. A few letters tell the languages that share a script (Ukrainian ї,
 * Persian گ); where none does, the script's main news language stands for them all.
 */

/** Scripts that name a language; on a tie the earlier wins, so Latin text mixed half and half stays with the stop-word vote. */
const SCRIPTS = ['Latin', 'Han', 'Kana', 'Hangul', 'Thai', 'Cyrillic', 'Arabic', 'Hebrew', 'Greek', 'Devanagari'] as const;
type Script = (typeof SCRIPTS)[number];

const PATTERNS: Record<Script, string> = {
  Latin: '\\p{sc=Latin}',
  Han: '\\p{sc=Han}',
  Kana: '\\p{sc=Hiragana}\\p{sc=Katakana}',
  Hangul: '\\p{sc=Hangul}',
  Thai: '\\p{sc=Thai}',
  Cyrillic: '\\p{sc=Cyrillic}',
  Arabic: '\\p{sc=Arabic}',
  Hebrew: '\\p{sc=Hebrew}',
  Greek: '\\p{sc=Greek}',
  Devanagari: '\\p{sc=Devanagari}',
};
/** One capture group per script; runs are bounded because unbounded ones overflow V8's stack on long text. */
const SCRIPT_RUN = new RegExp(SCRIPTS.map((script) => `([${PATTERNS[script]}]{1,64})`).join('|'), 'gu');
const LANGUAGE_OF: Partial<Record<Script, string>> = { Hangul: 'ko', Thai: 'th', Hebrew: 'he', Greek: 'el', Devanagari: 'hi' };

/** Japanese mixes kanji with kana, which carry its grammar; Chinese has none, bar a quoted Japanese name. */
const MIN_KANA_SHARE = 0.1;

/** Letters only Ukrainian uses among the Cyrillic languages we name... */
const UKRAINIAN = /[іїєґІЇЄҐ]/gu;
/** ...only Russian uses among them... */
const RUSSIAN = /[ыэёЫЭЁ]/gu;
/** ...Bulgarian's vowel ъ, rare in Russian... */
const HARD_SIGN = /[ъЪ]/gu;
const MIN_BULGARIAN_HARD_SIGN_SHARE = 0.01;
/** ...and those of the Cyrillic languages we do not name (Serbian, Macedonian, Belarusian, Kazakh and others). */
const OTHER_CYRILLIC = /[ђћјљњџѓќѕўәғқңөұүһҗҳӣӯЂЋЈЉЊЏЃЌЅЎӘҒҚҢӨҰҮҺ]/u;
/** Persian and Urdu spell kāf and yā differently from Arabic (ک ی, not ك ي)... */
const PERSO_ARABIC = /[کی]/gu;
const ARABIC_LETTERS = /[كي]/gu;
/** ...and Urdu has letters of its own. */
const URDU = /[ٹڈڑںے]/u;

/** The language of the script most of `sample`'s letters are in; null when that is Latin (or there are no letters). */
export function languageByScript(sample: string): string | null {
  const letters = countLettersByScript(sample);
  // Kanji and kana are one writing system: they stand together against the others.
  const japaneseOrChinese = letters.Han + letters.Kana;
  let top: Script = 'Latin';
  for (const script of SCRIPTS) if (script !== 'Han' && script !== 'Kana' && letters[script] > letters[top]) top = script;
  if (japaneseOrChinese > letters[top]) return letters.Kana >= MIN_KANA_SHARE * japaneseOrChinese ? 'ja' : 'zh';
  if (top === 'Latin' || letters[top] === 0) return null;
  if (top === 'Cyrillic') return cyrillicLanguage(sample, letters.Cyrillic);
  if (top === 'Arabic') return arabicScriptLanguage(sample);
  return LANGUAGE_OF[top] ?? null;
}

function countLettersByScript(sample: string): Record<Script, number> {
  const letters = Object.fromEntries(SCRIPTS.map((script) => [script, 0])) as Record<Script, number>;
  for (const match of sample.matchAll(SCRIPT_RUN)) {
    const group = match.findIndex((run, index) => index > 0 && run !== undefined);
    const script = SCRIPTS[group - 1];
    if (script) letters[script] += match[0].length;
  }
  return letters;
}

function cyrillicLanguage(sample: string, cyrillicLetters: number): string {
  if (OTHER_CYRILLIC.test(sample)) return 'und';
  const ukrainian = count(sample, UKRAINIAN);
  const russian = count(sample, RUSSIAN);
  if (ukrainian > russian) return 'uk';
  if (russian === 0 && count(sample, HARD_SIGN) >= MIN_BULGARIAN_HARD_SIGN_SHARE * cyrillicLetters) return 'bg';
  return 'ru';
}

function arabicScriptLanguage(sample: string): string {
  if (count(sample, PERSO_ARABIC) <= count(sample, ARABIC_LETTERS)) return 'ar';
  return URDU.test(sample) ? 'ur' : 'fa';
}

function count(text: string, pattern: RegExp): number {
  let total = 0;
  for (const _match of text.matchAll(pattern)) total++;
  return total;
}

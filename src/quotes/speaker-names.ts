import { isNeverASpeaker } from './not-speakers.js';

export type Pronoun = 'he' | 'she' | 'they';

/** A speaker as named in the text, cleaned of titles and sentence-initial words. */
export interface SpeakerName {
  readonly name: string;
  readonly kind: 'person' | 'organisation';
  /** Known from a title such as "Mr." or "Queen". */
  readonly pronoun: Pronoun | null;
  /** Written with a personal title ("Mr. Kirby"), so a single word is still a person. */
  readonly titled: boolean;
  /** Its role titles in lower case ("president" for "President Donald Trump"), so "the president" can find them. */
  readonly roles: readonly string[];
}

const TITLE_ABBREVIATIONS = ['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sen', 'Rep', 'Gov', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt', 'Adm', 'Maj', 'Rev', 'Hon', 'Cmdr', 'Supt', 'Insp', 'Det', 'St'];
const SUFFIXES = new Set(['Jr', 'Jr.', 'Sr', 'Sr.', 'II', 'III', 'IV']);
const GAP = String.raw`[ \t\u00A0]+`;
/** Lower-case words inside names: "Ursula von der Leyen", "Mohammed bin Salman". */
const PARTICLE = String.raw`(?:de|da|di|du|del|della|der|den|des|van|von|la|le|bin|bint|ibn|al|el|dos|das|ter|ten|y|abu|ben)`;
const NAME_WORD = String.raw`(?:(?:${[...TITLE_ABBREVIATIONS, 'Jr', 'Sr'].join('|')})\.|(?:\p{Lu}\.){2,}|\p{Lu}\.|(?:(?:al|el|bin|ibn|abu|ben)-)?(?:\p{Lu}['’])?\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:-\p{Lu}?[\p{Ll}\p{Lu}\p{M}]+)*)`;
/** A run of capitalised words, for regular expressions to embed. */
export const NAME = String.raw`(?<![\p{L}\p{N}'’.\-])${NAME_WORD}(?:${GAP}(?:${PARTICLE}${GAP})*${NAME_WORD}){0,6}`;

/** Capitalised words that open sentences or clauses but never name anyone. */
const NOT_NAMES = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'By', 'For', 'From', 'With', 'Without', 'Into', 'Of', 'To', 'As', 'And', 'But',
  'Or', 'Nor', 'So', 'Yet', 'If', 'When', 'While', 'Where', 'Whereas', 'Although', 'Though', 'Because', 'Since',
  'After', 'Before', 'During', 'Despite', 'Until', 'Unless', 'Once', 'However', 'Meanwhile', 'Moreover',
  'Furthermore', 'Still', 'Also', 'Now', 'Then', 'Here', 'There', 'This', 'That', 'These', 'Those', 'It', 'Its',
  'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their', 'Our', 'My', 'Your', 'Him', 'Them', 'Who', 'What',
  'Which', 'Why', 'How', 'Some', 'Many', 'Most', 'Much', 'More', 'Several', 'Both', 'Each', 'Every', 'All', 'Any',
  'Other', 'Another', 'Such', 'No', 'Not', 'Yes', 'Yesterday', 'Today', 'Tonight', 'Tomorrow', 'Earlier', 'Later',
  'Last', 'Next', 'First', 'Second', 'Instead', 'Contrary', 'Asked', 'Speaking', 'Writing', 'According', 'Officials',
  'Authorities', 'Critics', 'Experts', 'Analysts', 'Residents', 'Witnesses', 'Sources', 'Observers', 'Researchers',
  'Scientists', 'Doctors', 'Lawyers', 'Prosecutors', 'Investigators', 'Protesters', 'Supporters', 'Opponents',
  'Among', 'Amongst', 'Amid', 'Like', 'Unlike', 'Under', 'Over', 'Through', 'Following', 'Including', 'Regarding',
  'Against', 'Between', 'Beyond', 'Within', 'Quoting', 'Citing', 'Describing', 'Explaining', 'Adding', 'Responding',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March',
  'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
]);

/** Whether `word` is a title that stands before names ("President", "Mayor"), in any case. */
export function isRoleTitle(word: string): boolean {
  return TITLES.has(word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()) || TITLES.has(word);
}

/** Titles before a name; a name made only of them ("the President") names no one. */
const TITLES = new Set([
  ...TITLE_ABBREVIATIONS.flatMap((title) => [title, `${title}.`]),
  'Miss', 'President', 'Vice', 'Prime', 'Minister', 'Foreign', 'Defense', 'Defence', 'Interior', 'Finance', 'Health',
  'Education', 'Energy', 'Trade', 'Labor', 'Labour', 'Home', 'Economy', 'State', 'National', 'Security', 'Secretary',
  'Chancellor', 'Senator', 'Representative', 'Congressman', 'Congresswoman', 'Governor', 'General', 'Colonel',
  'Lieutenant', 'Sergeant', 'Captain', 'Admiral', 'Major', 'Commander', 'Professor', 'Judge', 'Justice', 'Mayor',
  'King', 'Queen', 'Prince', 'Princess', 'Crown', 'Pope', 'Sheikh', 'Emir', 'Sultan', 'Ambassador', 'Commissioner',
  'Chief', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Director', 'Chairman', 'Chairwoman', 'Chair', 'Reverend',
  'Father', 'Sister', 'Rabbi', 'Imam', 'Sir', 'Dame', 'Lord', 'Lady', 'Speaker', 'Deputy', 'Attorney', 'Inspector',
  'Detective', 'Officer', 'Coach', 'Archbishop', 'Bishop', 'Cardinal', 'Leader', 'Adviser', 'Advisor',
  'Senior', 'Executive', 'Press', 'Communications', 'Agent', 'CEO', 'CFO', 'COO', 'Founder', 'Co-founder',
  'Councilmember', 'Councillor', 'Councilman', 'Councilwoman', 'Alderman', 'Assemblyman', 'Assemblywoman',
  'Congressmember', 'Delegate', 'Envoy', 'Minister-President', 'Superintendent', 'Administrator', 'MP', 'MEP', 'MSP',
  'Witness', 'Eyewitness', 'Visitor', 'Resident', 'Neighbour', 'Neighbor', 'Victim', 'Survivor', 'Passenger', 'Nurse',
  'Manager', 'Analyst', 'Strategist', 'Scientist', 'Researcher', 'Author', 'Writer', 'Editor', 'Reporter',
  'Columnist', 'Correspondent', 'Presenter', 'Actor', 'Actress', 'Rapper', 'Designer', 'Artist', 'Producer', 'Owner',
  'Boss', 'Striker', 'Midfielder', 'Defender', 'Goalkeeper', 'Quarterback', 'Premier', 'Pastor', 'Sheriff', 'Treasurer',
  'Prosecutor', 'Solicitor', 'Provost', 'Trustee', 'Undersecretary', 'Secretary-General', 'Under-Secretary', 'Whip',
  'Developer', 'Publisher', 'Retailer', 'Carrier', 'Broadcaster', 'Label', 'Insurer', 'Lender', 'Startup', 'Automaker', 'Chipmaker',
]);

const PRONOUN_OF_TITLE = new Map<string, Pronoun>([
  ...['Mr', 'Mr.', 'Sir', 'Lord', 'King', 'Prince', 'Father'].map((title): [string, Pronoun] => [title, 'he']),
  ...['Mrs', 'Mrs.', 'Ms', 'Ms.', 'Miss', 'Dame', 'Lady', 'Queen', 'Princess', 'Sister'].map((title): [string, Pronoun] => [title, 'she']),
]);

/** Last words that make a name an institution rather than a person. */
const ORGANISATION_WORDS = new Set([
  'Ministry', 'Department', 'Council', 'Agency', 'Office', 'Committee', 'Commission', 'Party', 'Army', 'Forces',
  'Force', 'Government', 'Administration', 'Authority', 'Police', 'Court', 'Bank', 'Fund', 'Union', 'Association',
  'Organization', 'Organisation', 'Institute', 'University', 'College', 'Hospital', 'Company', 'Corporation', 'Corp.',
  'Inc.', 'Ltd', 'Group', 'Foundation', 'Network', 'News', 'Times', 'Post', 'Journal', 'Service', 'Services',
  'Guard', 'Navy', 'Command', 'Board', 'Bureau', 'Federation', 'Alliance', 'League', 'Movement', 'Coalition',
  'Cabinet', 'Parliament', 'Congress', 'Senate', 'House', 'Assembly', 'Embassy', 'Pentagon', 'Kremlin',
  'Systems', 'Technologies', 'Technology', 'Robotics', 'Industries', 'Holdings', 'Partners', 'Labs', 'Laboratories',
  'Media', 'Studios', 'Records', 'Productions', 'Entertainment', 'Airlines', 'Airways', 'Motors', 'Pharmaceuticals',
  'Capital', 'Ventures', 'Solutions', 'Inc', 'LLC', 'Co.', 'plc', 'PLC', 'AG', 'Society', 'Trust', 'Club', 'Team',
  'Center', 'Centre', 'Academy', 'School', 'Museum', 'Library', 'Magazine', 'Press', 'Review',
  'Tribune', 'Herald', 'Gazette', 'Telegraph', 'Guardian', 'Observer', 'Daily', 'Weekly', 'Radio', 'TV', 'Television',
]);

/** Last words that make a name a place: "Gaza Strip", "West Bank". */
export const PLACE_WORDS = new Set([
  'Strip', 'City', 'Street', 'Square', 'Valley', 'River', 'Sea', 'Ocean', 'Island', 'Islands', 'Mountains',
  'Province', 'Region', 'District', 'County', 'Coast', 'Heights', 'Gulf', 'Peninsula', 'Desert', 'States',
  'Kingdom', 'Emirates', 'Republic',
]);

/** "Separately", "Finally", "Recently": an adverb opening a sentence, not a first name ("Rosaly", "Kelly", "Emily"). */
const LY_ADVERB = /^\p{Lu}\p{Ll}{2,}(?:al|e|t|d|s|n|ful|ar)ly$/u;
/** "Hosting Cook at Dreamforce": a sentence-initial participle is no part of a name. */
const ING_WORD = /^\p{Lu}\p{Ll}{2,}ing$/u;
/** "Browns DL Sheldon Richardson", "NFL Insider Jason La Canfora": an acronym before a name is a team, a body or a role. */
const ACRONYM = /^\p{Lu}{2,5}$/u;
/** "Public Prosecution Eva-Marie Persson": words shaped like an institution's, not a person's. */
const INSTITUTION_WORD = /^\p{Lu}\p{Ll}+(?:tion|sion|ship|ism|ology|ities)$/u;
const WORD = /[^ \t\u00A0]+/g;

export function nameWords(name: string): string[] {
  return name.match(WORD) ?? [];
}

/**
 * How many of a name's `words` are ordinary words before the name itself, capitalised only because
 * a sentence opens there ("Witness" in "Witness Louie Solano"): never the last word.
 */
export function countOrdinaryWords(words: readonly string[], isOrdinary: (word: string) => boolean): number {
  let count = 0;
  while (count < words.length - 1 && isOrdinary(words[count]!)) count++;
  return count;
}

const MONTHS_THAT_ARE_SURNAMES = new Set(['May', 'June', 'April', 'August']);

/** "Theresa May", "Brian May": a month after a first name is a surname, not a date. */
function isSurnameLikeAMonth(words: readonly string[]): boolean {
  const last = words.at(-1);
  const before = words.at(-2);
  return last !== undefined && before !== undefined && MONTHS_THAT_ARE_SURNAMES.has(last) && !NOT_NAMES.has(before) && /^\p{Lu}\p{Ll}+$/u.test(before);
}

/** `speaker` without the first `count` words of its name, spelt as in the text. */
export function withoutLeadingWords(speaker: SpeakerName, count: number): SpeakerName {
  if (count === 0) return speaker;
  const words = [...speaker.name.matchAll(WORD)];
  return { ...speaker, name: speaker.name.slice(words[count]?.index ?? speaker.name.length) };
}

/** The word just before `index`, in lower case: tells "the Pentagon" and "in Rafah" apart. */
export function precedingWord(text: string, index: number): string {
  return /(\p{L}+)[ \t\u00A0]+$/u.exec(text.slice(Math.max(0, index - 30), index))?.[1]?.toLowerCase() ?? '';
}

/**
 * Cleans the run of capitalised words `run` that stands at `index` of `text`: after "the" it names
 * an institution. `before` is the word before it, when the caller has it already.
 */
export function cleanNameAt(text: string, run: string, index: number, before = precedingWord(text, index)): SpeakerName | null {
  return cleanSpeakerName(run, before === 'the');
}

/**
 * Cleans a run of capitalised words into a speaker, or null when it names no one:
 * "Yesterday Prime Minister Benjamin Netanyahu" → "Benjamin Netanyahu"; "The Pentagon" →
 * "Pentagon"; "President", "Officials" and "Monday" → null. The name keeps the text's own
 * spelling and spacing, so it can be found in the source.
 */
export function cleanSpeakerName(raw: string, afterThe: boolean): SpeakerName | null {
  const words = Array.from(raw.matchAll(WORD), (match) => ({ word: match[0], start: match.index, end: match.index + match[0].length }));
  let followsThe = afterThe;
  const isOpener = (word: string, left: number): boolean =>
    (NOT_NAMES.has(word) && !(left === 1 && MONTHS_THAT_ARE_SURNAMES.has(word))) || (left > 1 && (LY_ADVERB.test(word) || ING_WORD.test(word)));
  // A lone "May" stays: "May said" is Theresa May when the article names her, and the registry drops it when "may" is a common word.
  while (words.length > 0 && isOpener(words[0]!.word, words.length)) {
    if (words[0]!.word === 'The') followsThe = true;
    words.shift();
  }
  const isCloser = (word: string): boolean => NOT_NAMES.has(word) && !(words.length === 1 && MONTHS_THAT_ARE_SURNAMES.has(word));
  while (words.length > 0 && isCloser(words[words.length - 1]!.word) && !isSurnameLikeAMonth(words.map(({ word }) => word))) words.pop();
  const last = words[words.length - 1];
  if (last === undefined) return null;
  const spelt = (): string => raw.slice(words[0]!.start, last.end);
  if (ORGANISATION_WORDS.has(last.word)) return { name: spelt(), kind: 'organisation', pronoun: null, titled: false, roles: [] };

  // Everything up to the last title goes, with any demonym before it: "Israeli Defence Minister Yoav Gallant".
  const lastTitle = words.findLastIndex(
    ({ word }, index) => TITLES.has(word) && words.slice(index + 1).some((rest) => !SUFFIXES.has(rest.word)),
  );
  const titles = words.splice(0, lastTitle + 1).map(({ word }) => word);
  // A person's name does not carry the body or the place they belong to: "Britain Liu Xiaming", "Browns DL Sheldon Richardson".
  const lastPrefix = words.findLastIndex(
    ({ word }, index) => index <= words.length - 3 && (ACRONYM.test(word) || INSTITUTION_WORD.test(word) || isNeverASpeaker(word)),
  );
  words.splice(0, lastPrefix + 1);
  const pronoun = titles.map((title) => PRONOUN_OF_TITLE.get(title)).find((found) => found !== undefined) ?? null;
  const titled = titles.some((title) => TITLES.has(title));
  const name = spelt();
  if (TITLES.has(name) || (NOT_NAMES.has(name) && !MONTHS_THAT_ARE_SURNAMES.has(name))) return null;
  const kind = followsThe && !titled ? 'organisation' : 'person';
  const roles = titles.filter((title) => TITLES.has(title) && !PRONOUN_OF_TITLE.has(title)).map((title) => title.toLowerCase());
  return { name, kind, pronoun, titled, roles };
}

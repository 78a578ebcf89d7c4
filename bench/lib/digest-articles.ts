import { titleTokens, MIN_TITLE_SIMILARITY } from '../../src/digest/title-similarity.js';

/**
 * Made-up local news for the digest benchmark: a headline and a 400–800-word article for each
 * feed item, the same on every run (a seeded generator), each with two direct quotes so that the
 * scripted model has quotes to copy. Headlines are checked pairwise so that no two of them are the
 * same story by the title rule (token-set similarity ≥ 0.9): the bench measures 1,000 stories, not fewer.
 */

const TOWNS = [
  'Riverton', 'Alderbrook', 'Kestrel Bay', 'Marlow Heath', 'Eastfield', 'Penhallow', 'Greywater', 'Sutton Vale',
  'Brackenridge', 'Holloway', 'Northmere', 'Ashcombe', 'Fenwick', 'Larchmont', 'Oakhurst', 'Willowdene',
  'Stonebridge', 'Harrowgate', 'Crestfield', 'Dunmore', 'Elmstead', 'Foxley', 'Glenrock', 'Hartwell',
] as const;
const BODIES = [
  'council', 'school board', 'health trust', 'port authority', 'transport agency', 'water company', 'police service',
  'fire brigade', 'university', 'chamber of commerce', 'housing association', 'library service', 'planning committee',
] as const;
const ACTIONS = [
  'approves', 'delays', 'rejects', 'reviews', 'expands', 'cuts funding for', 'announces', 'pauses', 'defends',
  'reconsiders', 'fast-tracks', 'scraps', 'consults residents on', 'publishes report on', 'sets deadline for',
] as const;
const TOPICS = [
  'harbour repair plan', 'new cycle lanes', 'flood barrier scheme', 'night bus routes', 'school meal contract',
  'riverside housing project', 'hospital car park fees', 'library opening hours', 'wind farm proposal',
  'market square redesign', 'bridge safety inspection', 'summer festival budget', 'recycling collection changes',
  'teacher recruitment drive', 'water pipe replacement', 'youth sports grants', 'high street parking rules',
  'tree planting programme', 'care home inspections', 'rail station upgrade',
] as const;
const TAILS = [
  'after heated debate', 'despite protests', 'ahead of winter', 'following audit', 'after public petition',
  'amid budget pressure', 'in surprise vote', 'after months of talks', 'as costs rise', 'before spring elections',
] as const;
const FIRST_NAMES = ['Ana', 'Tomas', 'Priya', 'Owen', 'Grace', 'Mateo', 'Hannah', 'Kwame', 'Lena', 'Rafael', 'Sofia', 'Declan', 'Imani', 'Yusuf', 'Elena', 'Bram'] as const;
const SURNAMES = ['Ruiz', 'Okafor', 'Lindqvist', 'Hale', 'Moreau', 'Nakamura', 'Brennan', 'Osei', 'Varga', 'Whitlock', 'Castell', 'Ferreira', 'Kowalski', 'Ahmed', 'Duval', 'Marsh'] as const;
const ROLES = ['the council leader', 'a local shop owner', 'the committee chair', 'a retired engineer', 'the project manager', 'a parent of two', 'the finance director', 'a resident of forty years'] as const;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
const MONTHS = ['January', 'March', 'April', 'June', 'September', 'October'] as const;

/** Sentences of the article body; each `{slot}` is filled from the story's own draws. */
const SENTENCES = [
  'The decision follows {n1} months of consultation in which {n2} residents sent written comments to the {body}.',
  'Officials said the first phase would cost about {money} million and would be paid for from reserves and a regional grant.',
  'The {body} published a summary of its reasons on {day}, along with the minutes of the last three meetings.',
  'Opposition members said the figures had changed twice since {month} and asked for an independent review before any contract is signed.',
  'A survey carried out by the {body} last year found that {pct} per cent of people in {town} wanted the work done sooner.',
  'Local businesses on the high street said they had not been told how long the disruption would last.',
  'The plan was first put forward in {year}, but it was shelved when the previous administration ran out of money.',
  'Engineers who inspected the site in {month} found problems that they said could not wait another winter.',
  'Neighbouring towns are watching closely, since several of them face similar choices in the coming year.',
  'A spokesperson for the regional government said it would not comment until it had received the final documents.',
  'The meeting on {day} ran for more than {n1} hours and was watched online by about {n3} people.',
  'Campaigners delivered a petition with {n3} signatures to the town hall on the morning of the vote.',
  'The {body} said it would hold two open evenings in {month} so that people can ask questions about the timetable.',
  'Critics pointed out that a similar scheme in a nearby town went over budget by {pct} per cent.',
  'Supporters say the change will save money over ten years, even if the early costs are higher than hoped.',
  'The contractor has not yet been chosen, and the tender is expected to close at the end of {month}.',
  'Residents of the streets closest to the work will receive letters explaining the changes within {n1} weeks.',
  'Figures released alongside the report show that demand has grown by {pct} per cent since {year}.',
  'The local newspaper asked {n1} candidates in the coming election for their views, and most backed a delay.',
  'Some members said they felt rushed, because the papers arrived only {n1} days before the vote.',
] as const;

export interface GeneratedStory {
  title: string;
  /** The article's paragraphs, plain text. */
  paragraphs: string[];
  words: number;
}

/** mulberry32: small, fast and the same everywhere, which is all a fixture generator needs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface Headline {
  title: string;
  town: string;
  body: string;
  topic: string;
}

/** A headline: town, body, action, topic and a tail, about ten words. */
function headline(random: () => number): Headline {
  const [town, body, action, topic, tail] = [pick(random, TOWNS), pick(random, BODIES), pick(random, ACTIONS), pick(random, TOPICS), pick(random, TAILS)];
  return { title: `${town} ${body} ${action} ${topic} ${tail}`, town, body, topic };
}

/** The sentences in a random order, dealt without repeats until all are used, then shuffled again. */
function dealer(random: () => number): () => string {
  let deck: string[] = [];
  return () => {
    if (deck.length === 0) {
      deck = [...SENTENCES];
      for (let index = deck.length - 1; index > 0; index -= 1) {
        const other = Math.floor(random() * (index + 1));
        [deck[index], deck[other]] = [deck[other] ?? '', deck[index] ?? ''];
      }
    }
    return deck.pop() ?? '';
  };
}

/** An article of `targetWords` (±a sentence) about `title`, with two quotes from named people. */
function articleText(random: () => number, { title, town, body, topic }: Headline, targetWords: number): { paragraphs: string[]; words: number } {
  const next = dealer(random);
  const fill = (sentence: string) =>
    sentence
      .replace('{n1}', String(between(random, 2, 14)))
      .replace('{n2}', String(between(random, 120, 4800)))
      .replace('{n3}', String(between(random, 300, 9000)))
      .replace('{money}', (between(random, 12, 480) / 10).toFixed(1))
      .replace('{pct}', String(between(random, 8, 74)))
      .replace('{year}', String(between(random, 2009, 2023)))
      .replace('{month}', pick(random, MONTHS))
      .replace('{day}', pick(random, DAYS))
      .replace('{town}', town)
      .replace('{body}', body);
  const person = () => `${pick(random, FIRST_NAMES)} ${pick(random, SURNAMES)}, ${pick(random, ROLES)}`;
  const quote = (speaker: string) =>
    `"We have waited ${between(random, 2, 12)} years for a clear answer on the ${topic}, and people deserve to know what happens next," said ${speaker}.`;
  const paragraphs = [`${capitalise(title)}, the ${body} in ${town} confirmed on ${pick(random, DAYS)}. ${fill(next())}`];
  let words = paragraphs[0]?.split(/\s+/).length ?? 0;
  let quotes = 0;
  while (words < targetWords) {
    const sentences = Array.from({ length: between(random, 2, 4) }, () => fill(next()));
    if (quotes < 2 && paragraphs.length % 3 === 1) {
      sentences.splice(1, 0, quote(person()));
      quotes += 1;
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    words += paragraph.split(/\s+/).length;
  }
  return { paragraphs, words };
}

/**
 * `count` stories, numbered from 0, each the same on every run. Story `index` is drawn from its own
 * seed; a headline too close to an earlier one (the title rule would merge them) is drawn again.
 */
export function generateStories(count: number, seedBase = 1): GeneratedStory[] {
  const stories: GeneratedStory[] = [];
  const tokenSets: Array<Set<string>> = [];
  for (let index = 0; index < count; index += 1) {
    const random = seededRandom(seedBase * 1_000_003 + index);
    let drawn = headline(random);
    for (let attempt = 0; clashes(new Set(titleTokens(drawn.title)), tokenSets); attempt += 1) {
      if (attempt > 50) throw new Error(`no distinct headline for story ${index} after 50 draws`);
      drawn = headline(random);
    }
    tokenSets.push(new Set(titleTokens(drawn.title)));
    const { paragraphs, words } = articleText(random, drawn, between(random, 400, 700));
    stories.push({ title: capitalise(drawn.title), paragraphs, words });
  }
  return stories;
}

function clashes(tokens: Set<string>, earlier: ReadonlyArray<Set<string>>): boolean {
  return earlier.some((other) => {
    let shared = 0;
    for (const token of tokens) if (other.has(token)) shared += 1;
    return shared / Math.max(tokens.size, other.size) >= MIN_TITLE_SIMILARITY - 0.15;
  });
}

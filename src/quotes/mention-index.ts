import { firstAtOrAfter } from '../text/index.js';

/** What the index reads of a mention's entity; none of it changes once the mentions are read. */
interface IndexedEntity {
  readonly name: string;
  readonly words: readonly string[];
  readonly kind: 'person' | 'organisation';
  readonly roles: ReadonlySet<string>;
}

interface IndexedMention<Entity extends IndexedEntity> {
  readonly start: number;
  readonly entity: Entity;
}

/** The first holder of a role in the text, and where a second, different holder is first named (Infinity if never). */
export interface RoleHolders<Entity> {
  readonly first: Entity;
  readonly firstStart: number;
  otherStart: number;
}

/**
 * The registry's mentions (in text order) indexed for the questions it asks once per quote: who
 * was named last with a word, who holds a role, which people a stretch of text names. Scanning
 * every mention for each quote is quadratic: a 5 MB paste names someone a hundred thousand times.
 */
export interface MentionIndex<Entity extends IndexedEntity> {
  /** Each mention's start, ascending, for binary search. */
  readonly starts: Float64Array;
  /** People named with more than one word, by their name's last word (or by any of its words): their mentions in text order. */
  readonly byLastWord: ReadonlyMap<string, readonly IndexedMention<Entity>[]>;
  readonly byAnyWord: ReadonlyMap<string, readonly IndexedMention<Entity>[]>;
  /** The same people, the first of them in the text for each word. */
  readonly firstByLastWord: ReadonlyMap<string, Entity>;
  readonly firstByAnyWord: ReadonlyMap<string, Entity>;
  /** Built on first use: most texts never say "the president". */
  roleHolders(): ReadonlyMap<string, RoleHolders<Entity>>;
  /** How many different people are mentioned from `from` up to `to` (0, 1, or 2 for two or more), and the one if only one is. */
  peopleBetween(from: number, to: number): { count: 0 | 1 | 2; entity: Entity | undefined };
}

/** `people` in the order the text first names them. */
export function indexMentions<Entity extends IndexedEntity>(mentions: readonly IndexedMention<Entity>[], people: Iterable<Entity>): MentionIndex<Entity> {
  const starts = Float64Array.from(mentions, (mention) => mention.start);
  const byLastWord = new Map<string, IndexedMention<Entity>[]>();
  const byAnyWord = new Map<string, IndexedMention<Entity>[]>();
  const add = (map: Map<string, IndexedMention<Entity>[]>, word: string, mention: IndexedMention<Entity>): void => {
    const list = map.get(word);
    if (list) list.push(mention);
    else map.set(word, [mention]);
  };
  for (const mention of mentions) {
    const { kind, words } = mention.entity;
    if (kind !== 'person' || words.length <= 1) continue;
    add(byLastWord, words.at(-1)!, mention);
    for (const word of new Set(words)) add(byAnyWord, word, mention);
  }

  const firstByLastWord = new Map<string, Entity>();
  const firstByAnyWord = new Map<string, Entity>();
  for (const entity of people) {
    if (entity.kind !== 'person' || entity.words.length <= 1) continue;
    if (!firstByLastWord.has(entity.words.at(-1)!)) firstByLastWord.set(entity.words.at(-1)!, entity);
    for (const word of entity.words) if (!firstByAnyWord.has(word)) firstByAnyWord.set(word, entity);
  }

  // People's mentions only, each with the next one that names someone else: a stretch names one person when its first mention's next other lies past it.
  const personMentions = mentions.filter((mention) => mention.entity.kind === 'person');
  const personStarts = Float64Array.from(personMentions, (mention) => mention.start);
  const nextOther = new Int32Array(personMentions.length);
  for (let k = personMentions.length - 1; k >= 0; k--) {
    const next = k + 1;
    nextOther[k] = next >= personMentions.length || personMentions[next]!.entity !== personMentions[k]!.entity ? next : nextOther[next]!;
  }

  let roles: Map<string, RoleHolders<Entity>> | undefined;
  return {
    starts,
    byLastWord,
    byAnyWord,
    firstByLastWord,
    firstByAnyWord,
    roleHolders() {
      if (!roles) {
        roles = new Map();
        for (const { start, entity } of mentions) {
          for (const role of entity.roles) {
            const holders = roles.get(role);
            if (!holders) roles.set(role, { first: entity, firstStart: start, otherStart: Infinity });
            else if (holders.otherStart === Infinity && holders.first !== entity) holders.otherStart = start;
          }
        }
      }
      return roles;
    },
    peopleBetween(from, to) {
      const first = firstAtOrAfter(personStarts, from);
      const end = firstAtOrAfter(personStarts, to);
      if (first >= end) return { count: 0, entity: undefined };
      return nextOther[first]! >= end ? { count: 1, entity: personMentions[first]!.entity } : { count: 2, entity: undefined };
    },
  };
}

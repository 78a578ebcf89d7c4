import { describe, expect, it } from 'vitest';
import { indexMentions } from '../../src/quotes/mention-index.js';

interface Entity {
  name: string;
  words: string[];
  kind: 'person' | 'organisation';
  roles: Set<string>;
}

const person = (name: string, roles: string[] = []): Entity => ({ name, words: name.split(' '), kind: 'person', roles: new Set(roles) });
const organisation = (name: string): Entity => ({ name, words: name.split(' '), kind: 'organisation', roles: new Set() });

const okafor = person('Jane Okafor', ['mayor']);
const reed = person('Tom Reed', ['mayor']);
const parkOkafor = person('Park Okafor');
const council = organisation('City Council');
const madonna = person('Madonna');
const order = [okafor, council, okafor, okafor, reed, madonna, parkOkafor, council, reed, okafor];
const mentions = order.map((entity, index) => ({ start: index * 10, entity }));
const people = [...new Set(order.filter((entity) => entity.kind === 'person'))];
const index = indexMentions(mentions, people);

/** What the registry computed before the index, by reading every mention. */
const scan = {
  latest(word: string, position: 'last' | 'any', at: number): Entity | undefined {
    const matches = ({ kind, words }: Entity): boolean => kind === 'person' && words.length > 1 && (position === 'last' ? words.at(-1) === word : words.includes(word));
    return mentions.filter((mention) => mention.start < at && matches(mention.entity)).at(-1)?.entity ?? people.find(matches);
  },
  role(role: string, at: number): string | null {
    const holders = new Set(mentions.filter((mention) => mention.start < at && mention.entity.roles.has(role)).map((mention) => mention.entity));
    return holders.size === 1 ? [...holders][0]!.name : null;
  },
  people(from: number, to: number): Set<Entity> {
    return new Set(mentions.filter((mention) => mention.start >= from && mention.start < to && mention.entity.kind === 'person').map((mention) => mention.entity));
  },
};

describe('the mention index', () => {
  it('gives the latest person named in full with a word before a point, as a scan of every mention does', () => {
    for (let at = -5; at <= 105; at += 5) {
      for (const word of ['Okafor', 'Jane', 'Reed', 'Park', 'Madonna', 'Council']) {
        for (const position of ['last', 'any'] as const) {
          const named = (position === 'last' ? index.byLastWord : index.byAnyWord).get(word);
          const before = named?.filter((mention) => mention.start < at).at(-1)?.entity;
          expect(before ?? (position === 'last' ? index.firstByLastWord : index.firstByAnyWord).get(word)).toBe(scan.latest(word, position, at));
        }
      }
    }
  });

  it('names a role’s holder only while one person alone has held it', () => {
    const holders = index.roleHolders().get('mayor')!;
    for (let at = -5; at <= 105; at += 5) {
      const indexed = holders.firstStart < at && !(holders.otherStart < at) ? holders.first.name : null;
      expect(indexed).toBe(scan.role('mayor', at));
    }
    // Jane Okafor is the mayor until Tom Reed, the other mayor, is named at 40.
    expect(holders).toEqual({ first: okafor, firstStart: 0, otherStart: 40 });
    expect(index.roleHolders().get('president')).toBeUndefined();
  });

  it('counts the people a stretch of text names: none, one (which) or several', () => {
    for (let from = -5; from <= 105; from += 5) {
      for (let to = from; to <= 105; to += 5) {
        const scanned = scan.people(from, to);
        const { count, entity } = index.peopleBetween(from, to);
        expect(count).toBe(Math.min(scanned.size, 2));
        expect(entity).toBe(scanned.size === 1 ? [...scanned][0] : undefined);
      }
    }
    // The council between two mentions of Jane Okafor does not make two people of her.
    expect(index.peopleBetween(0, 35)).toEqual({ count: 1, entity: okafor });
  });
});

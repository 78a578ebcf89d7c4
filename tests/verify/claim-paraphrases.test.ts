import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flagUnsupportedClaims } from '../../src/verify/index.js';
import { sharedPath, skipWithoutShared } from '../../test-support/shared-data.js';
import { CLAIM_PARAPHRASES } from './fixtures/claim-paraphrases.js';

/**
 * Issue 11 on real articles: our own faithful paraphrases of CNN/DM articles, in the tricky forms,
 * raise no flag (bench/claims.ts reports the same set as its proxy (b)); the same sentences with one
 * fact changed still do. The articles are read from ../shared, never copied here.
 */
const PAIRS = 'eval/cnndm/pairs.jsonl';

/** One fact changed in a paraphrase, and the flag that change must raise. */
const CHANGED_FACTS: readonly { id: string; bullet: string; flag: string }[] = [
  { id: 'dm-test-0fa083cb7da10f1f697e7dab6210397f00c0a4cf', bullet: 'Mr Yeaman was making noise in his yard at around 9 a.m. on Thursday.', flag: '9 a.m.' },
  { id: 'dm-test-0fa083cb7da10f1f697e7dab6210397f00c0a4cf', bullet: 'Pama returns to court on May 19.', flag: '19' },
  { id: 'dm-test-137ac0122ef98206953bb24be655f15307345bb7', bullet: 'Kristina Karo is suing Mila Kunis for five million dollars.', flag: 'five million' },
  { id: 'dm-test-1b884cf6cb5180ea2143142d0a0b30f352865bd9', bullet: 'She lives 4,500 miles from her family in the UK.', flag: '4,500' },
  { id: 'dm-test-27c9de1f76f179099061110405ff84ca8c88dc6a', bullet: 'James Boase said he went to bed at about 12:30 p.m.', flag: '12:30 p.m.' },
  { id: 'dm-test-373f32bd4d4f536e54f29b2a35bc2035df40b310', bullet: 'The refunds will cost the club about twenty thousand pounds.', flag: 'twenty thousand' },
  { id: 'dm-test-4323850bb3efad1687e0af136ba0e217bf536f01', bullet: 'He was stopped on Hyde Road at about 9:45 p.m.', flag: '9:45 p.m.' },
  { id: 'dm-test-8ececf760ca96748a4f75d7fa7c1e13092738fbf', bullet: 'The number of foreign fighters rose seventy-five percent.', flag: 'seventy-five percent' },
  { id: 'dm-test-8ececf760ca96748a4f75d7fa7c1e13092738fbf', bullet: 'Iraq and Syria have become what Afghanistan was in the ’80s.', flag: '80s' },
  { id: 'cnn-test-abd69dcc1c91c304762d59d93b87bdd6af794b6c', bullet: 'Delta came 9th with 5.6 million award seats.', flag: '9th' },
  { id: 'dm-test-d4f93ae8f0c0cc9ae690e3a2bc0d562c19625731', bullet: 'The US FDA approved Avastin with chemotherapy in August 2015.', flag: '2015' },
  { id: 'dm-test-d4f93ae8f0c0cc9ae690e3a2bc0d562c19625731', bullet: 'Nearly three thousand women are diagnosed each year in France.', flag: 'France' },
  { id: 'dm-test-8a065645e5745a8842f62c9c6d718e8624ad7825', bullet: 'Jorge Alberto Lopez Amores jumped from a cruise ship off Argentina.', flag: 'Argentina' },
  { id: 'dm-test-a9c37d00863b1cd45b50338666bbd7b9bc750522', bullet: 'Fans left seats empty at the 3:45 p.m. kick-off.', flag: '3:45 p.m.' },
  { id: 'dm-test-e9ed941169153051c2c912f34421d340974a58e8', bullet: 'The ship was due to dock at 8.15.', flag: '8.15' },
  { id: 'dm-test-c76689456391bf2c912c64e544af6812a5dd8fb4', bullet: 'Lindsey Sims was treated at the Mayo Clinic.', flag: 'Mayo Clinic' },
];

describe.skipIf(skipWithoutShared(PAIRS))('flagUnsupportedClaims on CNN/DM articles', () => {
  const articles = new Map(
    readFileSync(sharedPath(PAIRS), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { id: string; article: string })
      .map(({ id, article }): [string, string] => [id, article]),
  );
  const article = (id: string): string => {
    const text = articles.get(id);
    if (text === undefined) throw new Error(`no article ${id} in ${PAIRS}`);
    return text;
  };

  it.each(CLAIM_PARAPHRASES.map((paraphrase) => [paraphrase.id, paraphrase.bullets] as const))('raises no flag on a faithful paraphrase of %s', (id, bullets) => {
    expect(flagUnsupportedClaims(bullets, article(id))).toEqual([]);
  });

  it.each(CHANGED_FACTS.map(({ id, bullet, flag }) => [flag, id, bullet] as const))('flags "%s" changed in a paraphrase of %s', (flag, id, bullet) => {
    expect(flagUnsupportedClaims([bullet], article(id))).toContain(flag);
  });
});

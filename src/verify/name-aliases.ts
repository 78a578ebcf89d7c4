/**
 * Names that stand for one another though no spelling rule links them. Kept short on purpose:
 * only the countries and unions whose short and long names news writing swaps freely.
 */
const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['us', 'usa', 'united states', 'united states of america', 'america', 'american', 'americans'],
  ['uk', 'united kingdom', 'britain', 'great britain', 'british', 'briton', 'britons'],
  ['un', 'united nations'],
  ['eu', 'european union'],
];

const GROUP_OF = new Map<string, readonly string[]>(ALIAS_GROUPS.flatMap((group) => group.map((alias): [string, readonly string[]] => [alias, group])));

/** The other names for a name key (see `nameKey`), or none. */
export function aliasesOf(key: string): readonly string[] {
  return GROUP_OF.get(key) ?? [];
}

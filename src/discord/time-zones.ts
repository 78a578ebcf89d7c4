/** Discord shows at most 25 autocomplete choices. */
const MAX_CHOICES = 25;

/** Every IANA zone this Node knows, plus UTC (which `supportedValuesOf` leaves out on some versions). */
const ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

/**
 * `/digest schedule timezone:` autocomplete. Matches anywhere in the name, ignoring case and
 * treating spaces as underscores ("new york" finds America/New_York); a match at the start of the
 * city (after the slash) or of the whole name ranks first.
 */
export function matchTimeZones(typed: string): Array<{ name: string; value: string }> {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const rank = (zone: string): number => {
    const lower = zone.toLowerCase();
    if (!query) return 0;
    if (lower.startsWith(query) || lower.slice(lower.lastIndexOf('/') + 1).startsWith(query)) return 0;
    return lower.includes(query) ? 1 : 2;
  };
  return ZONES.map((zone) => ({ zone, rank: rank(zone) }))
    .filter(({ rank: value }) => value < 2)
    .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
    .slice(0, MAX_CHOICES)
    .map(({ zone }) => ({ name: zone, value: zone }));
}

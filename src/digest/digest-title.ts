/** "Daily digest — Wed 25 Nov", in the zone the digest is read in. */
export function digestTitle(instant: Date, timezone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short' }).format(instant);
  return `Daily digest — ${day.replace(',', '')}`;
}

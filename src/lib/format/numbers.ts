/** Number formatting for tables and text, in one place so every page rounds the same way. */

/** A proportion (0-1) as a percentage with `digits` decimals, e.g. 0.5252 -> "52.5". */
export function percent(p: number, digits = 1): string {
  if (!Number.isFinite(p)) return '–';
  return (p * 100).toFixed(digits);
}

/** events/n with the percentage, e.g. "4/9 (44.4%)". */
export function eventsOverN(events: number, n: number, digits = 1): string {
  return `${events}/${n} (${percent(events / n, digits)}%)`;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A YYYY-MM-DD date for readers, e.g. "12 January 2025". */
export function longDate(iso: string): string {
  return DATE_FORMAT.format(new Date(`${iso}T00:00:00Z`));
}

/**
 * Number and date formatting for tables and text. The rule for numbers lives in
 * number-format.ts (its header gives the table); this module re-exports it.
 */
import { firstDayOf } from './partial-date.ts';
import { count, outcomeFormat, percent } from './number-format.ts';

export * from './number-format.ts';

/** events/n with the percentage, e.g. "4/9 (44.4%)". */
export function eventsOverN(events: number, n: number, digits = 1): string {
  return `${count(events)}/${count(n)} (${percent(events / n, digits)}%)`;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A YYYY-MM-DD date for readers, e.g. "12 January 2025". */
export function longDate(iso: string): string {
  return DATE_FORMAT.format(new Date(`${iso}T00:00:00Z`));
}

const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A report's date for readers, as precise as it is given: "2024", "June 2024" or "1 June 2024"
 * (report dates may be a year, a year and month, or a full YYYY-MM-DD date).
 */
export function reportDate(iso: string): string {
  if (/^\d{4}$/.test(iso)) return iso;
  if (/^\d{4}-\d{2}$/.test(iso)) return MONTH_FORMAT.format(new Date(`${firstDayOf(iso)}T00:00:00Z`));
  return longDate(iso);
}

/** A report's date to the month at most, for running text: "2024" or "June 2024". */
export function reportMonth(iso: string): string {
  return /^\d{4}$/.test(iso) ? iso : MONTH_FORMAT.format(new Date(`${firstDayOf(iso.slice(0, 7))}T00:00:00Z`));
}

/**
 * "52.5 (41.0 to 63.9)": an estimate and its interval, in percent, at the digits of `reference`
 * (the outcome's pooled estimate; the estimate itself when left out).
 */
export function percentWithInterval(r: { estimate: number; ci_lower: number; ci_upper: number }, reference: number = r.estimate): string {
  return outcomeFormat(reference).estimate(r.estimate, r.ci_lower, r.ci_upper);
}

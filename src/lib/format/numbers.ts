/** Number formatting for tables and text, in one place so every page rounds the same way. */
import { firstDayOf } from './partial-date.ts';

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
 * A pooled proportion as a percentage: one decimal, two when the estimate is below 1% so small
 * rates do not read as 0. Give the estimate as `reference` when formatting its interval bounds,
 * so an estimate and its interval share one precision.
 */
export function pooledPercent(p: number, reference: number = p): string {
  return percent(p, Math.abs(reference) < 0.01 ? 2 : 1);
}

/** "52.5 (41.0 to 63.9)": an estimate and its interval, in percent, at one precision. */
export function percentWithInterval(r: { estimate: number; ci_lower: number; ci_upper: number }): string {
  return `${pooledPercent(r.estimate)} (${pooledPercent(r.ci_lower, r.estimate)} to ${pooledPercent(r.ci_upper, r.estimate)})`;
}

/** A p-value as journals print it: "< 0.001" or three decimals. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "p < 0.001" or "p = 0.058". */
export function pText(p: number): string {
  const v = pValue(p);
  return v.startsWith('<') ? `p ${v}` : `p = ${v}`;
}

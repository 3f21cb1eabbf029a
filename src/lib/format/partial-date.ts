/**
 * Report dates may be a year (2024), a month (2024-06) or a day (2024-06-01). This module has no
 * imports, so the schemas, the pages and the plots' browser code can all share it.
 */

/** The first day of a partial date's period as YYYY-MM-DD ("2024" → "2024-01-01", "2024-06" → "2024-06-01"). */
export function firstDayOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

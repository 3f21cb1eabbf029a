/**
 * The menus of a filtered table (the landscape and the list of trials): one per filter, each
 * option with the number of rows it matches. A row carries each filter's values in a
 * `data-f-<filter>` attribute, delimited on both sides ("|a|b|") so that a value matches only
 * whole; _table-filters.astro draws the menus and the script that applies them.
 *
 * The leading underscore keeps this file out of the site's routes.
 */
import type { Characteristic, CharacteristicValue } from '../../schemas/index.ts';
import { isGiven, valueText } from '../../lib/review/characteristics.ts';

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

export interface Filter {
  /** Part of the rows' attribute name (`data-f-<id>`) and of the menu's id. */
  id: string;
  label: string;
  /** The first option, which shows every row, e.g. "All statuses". */
  all: string;
  options: FilterOption[];
}

/** A value as the rows' attributes and the menus write it: "|" is the attributes' delimiter. */
export function filterToken(value: string): string {
  return value.replace(/\|/g, '/');
}

/** How many rows take each value, most frequent first (ties in the order given, then by name). */
export function tally(values: readonly string[][], order: readonly string[] = []): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of values) for (const v of new Set(row)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || rank(a.value) - rank(b.value) || a.value.localeCompare(b.value, 'en'));
}

/**
 * A characteristic's filter values of one value: a category's level id, a list's items, a
 * boolean's "yes" or "no".
 */
export function filterValues(c: Characteristic, value: CharacteristicValue | undefined): string[] {
  if (!isGiven(value)) return [];
  if (Array.isArray(value)) return value;
  if (c.type === 'boolean') return typeof value === 'boolean' ? [value ? 'yes' : 'no'] : [];
  return [String(value)];
}

/** The filter of a characteristic (category, list or boolean), given each row's values. */
export function characteristicFilter(c: Characteristic, rows: readonly string[][]): Filter {
  const order = c.type === 'category' ? (c.levels ?? []).map((l) => l.id) : c.type === 'boolean' ? ['yes', 'no'] : [];
  const label = (v: string) =>
    c.type === 'category' ? (valueText(c, v) ?? v) : c.type === 'boolean' ? (valueText(c, v === 'yes') ?? v) : v;
  return {
    id: characteristicFilterId(c),
    label: c.label,
    all: 'All',
    options: tally(rows, order).map((t) => ({ value: filterToken(t.value), label: label(t.value), count: t.count })),
  };
}

/** The filter id of a characteristic: apart from the page's own filters (status, country). */
export function characteristicFilterId(c: Pick<Characteristic, 'id'>): string {
  return `c-${c.id}`;
}

/** The attribute a row carries for one filter. */
export function filterAttribute(id: string, values: readonly string[]): Record<string, string> {
  return { [`data-f-${id}`]: `|${[...new Set(values.map(filterToken))].join('|')}|` };
}

/**
 * Placeholders left by `npm run new-trial`: every value the curator must write starts as
 * `TODO`, and a file that still holds one is never valid, even where TODO would pass as text.
 */
import type { PathSegment } from './problems.ts';

/** The placeholder new-trial writes for every value the curator must supply. */
export const PLACEHOLDER = 'TODO';

const PLACEHOLDER_VALUE = /^TODO\b/;

/** Paths of every text value that is (or starts with) the placeholder. */
export function findPlaceholders(value: unknown, path: PathSegment[] = []): PathSegment[][] {
  if (typeof value === 'string') return PLACEHOLDER_VALUE.test(value.trim()) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => findPlaceholders(item, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findPlaceholders(item, [...path, key]));
  }
  return [];
}

/** True when `path` is one of `prefixes` or lies inside one of them. */
export function isUnder(path: readonly PathSegment[], prefixes: readonly (readonly PathSegment[])[]): boolean {
  return prefixes.some((prefix) => prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i])));
}

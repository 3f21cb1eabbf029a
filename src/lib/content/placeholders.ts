/**
 * Placeholders left by `npm run new-trial`: every value the curator must write starts as
 * `TODO`, and a file that still holds one is never valid, even where TODO would pass as text.
 */
import type { PathSegment } from './problems.ts';

/** The placeholder new-trial writes for every value the curator must supply. */
export const PLACEHOLDER = 'TODO';

const PLACEHOLDER_VALUE = /^\s*TODO\b/;

/** Paths of every text value that is (or starts with) the placeholder. */
export function findPlaceholders(value: unknown, path: PathSegment[] = []): PathSegment[][] {
  const found: PathSegment[][] = [];
  // One path, extended and shortened on the way down: a copy is made only for a placeholder.
  const at = [...path];
  const visit = (item: unknown): void => {
    if (typeof item === 'string') {
      if (PLACEHOLDER_VALUE.test(item)) found.push([...at]);
    } else if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        at.push(i);
        visit(item[i]);
        at.pop();
      }
    } else if (item && typeof item === 'object') {
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        at.push(key);
        visit((item as Record<string, unknown>)[key]);
        at.pop();
      }
    }
  };
  visit(value);
  return found;
}

/** True when `path` is one of `prefixes` or lies inside one of them. */
export function isUnder(path: readonly PathSegment[], prefixes: readonly (readonly PathSegment[])[]): boolean {
  return prefixes.some((prefix) => prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i])));
}

/**
 * Finds keys that appear twice in one YAML block. The yaml package can reject them too, but
 * only by position; walking the tree ourselves also gives the field path and the line of the
 * first occurrence, which the message names.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { PathSegment } from './problems.ts';

export interface DuplicateKey {
  key: string;
  /** Path of the block holding the key, plus the key. */
  path: PathSegment[];
  /** Offsets in the YAML text of the repeated key and of its first occurrence. */
  pos: number;
  firstPos: number;
}

export function findDuplicateKeys(root: unknown): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = keyText(pair.key);
        const pos = rangeStart(pair.key);
        const firstPos = seen.get(key);
        if (firstPos !== undefined) found.push({ key, path: [...path, key], pos, firstPos });
        else seen.set(key, pos);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(root, []);
  return found;
}

/** The text of a key as it becomes a property name. */
export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function rangeStart(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}

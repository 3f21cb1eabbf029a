/**
 * The source map: finds the line of a field path (`reports.1.data.evaluable.response.events`) in a
 * parsed YAML document. A path that does not exist in the file (a missing field) falls back to
 * the nearest ancestor that does, so a "missing field" points at the block it belongs in.
 */
import { isMap, isPair, isSeq, type Document } from 'yaml';
import { keyText } from './find-duplicate-keys.ts';
import type { FieldPath } from './problems.ts';

/** Line (1-based, in the file) of a field path; undefined only for an empty document. */
export type Locate = (path: FieldPath) => number | undefined;

export function locator(doc: Document.Parsed, lineAt: (pos: number) => number): Locate {
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineAt(range[0]) : undefined;
  };
  return (path) => {
    let node: unknown = doc.contents;
    let line = lineOf(node);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
        if (!pair) break;
        // A field's line is the line of its name, also when its value is a block below it.
        line = lineOf(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && Number.isInteger(Number(segment))) {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        line = lineOf(item) ?? line;
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
}

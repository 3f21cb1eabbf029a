/**
 * JSON.stringify(value, null, 2), written out in pieces: the same text, byte for byte, without
 * ever holding it whole, so that the result of a million studies can be printed with --json.
 */
import { jsonSafe } from './printable.ts';

const STEP = '  ';

/** Whether JSON.stringify leaves a property with this value out (an array holds null instead). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

const isLeaf = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * An item small enough to be written in one piece by JSON.stringify itself (much faster than
 * piece by piece): a flat record, such as a study's row, or a short list of plain values.
 * JSON.stringify indents it as part of the whole would, once its lines are indented further.
 */
function isSmall(value: object): boolean {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const values = Array.isArray(value) ? value : Object.values(value);
  if (values.length > 1000) return false;
  return values.every((item) => isLeaf(item) || (Array.isArray(item) && item.length <= 1000 && item.every(isLeaf)));
}

/**
 * The text of JSON.stringify(value, null, 2) in pieces of about `size` characters, with the
 * characters a terminal may act on escaped (printable.ts jsonSafe; the same JSON).
 *
 * @example
 * [...prettyJsonChunks({ a: [1, 2] })].join('') === JSON.stringify({ a: [1, 2] }, null, 2) // true
 */
export function* prettyJsonChunks(value: unknown, size = 1 << 16): Generator<string> {
  let buffer = '';
  function* write(node: unknown, indent: string, key: string): Generator<string> {
    let current = node;
    if (current !== null && typeof current === 'object' && typeof (current as { toJSON?: unknown }).toJSON === 'function') {
      current = (current as { toJSON: (key: string) => unknown }).toJSON(key);
    }
    if (current === null || typeof current !== 'object') {
      buffer += JSON.stringify(current) ?? 'null';
      return;
    }
    const inner = indent + STEP;
    if (Array.isArray(current)) {
      if (current.length === 0) {
        buffer += '[]';
        return;
      }
      buffer += '[\n';
      for (let i = 0; i < current.length; i++) {
        buffer += inner;
        const item: unknown = current[i];
        if (omitted(item)) buffer += 'null';
        else if (item === null || typeof item !== 'object') buffer += JSON.stringify(item);
        else if (isSmall(item)) buffer += JSON.stringify(item, null, STEP)!.replace(/\n/g, `\n${inner}`);
        else yield* write(item, inner, String(i));
        buffer += i < current.length - 1 ? ',\n' : '\n';
        if (buffer.length >= size) {
          yield jsonSafe(buffer);
          buffer = '';
        }
      }
      buffer += `${indent}]`;
      return;
    }
    const record = current as Record<string, unknown>;
    const keys = Object.keys(record).filter((name) => !omitted(record[name]));
    if (keys.length === 0) {
      buffer += '{}';
      return;
    }
    buffer += '{\n';
    for (let i = 0; i < keys.length; i++) {
      const name = keys[i]!;
      buffer += `${inner}${JSON.stringify(name)}: `;
      const item = record[name];
      if (item === null || typeof item !== 'object') buffer += JSON.stringify(item);
      else yield* write(item, inner, name);
      buffer += i < keys.length - 1 ? ',\n' : '\n';
    }
    buffer += `${indent}}`;
  }
  yield* write(value, '', '');
  if (buffer) yield jsonSafe(buffer);
}

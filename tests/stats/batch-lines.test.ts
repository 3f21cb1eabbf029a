/**
 * `meta --batch` splits its input into lines with LineSplitter (scripts/lib/line-splitter.ts),
 * which must give the lines node:readline gives (`crlfDelay: Infinity`) for any input cut into
 * any pieces: the line numbers of the answers depend on it.
 */
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { LineSplitter } from '../../scripts/lib/line-splitter.ts';

/** The lines readline reads from the pieces, each written as its own chunk. */
async function readlineLines(pieces: readonly string[]): Promise<string[]> {
  const input = new PassThrough();
  const lines: string[] = [];
  const reader = createInterface({ input, crlfDelay: Infinity });
  const done = (async () => {
    for await (const line of reader) lines.push(line);
  })();
  for (const piece of pieces) {
    input.write(Buffer.from(piece));
    await new Promise((resolve) => setImmediate(resolve));
  }
  input.end();
  await done;
  return lines;
}

function splitterLines(pieces: readonly string[]): string[] {
  const splitter = new LineSplitter();
  return [...pieces.flatMap((piece) => splitter.push(piece)), ...splitter.end()];
}

describe('LineSplitter splits as readline does', () => {
  test.each([
    [['a\nb\n']],
    [['a\r\nb\r\n']],
    [['a\r', '\nb']],
    [['a\r', '\r\nb\n', '\n']],
    [['a\u2028b\u2029c\rd']],
    [['{"id": 1}\n\n{"id": 2}']],
    [['x', 'y', 'z\n']],
  ])('%j', async (pieces) => {
    expect(splitterLines(pieces)).toEqual(await readlineLines(pieces));
  });

  test('random pieces of line endings, text and blanks', async () => {
    const alphabet = ['a', 'é', ' ', '\n', '\n', '\r', '\r\n', '\u2028', '\u2029'];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 300; trial++) {
      const pieces: string[] = [];
      for (let p = 0, count = 1 + Math.floor(next() * 5); p < count; p++) {
        let piece = '';
        for (let c = 0, length = 1 + Math.floor(next() * 6); c < length; c++) piece += alphabet[Math.floor(next() * alphabet.length)];
        pieces.push(piece);
      }
      expect(splitterLines(pieces), JSON.stringify(pieces)).toEqual(await readlineLines(pieces));
    }
  });
});

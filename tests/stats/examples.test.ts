// Every `@example` of an exported function is run, and each line written as
// `expression // value` must give that value ("…" marks a truncated number).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import * as stats from '../../src/lib/stats/index.ts';
import { TOLERANCE } from './helpers.ts';

const root = fileURLToPath(new URL('../../src/lib/stats/', import.meta.url));
const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
const scope = stats as unknown as Record<string, unknown>;

interface Example {
  file: string;
  name: string;
  setup: string;
  expression: string;
  value: string;
}

function examples(file: string): Example[] {
  const text = readFileSync(`${root}/${file}`, 'utf8');
  const name = /export function (\w+)/.exec(text)?.[1];
  if (name === undefined || !(name in scope)) return [];
  const found: Example[] = [];
  for (const block of text.matchAll(/@example\n((?: \*(?! @| ?\/).*\n)+)/g)) {
    const lines = block[1]!.split('\n').map((line) => line.replace(/^ \* ?/, ''));
    let code = '';
    for (const line of lines) {
      const comment = line.indexOf(' // ');
      if (comment < 0) {
        code += `${line}\n`;
        continue;
      }
      code += line.slice(0, comment);
      const split = code.lastIndexOf(';') + 1;
      found.push({ file, name, setup: code.slice(0, split), expression: code.slice(split), value: line.slice(comment + 4).replace(/\s*\(.*\)$/, '') });
      code = code.slice(0, split);
    }
  }
  return found;
}

/** Checks one printed number: a prefix when it ends in "…", else equal within TOLERANCE.example. */
function matches(actual: unknown, printed: string): boolean {
  if (typeof actual !== 'number') return false;
  if (printed.endsWith('…')) return String(actual).startsWith(printed.slice(0, -1));
  return Math.abs(actual - Number(printed)) <= TOLERANCE.example * (1 + Math.abs(Number(printed)));
}

const all = files.flatMap(examples).filter(({ value }) => /^[-\d[]/.test(value));

describe('documented examples give the values they show', () => {
  test('there are examples to check', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  test.each(all.map((e) => [`${e.name}: ${e.expression.trim().replace(/\s+/g, ' ')}`, e] as const))('%s', (_, e) => {
    const run = new Function(...Object.keys(scope), `${e.setup}\nreturn (${e.expression});`) as (...args: unknown[]) => unknown;
    const actual = run(...Object.values(scope));
    if (e.value.startsWith('[')) {
      const printed = e.value.slice(1, -1).split(/,\s*/);
      expect(Array.isArray(actual) && actual.length === printed.length, `${JSON.stringify(actual)} vs ${e.value}`).toBe(true);
      printed.forEach((p, i) => expect(matches((actual as unknown[])[i], p), `${(actual as unknown[])[i]} vs ${p}`).toBe(true));
    } else {
      expect(matches(actual, e.value), `${String(actual)} vs ${e.value}`).toBe(true);
    }
  });
});

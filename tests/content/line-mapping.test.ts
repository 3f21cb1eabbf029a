import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseContentFile } from '../../src/lib/content/content-files.ts';
import { parseYaml } from '../../src/lib/content/parse-yaml.ts';
import { GOOD_CONTENT } from '../helpers/content-fixture.ts';

const text = readFileSync(path.join(GOOD_CONTENT, 'trials/alpha-cel.md'), 'utf8');
/** 1-based line of the first line of the file containing `needle`, searching from `after`. */
const lineOf = (needle: string, after = 0) => text.split('\n').findIndex((l, i) => i >= after && l.includes(needle)) + 1;

function parsed(source: string) {
  const { source: file, problems } = parseContentFile('trial', 'content/trials/alpha-cel.md', 'alpha-cel', new TextEncoder().encode(source));
  expect(problems).toEqual([]);
  return file;
}

describe('line numbers of field paths in a trial file', () => {
  const file = parsed(text);

  test('are lines of the .md file, counting the opening --- of the front matter', () => {
    expect(file.locate(['product'])).toBe(2);
    expect(file.locate(['registrations', 0])).toBe(lineOf('registrations:'));
    expect(file.locate(['cohorts', 1, 'population'])).toBe(lineOf('population: safety'));
  });

  test('point at the field inside a report, and inside a one-line block', () => {
    const secondReport = lineOf('id: jco-2025');
    expect(file.locate(['reports', 1])).toBe(secondReport);
    expect(file.locate(['reports', 1, 'data', 'lbcl-evaluable', 'borr', 'events'])).toBe(lineOf('borr: {events: 10'));
    expect(file.locate(['reports', 0, 'data', 'infused', 'crs_g3', 'n'])).toBe(lineOf('crs_g3: {events: 0'));
  });

  test('fall back to the nearest ancestor that exists', () => {
    expect(file.locate(['reports', 1, 'data', 'lbcl-evaluable', 'gvhd'])).toBe(lineOf('lbcl-evaluable:', lineOf('id: jco-2025')));
    expect(file.locate(['reports', 7, 'id'])).toBe(lineOf('reports:'));
    expect(file.locate(['no_such_field'])).toBe(2);
  });

  test('are the same with Windows line endings', () => {
    const crlf = parsed(text.replace(/\n/g, '\r\n'));
    for (const p of [['product'], ['reports', 1, 'data', 'infused', 'crs_g3', 'events'], ['cohorts', 1, 'label']]) {
      expect(crlf.locate(p)).toBe(file.locate(p));
    }
  });
});

describe('parseYaml', () => {
  test('adds the line offset to every line it reports', () => {
    const result = parseYaml('a: 1\nb:\n  c: 2\n  c: 3\n', { lineOffset: 10 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => [p.line, p.path.join('.'), p.text.message])).toEqual([[14, 'b.c', 'the field "c" appears twice in the same block (first on line 13)']]);
  });

  test('reads a YAML 1.2 file: dates stay text, yes stays text', () => {
    const result = parseYaml('date: 2025-01-12\nflag: yes\nphase: 1/2\n');
    expect(result.ok && result.value).toEqual({ date: '2025-01-12', flag: 'yes', phase: '1/2' });
  });

  test('allows a few aliases but not an expansion beyond the limit', () => {
    expect(parseYaml('a: &x hello\nb: *x\n').ok).toBe(true);
  });
});

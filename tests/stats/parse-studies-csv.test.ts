// The CSV reader of `npm run meta` (csv-parse underneath): RFC 4180 quoting, byte order mark,
// CR, LF and CR LF line ends, blank lines, the line each error names (the line a row starts on,
// counting line breaks inside quoted fields), pieces of any size, and a large file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { messages } from '../../src/lib/stats/messages.ts';
import { parseStudiesCsv, StudiesCsvReader, type CsvStudiesWithLines } from '../../src/lib/stats/io/parse-studies-csv.ts';
import { StatsInputError } from '../../src/lib/stats/errors.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';

/** What the reader gives for text in the given pieces, or the message of its error. */
function read(pieces: readonly (string | Uint8Array)[]): CsvStudiesWithLines | string {
  const reader = new StudiesCsvReader();
  try {
    for (const piece of pieces) reader.push(piece);
    return reader.end();
  } catch (error) {
    if (!(error instanceof StatsInputError)) throw error;
    return error.message;
  }
}

/** The text cut at the given places. */
function cut(text: string, places: readonly number[]): string[] {
  const ends = [...new Set(places.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const end of ends) {
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

describe('StudiesCsvReader: quoting', () => {
  test('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const csv = 'study,events,n,arm\n"A, ""B""",1,2,"x\ny"\n"C\r\nD",3,4,z\n';
    expect(read([csv])).toEqual({
      labels: ['A, "B"', 'C\r\nD'],
      events: [1, 3],
      n: [2, 4],
      columns: { arm: ['x\ny', 'z'] },
      lines: [2, 4],
    });
  });

  test('keeps a quote inside an unquoted field as an ordinary character', () => {
    expect(read(['study,events,n\nA"b,3,10\nC""d,1,2\n " e",4,5\n'])).toMatchObject({ labels: ['A"b', 'C""d', '" e"'], lines: [2, 3, 4] });
  });

  test('ignores spaces and tabs after a closing quote, as before', () => {
    expect(read(['study,events,n\n"ab" \t,"3" ,10\n'])).toMatchObject({ labels: ['ab'], events: [3] });
  });

  test.each([
    ['study,events,n\n"ab"c,3,10\n', 2],
    ['study,events,n\nA,3,10\n"a\nb" c,3,10\n', 3],
    ['study,events,n\nA,"3"4,10\n', 2],
    ['study,events,n\n""x,3,10\n', 2],
  ])('refuses other text after a closing quote, naming the line the row starts on: %j', (csv, line) => {
    expect(read([csv])).toBe(messages.csvTextAfterQuote(line));
  });

  test.each([
    ['study,events,n\nA,3,10\n"B,4,10\nC,5,10\n', 3],
    ['study,events,n\nA,3,10\n\n\n"B\nx,4,10\nC,5,10', 5],
    ['study,events,n\r\n"A\r\n",3,10\r\n"B""', 4],
    ['study,events,n\r"A\r",3,10\r"B', 4],
  ])('refuses a quoted field that is never closed, naming the line it starts on: %j', (csv, line) => {
    expect(read([csv])).toBe(messages.csvUnclosedQuote(line));
  });
});

describe('StudiesCsvReader: lines', () => {
  test('gives the same studies and lines for LF, CR LF, CR and mixed line ends', () => {
    const rows = ['study,events,n', 'A,1,2', '', '"B', 'b",3,4', '  ', ',,', 'C,5,6', ''];
    const expected = { labels: ['A', 'B\nb', 'C'], events: [1, 3, 5], n: [2, 4, 6], columns: {}, lines: [2, 4, 8] };
    expect(read([rows.join('\n')])).toEqual(expected);
    expect(read([rows.join('\r\n')])).toEqual({ ...expected, labels: ['A', 'B\r\nb', 'C'] });
    expect(read([rows.join('\r')])).toEqual({ ...expected, labels: ['A', 'B\rb', 'C'] });
    const mixed = rows.map((row, i) => row + ['\n', '\r\n', '\r'][i % 3]).join('');
    expect(read([mixed])).toMatchObject({ lines: [2, 4, 8] });
  });

  test.each([
    // a bad count after a field spanning lines: the error names the line its own row starts on
    ['study,events,n\n"A\n\nx",3,10\nB,x,10\n', 5],
    ['study,events,n\r\n"A\r\n\r\nx",3,10\r\nB,x,10\r\n', 5],
    ['study,events,n\r"A\r\rx",3,10\rB,x,10\r', 5],
    ['study,events,n\n"A",3,10\n"B\n\nC",x,10\n', 3],
  ])('names the start line of a row after multi-line fields: %j', (csv, line) => {
    expect(read([csv])).toBe(messages.csvBadCount(line, 'events', 'x'));
  });

  test('skips blank lines (spaces, empty fields) but counts them', () => {
    expect(read(['study,events,n\n\nA,3,10\n   \n,,\n"",""\n\r\nB,4,10\n\n'])).toMatchObject({ labels: ['A', 'B'], lines: [3, 8] });
    expect(read(['study,events,n\nA,3,10\n\nB,3\n'])).toBe(messages.csvColumnCount(4, 3, 2));
  });

  test('drops a byte order mark at the start (text or bytes)', () => {
    const csv = '\ufeffStudy,Events,N\nA,1,2\n';
    const expected = { labels: ['A'], events: [1], n: [2], columns: {}, lines: [2] };
    expect(read([csv])).toEqual(expected);
    expect(read([Buffer.from(csv)])).toEqual(expected);
    expect(read([Buffer.from(csv).subarray(0, 1), Buffer.from(csv).subarray(1, 2), Buffer.from(csv).subarray(2)])).toEqual(expected);
  });

  test('refuses an empty file, a lone byte order mark and a header without rows', () => {
    expect(read([])).toBe(messages.csvEmpty());
    expect(read(['\ufeff'])).toBe(messages.csvEmpty());
    expect(read(['\n\r\n  \n'])).toBe(messages.csvEmpty());
    expect(read(['study,events,n\r\n\r\n'])).toBe(messages.csvNoRows());
    expect(() => parseStudiesCsv('events\n1')).toThrow(messages.csvMissingColumn('n', ['events']));
  });
});

describe('StudiesCsvReader: pieces', () => {
  const csv = '\ufeffStudy,Events,N,arm\r\n"a, ""b""",1,2,é\r\n"multi\nline",3,4,"y"\rc,5,6,😀\n\n d ,7,8,"w\r\nv"\r"last",9,10,z';

  test('reads pieces of one character, and bytes cut inside a character, as the whole text', () => {
    const whole = read([csv]);
    expect(whole).toMatchObject({ lines: [2, 3, 5, 7, 9], columns: { arm: ['é', 'y', '😀', 'w\r\nv', 'z'] } });
    expect(read([...csv])).toEqual(whole);
    const bytes = Buffer.from(csv);
    expect(read(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(whole);
  });

  test('reads pieces cut anywhere as the whole text, errors included', () => {
    const texts = [csv, `${csv}\nbad,x,1,q`, `${csv}\n"open,1,2,3`, `${csv}\n"q"x,1,2,3`, `${csv}\nshort,1`];
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(fc.nat(), { maxLength: 12 }), (text, places) => {
        expect(read(cut(text, places))).toEqual(read([text]));
      }),
      { numRuns: 300 },
    );
  });

  test('reads generated files as written: values, counts and start lines', () => {
    const char = fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r', '\r\n', 'é', '😀');
    const cell = fc.array(char, { maxLength: 6 }).map((chars) => chars.join(''));
    const row = fc.record({ study: cell, events: fc.nat(1000), n: fc.nat(1000), arm: cell, quote: fc.boolean(), end: fc.constantFrom('\n', '\r\n', '\r'), blank: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, places) => {
        const field = (value: string, quote: boolean) => (quote || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
        const breaks = (value: string) => (value.match(/\r\n|\r|\n/g) ?? []).length;
        let text = 'study,events,n,arm\n';
        let line = 2;
        const lines: number[] = [];
        for (const r of rows) {
          if (r.blank) {
            // a line of spaces (an empty line after a CR would make a CR LF)
            text += ` ${r.end}`;
            line++;
          }
          lines.push(line);
          text += `${field(r.study, r.quote)},${r.events},${r.n},${field(r.arm, false)}${r.end}`;
          line += 1 + breaks(r.study) + breaks(r.arm);
        }
        const expected = {
          labels: rows.map((r) => r.study.trim()),
          events: rows.map((r) => r.events),
          n: rows.map((r) => r.n),
          columns: { arm: rows.map((r) => r.arm.trim()) },
          lines,
        };
        expect(read([text])).toEqual(expected);
        expect(read(cut(text, places))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('reads 200,000 rows in pieces quickly', () => {
    const rows = ['study,events,n,group'];
    for (let i = 0; i < 200_000; i++) rows.push(`Study ${i + 1},${i % 97},${100 + (i % 311)},g${i % 50}`);
    const text = `${rows.join('\n')}\n`;
    const start = performance.now();
    const reader = new StudiesCsvReader();
    for (let i = 0; i < text.length; i += 1 << 16) reader.push(text.slice(i, i + (1 << 16)));
    const studies = reader.end();
    const seconds = (performance.now() - start) / 1000;
    expect(studies.events.length).toBe(200_000);
    expect(studies.lines.at(-1)).toBe(200_001);
    expect(studies.columns.group!.at(-1)).toBe('g49');
    expect(seconds).toBeLessThan(5);
  });
});

describe('npm run meta: reading the file', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'review-csv-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Runs `npm run meta -- <file> --json` on the given bytes. */
  function meta(bytes: Buffer) {
    const file = path.join(scratch, 'studies.csv');
    writeFileSync(file, bytes);
    const cli = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
    const args = [cli, path.join(REPO_ROOT, 'scripts/meta.ts'), file, '--transform', 'PAS', '--method', 'DL', '--json'];
    return spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  }

  test('reads a character cut between two pieces of the file, with a byte order mark and CR LF', () => {
    let text = '\ufeffstudy,events,n\r\n';
    for (let i = 0; Buffer.byteLength(text) < 65_500; i++) text += `s${i},1,2\r\n`;
    // "é" is two bytes: start the label on an odd byte so that one of them straddles 65,536
    if (Buffer.byteLength(text) % 2 === 0) text += 'z';
    text += `${'é'.repeat(40)},3,4\r\n"last\r\nrow",5,6`;
    const run = meta(Buffer.from(text));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/"label": "z?(é){40}"/);
    expect(run.stdout).toContain('"label": "last\\r\\nrow"');
  });

  test('refuses text after a closing quote in one line, naming the line', () => {
    const run = meta(Buffer.from('study,events,n\r\n"a\r\nb",1,2\r\n"c"d,3,4\r\n'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`meta: ${messages.csvTextAfterQuote(4)}\n`);
  });
});

// The pieces of `npm run meta`: the CSV reader (whole and in pieces), the option parser, the
// table (pinned with inline snapshots, since curators read them), the JSON writer, and the
// command line itself on bad, hostile and large input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CliError, parseCliArgs } from '../../scripts/lib/cli-args.ts';
import { formatResultTable, messages, metaProportions, parseStudiesCsv, StatsInputError } from '../../src/lib/stats/index.ts';
import { StudiesCsvReader } from '../../src/lib/stats/io/parse-studies-csv.ts';
import { prettyJsonChunks } from '../../src/lib/stats/io/pretty-json.ts';
import { printable } from '../../src/lib/stats/io/printable.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'review-meta-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `npm run meta -- <args>` with `input` on stdin, as npm would (tsx, from the repository root). */
function meta(args: readonly string[], input = '', timeout = 60_000) {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/meta.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input,
    timeout,
    maxBuffer: 1 << 30,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A file in the test's scratch folder. */
function file(name: string, text: string): string {
  const p = path.join(scratch, name);
  writeFileSync(p, text);
  return p;
}

describe('parseStudiesCsv', () => {
  test('reads study, events, n and keeps other columns as text', () => {
    const csv = '\ufeffStudy,Events,N,modality\r\n"CAR19/IL15, NK",7,17,CAR-NK\r\nCTX110,18,32,CAR-T\r\n\r\n';
    expect(parseStudiesCsv(csv)).toEqual({
      labels: ['CAR19/IL15, NK', 'CTX110'],
      events: [7, 18],
      n: [17, 32],
      columns: { modality: ['CAR-NK', 'CAR-T'] },
    });
  });

  test('numbers the studies when there is no study column', () => {
    expect(parseStudiesCsv('events,n\n1,2\n3,4').labels).toEqual(['1', '2']);
  });

  test.each([
    ['study,n\nA,10', messages.csvMissingColumn('events', ['study', 'n'])],
    ['study,events,n\nA,3', messages.csvColumnCount(2, 3, 2)],
    ['study,events,n\nA,3,10\nB,x,10', messages.csvBadCount(3, 'events', 'x')],
    ['study,events,n\nA,3,-1', messages.csvBadCount(2, 'n', '-1')],
    ['study,events,n\n"A,3,10', messages.csvUnclosedQuote(2)],
    ['study,events,n\n', messages.csvNoRows()],
    ['', messages.csvEmpty()],
  ])('refuses %j with a message naming the line', (csv, message) => {
    expect(() => parseStudiesCsv(csv)).toThrow(StatsInputError);
    expect(() => parseStudiesCsv(csv)).toThrow(message);
  });
});

describe('parseCliArgs', () => {
  const spec = { strings: ['method', 'by'], numbers: ['level'], flags: ['json'] };

  test('separates files, options and flags', () => {
    const args = parseCliArgs(['data.csv', '--method', 'DL', '--level=0.9', '--json'], spec);
    expect([args.positional, [...args.strings], [...args.numbers], [...args.flags]]).toEqual([
      ['data.csv'],
      [['method', 'DL']],
      [['level', 0.9]],
      ['json'],
    ]);
  });

  test('refuses unknown options and missing values', () => {
    expect(() => parseCliArgs(['--metod', 'DL'], spec)).toThrow(new CliError("Unknown option '--metod'"));
    expect(() => parseCliArgs(['--method'], spec)).toThrow('--method needs a value');
    expect(() => parseCliArgs(['--level', 'high'], spec)).toThrow('--level needs a number, got "high"');
  });
});

describe('formatResultTable', () => {
  test('prints each study, the pooled line, heterogeneity and the subgroup test', () => {
    const result = metaProportions({
      labels: ['FT596', 'TAK-007', 'CTX110', 'CB-010'],
      events: [12, 7, 18, 29],
      n: [32, 17, 32, 40],
      groups: ['CAR-NK', 'CAR-NK', 'CAR-T', 'CAR-T'],
      transform: 'PAS',
      method: 'REML',
    });
    expect(formatResultTable(result)).toMatchInlineSnapshot(`
      "Meta-analysis of proportions: arcsine square root (PAS), random effects, REML tau², Wald z 95% CI

      study                     events       n   % [95% CI]                  weight
      CAR-NK:
      FT596                         12      32   37.50 [21.10, 56.31]         65.3%
      TAK-007                        7      17   41.18 [18.44, 67.08]         34.7%
        CAR-NK (k = 2)              19      49   38.77 [25.74, 52.67]
        prediction interval                      [25.74, 52.67]
        heterogeneity: tau² = 0.0000 [0.0000, 0.7101], I² = 0.00%, H² = 1.00, Q = 0.06 (df = 1), p = 0.8019

      CAR-T:
      CTX110                        18      32   56.25 [37.66, 73.64]         47.3%
      CB-010                        29      40   72.50 [56.11, 85.40]         52.7%
        CAR-T (k = 2)               47      72   65.02 [48.55, 79.83]
        prediction interval                      [41.45, 85.24]
        heterogeneity: tau² = 0.0075 [0.0000, 14.8315], I² = 51.75%, H² = 2.07, Q = 2.07 (df = 1), p = 0.1500

      Pooled (k = 4)                66     121   52.91 [36.37, 69.12]
        prediction interval                      [22.09, 82.54]
        heterogeneity: tau² = 0.0203 [0.0010, 0.3655], I² = 70.50%, H² = 3.39, Q = 10.69 (df = 3), p = 0.0135
      Test between subgroups (separate tau² per subgroup): Q = 5.716, df = 1, p = 0.0168"
    `);
  });
});

describe('StudiesCsvReader', () => {
  test('reads a file in pieces of any size exactly as the whole text', () => {
    const csv = '\ufeffStudy,Events,N,arm\r\n"a, ""b""",1,2,x\r\n"multi\nline",3,4,"y"\rc,5,6,z\n\n d ,7,8,w';
    const whole = parseStudiesCsv(csv);
    for (const size of [1, 2, 3, 5, 7, 11]) {
      const reader = new StudiesCsvReader();
      for (let i = 0; i < csv.length; i += size) reader.push(csv.slice(i, i + size));
      const { lines, ...studies } = reader.end();
      expect(studies, `pieces of ${size}`).toEqual(whole);
      expect(lines).toEqual([2, 3, 5, 7]);
    }
  });

  test.each([
    ['study,events,n\nA,3,10\nB,9007199254740993,9007199254740999', 'line 3: events is too large to be counted exactly (more than 9007199254740991), got "9007199254740993"'],
    ['study,events,n\nA,3,10\nB,1e3,2000', 'line 3: events must be a whole number, got "1e3"'],
    ['study,events,n\nA,3,10\nB,1.5,20', 'line 3: events must be a whole number, got "1.5"'],
    ['study,events,n\nA,3,10\nB,+1,20', 'line 3: events must be a whole number, got "+1"'],
    ['study,events,n\nA,3,10\nB,0x10,20', 'line 3: events must be a whole number, got "0x10"'],
    ['study,\u001b[2Jevents,n\nA,3,10', 'the CSV file has no "events" column (columns: study, \\x1b[2Jevents, n)'],
  ])('refuses %j naming the line, with what it quotes escaped', (csv, message) => {
    expect(() => parseStudiesCsv(csv)).toThrow(message);
  });
});

describe('prettyJsonChunks', () => {
  test('writes the text of JSON.stringify(value, null, 2), piece by piece', () => {
    const values: unknown[] = [
      metaProportions({ labels: ['a', 'b', 'c'], events: [1, 5, 9], n: [10, 12, 14], groups: ['x', 'y', 'x'], transform: 'PFT', method: 'REML' }),
      { a: [1, undefined, () => 1, NaN, Infinity, { b: undefined, c: [[], {}], d: 'x' }], e: null, f: [[1, [2, [3]]]] },
      { rows: Array.from({ length: 3000 }, (_, i) => ({ i, s: `r${i}`, v: [i, i / 3] })) },
      [],
      {},
      'text',
      3,
      null,
    ];
    for (const value of values) expect([...prettyJsonChunks(value, 100)].join('')).toBe(JSON.stringify(value, null, 2));
  });

  test('escapes the characters a terminal acts on that JSON.stringify leaves raw', () => {
    expect([...prettyJsonChunks({ label: 'a\u009b2Jb\u2028' })].join('')).toBe('{\n  "label": "a\\u009b2Jb\\u2028"\n}');
  });
});

describe('printable', () => {
  test('escapes control characters and keeps the rest', () => {
    expect(printable('a\u001b[31mb\u009b\u0007\ttab é ²')).toBe('a\\x1b[31mb\\x9b\\x07\ttab é ²');
  });
});

describe('npm run meta', () => {
  const csv = () => file('s.csv', 'study,events,n,arm\nA,3,10,x\nB,5,12,y\nC,7,20,x\nD,2,9,y\n');

  test('refuses an unknown option with its usage and exit 2', () => {
    const run = meta([csv(), '--transform', 'PLO', '--method', 'DL', '--metod', 'x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--metod'");
    expect(run.stderr).toContain('npm run meta -- data.csv');
  });

  test.each([
    [['--method', 'REML'], 'meta: give --transform (PFT, PAS, PLO, PRAW)'],
    [['--transform', 'PFT'], 'meta: give --method (FE, DL, REML, ML, PM, HE, SJ, GLMM, GLMM-FE)'],
  ])('asks for the model it was not given, before reading the file: %j', (flags, message) => {
    const run = meta([path.join(REPO_ROOT, 'no-such-file.csv'), ...flags]);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(message);
  });

  test.each([
    ['study,events,n\nA,3,10\n\nB,12,10\n', 'meta: line 4 (study 2): events (12) exceed n (10)'],
    ['study,events,n\nA,3,10\nB,9007199254740993,9007199254740993\n', 'meta: line 3: events is too large to be counted exactly'],
    ['study,events,n\nA,3,10\nB,3\n', 'meta: line 3: expected 3 fields like the header, got 2'],
  ])('names the line of a bad row: %j', (text, message) => {
    const run = meta([file('bad.csv', text), '--transform', 'PLO', '--method', 'DL']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  test('refuses a folder or a missing file in one line, without a stack trace', () => {
    const folder = meta([scratch, '--transform', 'PLO', '--method', 'DL']);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toBe(`meta: "${scratch}" is a folder; give a CSV file (study,events,n)\n`);
    const missing = meta([path.join(scratch, 'none.csv'), '--transform', 'PLO', '--method', 'DL']);
    expect(missing.stderr).toBe(`meta: there is no file "${path.join(scratch, 'none.csv')}"\n`);
  });

  test('prints study and subgroup names with their escape sequences escaped', () => {
    const text = 'study,events,n,arm\n"\u001b[31mred\u001b[0m",3,10,"\u001b]0;title\u0007"\nB\u009b2J,5,12,y\n';
    const args = [file('esc.csv', text), '--transform', 'PLO', '--method', 'DL'];
    for (const extra of [[], ['--json'], ['--by', 'arm'], ['--by', '\u001b[2J']]) {
      const run = meta([...args, ...extra]);
      expect(run.stdout + run.stderr, extra.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(meta(args).stdout).toContain('\\x1b[31mred\\x1b[0m');
  });

  test('--batch: refuses counts that are not whole numbers as written, naming the line; goes on after it', () => {
    const cases = [
      JSON.stringify({ id: 'a', events: [3, 1], n: [10, 2], transform: 'PLO', method: 'DL' }),
      '',
      '{"id":"b","events":[9007199254740993,1],"n":[9007199254740993,2],"transform":"PLO","method":"DL"}',
      '{"id":"c","events":[1e3,1],"n":[2000,2],"transform":"PLO","method":"DL"}',
      '{"id":"d","events":[1.0,1],"n":[2,2],"transform":"PLO","method":"DL"}',
      'not json',
      JSON.stringify({ id: 'e', events: [3, 1], n: [2, 2], transform: 'PLO', method: 'DL' }),
    ];
    const run = meta(['--batch'], `${cases.join('\n')}\n`);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: unknown; error?: string });
    expect(lines.map((l) => [l.id, l.error])).toEqual([
      ['a', undefined],
      ['b', 'line 3: events must hold whole numbers written as digits (at most 9007199254740991), got 9007199254740993'],
      ['c', 'line 4: events must hold whole numbers written as digits (at most 9007199254740991), got 1e3'],
      ['d', 'line 5: events must hold whole numbers written as digits (at most 9007199254740991), got 1.0'],
      [null, 'line 6: the line is not valid JSON'],
      ['e', 'line 7: study 1: events (3) exceed n (2)'],
    ]);
  });

  test('--batch: writes the characters a terminal acts on as \\u escapes, whether the line had them raw or escaped', () => {
    // raw U+2028 and U+2029 end a line, as readline reads lines: they come in only as escapes
    const raw = ['\u009b', '\u0085', '\u007f', '\u202e', '\u2066'].map((c) => `id${c}x`);
    const escaped = [...raw, 'id\u2028x', 'id\u2029x'];
    const ids = [...raw, ...escaped];
    const base = { events: [3, 4], n: [10, 12], transform: 'PAS', method: 'DL' };
    const lines = [
      ...raw.map((id) => JSON.stringify({ id, ...base })),
      ...escaped.map((id) => JSON.stringify({ id, ...base }).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)),
      JSON.stringify({ id: 'groups', ...base, groups: ['a\u202e', 'b\u0085'] }),
      JSON.stringify({ id: 'refused\u009b', events: [3], n: [2], transform: 'PAS', method: 'DL' }),
      'not json \u009b',
    ];
    const run = meta(['--batch'], `${lines.join('\n')}\n`);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    const answers = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: unknown; error?: string; subgroups?: object });
    expect(answers.map((answer) => answer.id)).toEqual([...ids, 'groups', 'refused\u009b', null]);
    expect(Object.keys(answers[ids.length]!.subgroups!)).toEqual(['a\u202e', 'b\u0085']);
    expect(answers[ids.length + 1]!.error).toContain('exceed n');
    expect(answers[ids.length + 2]!.error).toContain('not valid JSON');
  });

  // Beyond the size at which Math.max(...labels) overflowed the stack (about 120,000 on Node 24);
  // 1,000,000 rows are measured by hand (they take a minute on a busy 2-core machine).
  test('pools 200,000 rows in table, --json and --by mode', () => {
    const rows = ['study,events,n,arm'];
    for (let i = 0; i < 200_000; i++) rows.push(`s${i},${i % 7},${10 + (i % 13)},${i % 2 ? 'x' : 'y'}`);
    const big = file('big.csv', `${rows.join('\n')}\n`);
    for (const extra of [[], ['--json'], ['--by', 'arm']]) {
      const run = meta([big, '--transform', 'PAS', '--method', 'DL', ...extra], '', 120_000);
      expect(run.status, `${extra.join(' ')}: ${run.stderr.slice(0, 500)}`).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(200_000 * 40);
    }
  }, 400_000);
});

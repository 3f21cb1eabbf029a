// The pieces of `npm run meta` that are not printing: the CSV reader, the option parser
// and the table (pinned with inline snapshots, since curators read them).
import { describe, expect, test } from 'vitest';
import { CliError, parseCliArgs } from '../../scripts/lib/cli-args.ts';
import { formatResultTable, messages, metaProportions, parseStudiesCsv, StatsInputError } from '../../src/lib/stats/index.ts';

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
    expect(() => parseCliArgs(['--metod', 'DL'], spec)).toThrow(new CliError('unknown option --metod'));
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

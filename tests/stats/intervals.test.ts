// Expected values: R 4.2, binom.test(x, n)$conf.int (Clopper-Pearson) and
// prop.test(x, n, correct = FALSE)$conf.int (Wilson), scripts/r/make-stats-fixtures.R section 5.
import { describe, expect, test } from 'vitest';
import { clopperPearson, metaProportions, wilson } from '../../src/lib/stats/index.ts';
import { expectClose, loadFixture, TOLERANCE } from './helpers.ts';

const r = loadFixture<Record<'clopper_pearson' | 'wilson', { x: number; n: number; lower: number; upper: number }[]>>('distributions');

describe('study intervals agree with R', () => {
  test.each(r.clopper_pearson)('Clopper-Pearson for $x/$n as binom.test', ({ x, n, lower, upper }) => {
    const [low, high] = clopperPearson(x, n, 0.95);
    expectClose(low, lower, TOLERANCE.distribution * 100, 'lower');
    expectClose(high, upper, TOLERANCE.distribution * 100, 'upper');
  });

  test.each(r.wilson)('Wilson for $x/$n as prop.test without correction', ({ x, n, lower, upper }) => {
    const [low, high] = wilson(x, n, 0.95);
    expectClose(low, lower, TOLERANCE.distribution * 100, 'lower');
    expectClose(high, upper, TOLERANCE.distribution * 100, 'upper');
  });
});

describe('metaProportions uses the study interval it is asked for', () => {
  const input = { events: [0, 3, 7], n: [10, 10, 60], transform: 'PLO', method: 'DL' } as const;

  test('Clopper-Pearson by default', () => {
    const rows = metaProportions(input).studies;
    expect(rows.map((row) => [row.ci_lower, row.ci_upper])).toEqual([0, 1, 2].map((i) => clopperPearson(input.events[i]!, input.n[i]!, 0.95)));
  });

  test('Wilson when asked, at the analysis level', () => {
    const rows = metaProportions({ ...input, studyInterval: 'wilson', level: 0.9 }).studies;
    expect(rows.map((row) => [row.ci_lower, row.ci_upper])).toEqual([0, 1, 2].map((i) => wilson(input.events[i]!, input.n[i]!, 0.9)));
  });
});

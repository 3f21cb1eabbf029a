// Expected values: R metafor, scripts/r/make-stats-fixtures.R section 1, e.g.
//   r <- rma(measure = "PFT", xi, ni, method = "REML", test = "knha",
//            control = list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5))
//   predict(r); confint(r, control = list(tol = 1e-15)); weights(r)
//   subgroups: each level fitted alone, then rma(yi = b, sei = se, method = "EE")$QE;
//   common tau²: rma(measure, xi, ni, mods = ~ factor(g), ...)$QM and predict(newmods = ...)
import { describe, expect, test } from 'vitest';
import { metaProportions, type MetaProportionsInput, type PooledAnalysis } from '../../src/lib/stats/index.ts';
import { expectClose, expectFieldsClose, expectTau2Interval, loadFixture, TOLERANCE } from './helpers.ts';

interface Expected {
  k: number;
  yi: number[];
  vi: number[];
  weight: number[];
  tau2_ci?: Record<string, number>;
  separate?: { subgroups: Record<string, Record<string, unknown>>; Q_between: number; Q_between_df: number; Q_between_p: number };
  common?: {
    tau2: number;
    subgroups: Record<string, Record<string, unknown>>;
    Q_between: number;
    Q_between_df: number;
    Q_between_df2?: number;
    Q_between_p: number;
  };
  [field: string]: unknown;
}
interface Case {
  input: MetaProportionsInput & { id: string };
  expected: Expected;
}

const { cases } = loadFixture<{ cases: Case[] }>('random-cases');

/** Compares a pooled analysis with metafor's summary, study rows included. */
function expectAnalysis(result: PooledAnalysis, expected: Record<string, unknown>, label: string): void {
  const { yi, vi, weight, tau2_ci, ...pooled } = expected;
  expectFieldsClose(result, pooled, TOLERANCE.metafor, label);
  expectFieldsClose(result.studies.map((row) => row.yi), [yi].flat(), TOLERANCE.metafor, `${label} yi`);
  expectFieldsClose(result.studies.map((row) => row.vi), [vi].flat(), TOLERANCE.metafor, `${label} vi`);
  expectFieldsClose(result.studies.map((row) => row.weight), [weight].flat(), TOLERANCE.metafor, `${label} weight`);
  expectTau2Interval(result.tau2_ci, tau2_ci as Record<string, number> | undefined, result.tau2, `${label} tau2_ci`);
}
const describeCase = (c: Case): string =>
  `${c.input.id}: ${c.input.transform} ${c.input.method} ${c.input.ci} (k = ${c.input.n.length}${c.input.groups ? ', subgroups' : ''})`;

describe('random cases reproduce metafor', () => {
  test('the fixture covers every transform and method', () => {
    const combinations = new Set(cases.map((c) => `${c.input.transform} ${c.input.method}`));
    expect(combinations.size).toBe(28);
  });

  test.each(cases.map((c) => [describeCase(c), c] as const))('%s', (_, c) => {
    const { separate, common, ...pooled } = c.expected;
    expectAnalysis(metaProportions({ ...c.input, groups: undefined }), pooled, 'pooled');
    if (separate) {
      const grouped = metaProportions(c.input);
      expect(grouped.subgroup_test).toBe('separate');
      const { subgroups, ...test } = separate;
      expectFieldsClose(grouped, test, TOLERANCE.metafor);
      expect(Object.keys(grouped.subgroups ?? {})).toEqual(Object.keys(subgroups));
      for (const [level, expected] of Object.entries(subgroups)) expectAnalysis(grouped.subgroups![level]!, expected, level);
    }
    if (common) {
      const grouped = metaProportions({ ...c.input, subgroupTest: 'common' });
      const { tau2, ...rest } = common;
      expectFieldsClose(grouped, rest, TOLERANCE.metafor);
      for (const analysis of Object.values(grouped.subgroups ?? {})) expectClose(analysis.tau2, tau2, TOLERANCE.metafor, 'common tau2');
      if (common.Q_between_df2 === undefined) expect(grouped.Q_between_df2).toBeNull();
    }
  });
});

describe('study rows and the tau² interval are computed when first read', () => {
  const input: MetaProportionsInput = { events: [2, 12, 7, 18], n: [5, 32, 17, 32], transform: 'PAS', method: 'REML', groups: ['a', 'a', 'b', 'b'] };

  test('reading them twice gives the same object', () => {
    const result = metaProportions(input);
    expect(result.studies).toBe(result.studies);
    expect(result.tau2_ci).toBe(result.tau2_ci);
  });

  test('JSON output and spreading include them, for subgroups too', () => {
    const result = metaProportions(input);
    const json = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(json.studies).toHaveLength(4);
    expect(json.tau2_ci).toEqual(result.tau2_ci);
    expect(json.subgroups!['b']!.studies.map((row) => row.label ?? row.study)).toEqual([2, 3]);
    expect({ ...metaProportions({ ...input, subgroupTest: 'common' }).subgroups!['a']! }.studies).toHaveLength(2);
  });

  test('a result is a plain object: own enumerable fields in a fixed order, nothing hidden that a reader can list', () => {
    const result = metaProportions(input);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertySymbols(result)).toEqual([]);
    const keys = Object.keys(result);
    expect(keys.slice(keys.indexOf('warnings'), keys.indexOf('subgroups'))).toEqual(['warnings', 'tau2_ci', 'studies']);
    expect(Object.getOwnPropertyNames(result)).toEqual(keys);
    for (const field of ['tau2_ci', 'studies'] as const) {
      const descriptor = Object.getOwnPropertyDescriptor(result, field)!;
      expect(descriptor.enumerable).toBe(true);
      expect(typeof descriptor.get).toBe('function');
    }
    // two results keep their own fields computed on first read
    const other = metaProportions({ ...input, events: [1, 2, 3, 4] });
    expect(other.studies[0]!.events).toBe(1);
    expect(result.studies[0]!.events).toBe(2);
    expect(Object.getOwnPropertyDescriptor(result, 'studies')!.get).toBe(Object.getOwnPropertyDescriptor(other, 'studies')!.get);
  });
});

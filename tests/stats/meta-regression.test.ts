// Expected values: R metafor 3.8.1, scripts/r/make-meta-regression-fixtures.R, e.g.
//   r <- rma(measure = "PLO", xi, ni, mods = ~ x1 + factor(x2), method = "REML", test = "knha",
//            control = list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5))
//   r$beta, r$se, r$zval, r$pval, r$ci.lb, r$ci.ub, r$tau2, r$I2, r$H2, r$QE, r$QEp, r$QM,
//   r$QMdf, r$QMp, r$R2, weights(r); predict(r, newmods = seq(min(x1), max(x1), length.out = 5))
import { describe, expect, test } from 'vitest';
import { metaRegression } from '../../src/lib/stats/analysis/meta-regression.ts';
import type { MetaRegressionInput, ModeratorInput } from '../../src/lib/stats/analysis/meta-regression-types.ts';
import { messages, StatsInputError, type CiMethod, type ModelMethod, type Transform } from '../../src/lib/stats/index.ts';
import { expectClose, expectFieldsClose, loadFixture, TOLERANCE } from './helpers.ts';

interface Case {
  id: string;
  events: number[];
  n: number[];
  transform: Transform;
  method: ModelMethod;
  ci: CiMethod;
  moderators: ModeratorInput[];
  expected: {
    k: number;
    p: number;
    method: ModelMethod;
    coefficients: ({ name: string } & Record<string, number>)[];
    tau2: number;
    I2: number;
    H2: number;
    QE: number;
    QE_df: number;
    QEp: number;
    QM: number;
    QM_df1: number;
    QM_df2: number | null;
    QMp: number;
    R2: number | null;
    yi: number[];
    vi: number[];
    weights: number[];
    grid?: Record<string, unknown>[];
  };
}

const { cases, grid_points: gridPoints } = loadFixture<{ cases: Case[]; grid_points: number }>('meta-regression');
const control = { threshold: 1e-12, maxIterations: 5000, stepAdjustment: 0.5 };
const inputOf = (c: Case): MetaRegressionInput => ({
  events: c.events,
  n: c.n,
  transform: c.transform,
  method: c.method,
  ci: c.ci,
  moderators: c.moderators,
  gridPoints,
  control,
});

/** metafor's coefficient name ("intrcpt", "x1", "factor(x2)b", 'relevel(factor(x2), ref = "b")a') as moderator and level. */
function nameParts(name: string): { moderator: string | null; level: string | null } {
  if (name === 'intrcpt') return { moderator: null, level: null };
  const factor = /^(?:relevel\()?factor\((\w+)\)(?:, ref = "\w+"\))?(.+)$/.exec(name);
  return factor ? { moderator: factor[1]!, level: factor[2]! } : { moderator: name, level: null };
}

describe('meta-regression against metafor rma(mods = ...)', () => {
  test('the fixtures cover every transform, method, test and design', () => {
    expect(new Set(cases.map((c) => c.transform)).size).toBe(4);
    expect(new Set(cases.map((c) => c.method)).size).toBe(7);
    expect(new Set(cases.map((c) => c.ci))).toEqual(new Set(['z', 'hk', 'hk-adhoc']));
    expect(new Set(cases.map((c) => c.moderators.map((m) => m.type).join('+')))).toEqual(
      new Set(['continuous', 'categorical', 'continuous+categorical', 'categorical+categorical', 'continuous+continuous']),
    );
  });

  test.each(cases.map((c) => [`${c.id} ${c.transform} ${c.method} ${c.ci}`, c] as const))('%s', (_, c) => {
    const result = metaRegression(inputOf(c));
    const e = c.expected;
    expect(result.k).toBe(e.k);
    expect(result.p).toBe(e.p);
    expect(result.method).toBe(e.method);
    expect(result.coefficients.map((x) => ({ moderator: x.moderator, level: x.level }))).toEqual(e.coefficients.map((x) => nameParts(x.name)));
    result.coefficients.forEach((coefficient, j) => {
      const { name: _name, ...numbers } = e.coefficients[j]!;
      expectFieldsClose(coefficient, numbers, TOLERANCE.metafor, `${c.id} ${coefficient.name}`);
    });
    expectClose(result.tau2, e.tau2, TOLERANCE.metafor, `${c.id} tau2`);
    expectClose(result.I2, e.I2, TOLERANCE.metafor, `${c.id} I2`);
    expectClose(result.H2, e.H2, TOLERANCE.metafor, `${c.id} H2`);
    expectClose(result.QE, e.QE, TOLERANCE.metafor, `${c.id} QE`);
    expect(result.QE_df).toBe(e.QE_df);
    expectClose(result.QE_p, e.QEp, TOLERANCE.metafor, `${c.id} QEp`);
    expectClose(result.QM, e.QM, TOLERANCE.metafor, `${c.id} QM`);
    expect(result.QM_df1).toBe(e.QM_df1);
    expect(result.QM_df2).toBe(e.QM_df2);
    expectClose(result.QM_p, e.QMp, TOLERANCE.metafor, `${c.id} QMp`);
    expectClose(result.R2, e.R2, TOLERANCE.metafor, `${c.id} R2`);
    expectFieldsClose(result.yi, e.yi, TOLERANCE.metafor, `${c.id} yi`);
    expectFieldsClose(result.vi, e.vi, TOLERANCE.metafor, `${c.id} vi`);
    expectFieldsClose(result.weights, e.weights, TOLERANCE.metafor, `${c.id} weights`);
    if (e.grid) {
      expect(result.grid?.moderator).toBe(c.moderators[0]!.name);
      expectFieldsClose(result.grid!.points, e.grid, TOLERANCE.metafor, `${c.id} grid`);
    } else if (!c.id.startsWith('redundant-continuous')) {
      // (there metafor drops the copy and one continuous moderator remains: the grid is drawn)
      expect(result.grid).toBeNull();
    }
  });
});

describe('meta-regression input and warnings', () => {
  const base = { events: [3, 8, 12, 5, 9, 15], n: [20, 25, 30, 22, 28, 33], transform: 'PLO' as const, method: 'REML' as const };
  const dose: ModeratorInput = { name: 'dose', type: 'continuous', values: [1, 2, 3, 1.5, 2.5, 3.5] };

  test('refuses a model with no more studies than coefficients', () => {
    const arm: ModeratorInput = { name: 'arm', type: 'categorical', values: ['a', 'b', 'c', 'd', 'e', 'a'] };
    expect(() => metaRegression({ ...base, moderators: [arm, dose] })).toThrow(new StatsInputError(messages.regressionTooFewStudies(6, 6)));
  });

  test('refuses a missing moderator value, an unknown reference and no moderators', () => {
    const missing = { name: 'dose', type: 'continuous', values: [1, 2, Number.NaN, 1, 2, 3] } as const;
    expect(() => metaRegression({ ...base, moderators: [missing] })).toThrow(new StatsInputError(messages.invalidModeratorValue('dose', 3, NaN)));
    const arm: ModeratorInput = { name: 'arm', type: 'categorical', values: ['a', 'b', 'a', 'b', 'a', 'b'], reference: 'z' };
    expect(() => metaRegression({ ...base, moderators: [arm] })).toThrow(new StatsInputError(messages.unknownReference('arm', 'z', ['a', 'b'])));
    expect(() => metaRegression({ ...base, moderators: [] })).toThrow(new StatsInputError(messages.noModerators()));
  });

  test('a categorical moderator with one level is left out with a warning', () => {
    const single: ModeratorInput = { name: 'site', type: 'categorical', values: Array(6).fill('one') };
    const withIt = metaRegression({ ...base, moderators: [dose, single] });
    const without = metaRegression({ ...base, moderators: [dose] });
    expect(withIt.warnings).toContain(messages.moderatorConstant('site'));
    expect(withIt.moderators.map((m) => m.inModel)).toEqual([true, false]);
    expect(withIt.coefficients).toEqual(without.coefficients);
    expect(withIt.grid).toEqual(without.grid);
  });

  test('numbers given as a categorical moderator are sorted as numbers, as R factor()', () => {
    const cycle: ModeratorInput = { name: 'cycle', type: 'categorical', values: [10, 2, 10, 2, 1, 1] };
    expect(metaRegression({ ...base, moderators: [cycle] }).coefficients.map((c) => c.name)).toEqual(['intrcpt', 'cycle: 2', 'cycle: 10']);
  });

  test('REML that does not converge falls back to DL with a warning, as metafor method = c("REML", "DL")', () => {
    const spread = { ...base, events: [1, 14, 3, 12, 2, 25] };
    const stopped = metaRegression({ ...spread, method: 'REML', control: { maxIterations: 1 }, moderators: [dose] });
    const dl = metaRegression({ ...spread, method: 'DL', moderators: [dose] });
    expect(dl.tau2).toBeGreaterThan(0);
    expect(stopped.method).toBe('DL');
    expect(stopped.warnings[0]).toBe(messages.iterationFallback('REML', 1, 'DL'));
    expect(stopped.tau2).toBe(dl.tau2);
    expect(stopped.coefficients).toEqual(dl.coefficients);
  });

  test('the ad hoc Hartung-Knapp variances are never below the Wald ones', () => {
    for (const method of ['DL', 'REML', 'PM'] as const) {
      const z = metaRegression({ ...base, method, ci: 'z', moderators: [dose] });
      const adhoc = metaRegression({ ...base, method, ci: 'hk-adhoc', moderators: [dose] });
      adhoc.coefficients.forEach((c, j) => expect(c.se).toBeGreaterThanOrEqual(z.coefficients[j]!.se * (1 - 1e-12)));
    }
  });
});

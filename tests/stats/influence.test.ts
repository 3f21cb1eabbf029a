// Expected values: R metafor 3.8.1, scripts/r/make-influence-fixtures.R:
//   r <- rma(measure, xi, ni, method, test = "z" | "knha", control = ...); influence(r); baujat(r)
// Random cases over every transform, method and interval, some with an outlier, some with k = 2
// and some with 50 or more studies (refits on cells of equal variance).
import { describe, expect, test } from 'vitest';
import { baujat } from '../../src/lib/stats/analysis/baujat.ts';
import { influence } from '../../src/lib/stats/analysis/influence.ts';
import { leaveOneOut, messages, metaProportions, type MetaProportionsInput } from '../../src/lib/stats/index.ts';
import { expectClose, loadFixture } from './helpers.ts';

const TOLERANCE = 1e-6;
const COLUMNS = ['rstudent', 'dffits', 'cook_d', 'cov_r', 'tau2_del', 'QE_del', 'hat', 'weight', 'dfbs'] as const;
type Expected = Record<(typeof COLUMNS)[number] | 'baujat_x' | 'baujat_y', (number | null)[]> & {
  tau2: number;
  estimate: number;
  se: number;
  inf: boolean[];
};
interface Case {
  input: MetaProportionsInput;
  outlier: boolean;
  expected: Expected;
}
const fixture = loadFixture<Record<string, Case | string>>('influence');
const cases = Object.entries(fixture).filter((entry): entry is [string, Case] => typeof entry[1] === 'object');

describe.each(cases)('%s', (_, { input, expected }) => {
  const result = influence(input);
  const label = `${input.transform} ${input.method} ${input.ci} k=${input.n.length}`;

  test('influence() reproduces metafor influence()', () => {
    expect(result.rows).toHaveLength(input.n.length);
    expectClose(result.tau2, expected.tau2, TOLERANCE, `${label} tau2`);
    expectClose(result.estimate, expected.estimate, TOLERANCE, `${label} estimate`);
    expectClose(Math.sqrt(result.variance), expected.se, TOLERANCE, `${label} se`);
    result.rows.forEach((row, i) => {
      expect(row.study).toBe(i);
      for (const column of COLUMNS) expectClose(row[column], expected[column][i], TOLERANCE, `${label} row ${i} ${column}`);
      expect(row.inf, `${label} row ${i} inf`).toBe(expected.inf[i]);
    });
  });

  test('baujat() reproduces metafor baujat()', () => {
    const points = baujat(input, result);
    points.forEach((point, i) => {
      expectClose(point.x, expected.baujat_x[i], TOLERANCE, `${label} row ${i} x`);
      expectClose(point.y, expected.baujat_y[i], TOLERANCE, `${label} row ${i} y`);
    });
    expect(baujat(input)).toEqual(points);
  });
});

describe('the fixture exercises what it should', () => {
  test('flagged and unflagged cases, k = 2, cell refits, both intervals, every method and transform', () => {
    const all = cases.map(([, c]) => c);
    expect(all.some((c) => c.expected.inf.some(Boolean))).toBe(true);
    expect(all.some((c) => !c.expected.inf.some(Boolean))).toBe(true);
    expect(all.some((c) => c.outlier && c.expected.inf.some(Boolean))).toBe(true);
    expect(all.some((c) => c.input.n.length === 2)).toBe(true);
    expect(all.some((c) => c.input.n.length >= 50 && c.input.method !== 'PM')).toBe(true);
    for (const ci of ['z', 'hk']) expect(all.some((c) => c.input.ci === ci)).toBe(true);
    for (const method of ['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'SJ']) expect(all.some((c) => c.input.method === method)).toBe(true);
    for (const transform of ['PFT', 'PAS', 'PLO', 'PRAW']) expect(all.some((c) => c.input.transform === transform)).toBe(true);
  });
});

describe('influence() and the rest of the engine', () => {
  const input: MetaProportionsInput = { events: [4, 9, 16, 3, 40, 7], n: [10, 15, 20, 12, 45, 30], transform: 'PLO', method: 'REML', labels: ['a', 'b', 'c', 'd', 'e', 'f'] };

  test('the full model is metaProportions, the deleted fits are leaveOneOut', () => {
    const result = influence(input);
    const full = metaProportions(input);
    expect(result.tau2).toBe(full.tau2);
    expect(result.estimate).toBe(full.transformed.estimate);
    expect(result.QE).toBe(full.Q);
    const refits = leaveOneOut(input);
    result.rows.forEach((row, i) => {
      expect(row.label).toBe(input.labels![i]);
      expect(row.tau2_del).toBe(refits[i]!.tau2);
      expect(row.QE_del).toBe(refits[i]!.Q);
      expect(row.estimate_del).toBe(refits[i]!.transformed.estimate);
      expectClose(row.weight, full.studies[i]!.weight, 1e-12, `weight ${i}`);
    });
    expect(result.cutoffs).toEqual({ dffits: 3 * Math.sqrt(1 / 5), cook_d_probability: 0.5, hat: 3 / 6, dfbs: 1 });
  });

  test('leave-one-out rows already computed are reused as they are, and must be one per study', () => {
    const refits = leaveOneOut(input);
    expect(influence(input, refits)).toEqual(influence(input));
    expect(() => influence(input, refits.slice(1))).toThrow(/one per study/);
    expect(() => influence(input, [...refits].reverse())).toThrow(/one per study/);
  });

  test('a method the diagnostics do not cover is replaced by REML, with a warning', () => {
    const other = influence({ ...input, method: 'GLMM' as never });
    const reml = influence(input);
    expect(other.rows).toEqual(reml.rows);
    expect(other.method).toBe('REML');
    expect(other.warnings).toContain(messages.influenceOnInverseVariance('GLMM'));
    expect(reml.warnings).not.toContain(messages.influenceOnInverseVariance('GLMM'));
  });

  test('Hartung-Knapp with identical studies left: the infinite values metafor gives', () => {
    // r <- rma(measure = "PAS", xi = c(5, 5, 5, 9), ni = rep(20, 4), method = "DL", test = "knha")
    // influence(r): rstudent -0.5 (x3), Inf; dffits and dfbs -0.2886751 (x3), Inf;
    // cov.r 1.777778 (x3), 0; is.infl FALSE FALSE FALSE TRUE (metafor printed 7 digits)
    const result = influence({ events: [5, 5, 5, 9], n: [20, 20, 20, 20], transform: 'PAS', method: 'DL', ci: 'hk' });
    for (const row of result.rows.slice(0, 3)) {
      expectClose(row.rstudent, -0.5, 1e-12, 'rstudent');
      expectClose(row.dffits, -0.2886751, 1e-7, 'dffits');
      expectClose(row.dfbs, -0.2886751, 1e-7, 'dfbs');
      expectClose(row.cov_r, 1.777778, 1e-6, 'cov_r');
      expect(row.inf).toBe(false);
    }
    const last = result.rows[3]!;
    expect([last.rstudent, last.dffits, last.dfbs, last.cov_r, last.inf]).toEqual([Infinity, Infinity, Infinity, 0, true]);
    expect(baujat({ events: [5, 5, 5, 9], n: [20, 20, 20, 20], transform: 'PAS', method: 'DL', ci: 'hk' })[3]!.y).toBe(Infinity);
  });

  test('one study is refused', () => {
    expect(() => influence({ ...input, events: [3], n: [10], labels: undefined })).toThrow(messages.tooFewForInfluence(1));
  });
});

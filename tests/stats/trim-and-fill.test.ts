// Expected values: R metafor 3.8.1, scripts/r/make-funnel-fixtures.R:
//   r <- rma(measure, xi, ni, method, test, level, control = ...)
//   tf <- trimfill(r, estimator, [side], test, level, control = ...); predict(tf)
//   regtest(r, model = "lm")  (Egger's line);  funnel(): qnorm of the level
import { describe, expect, test } from 'vitest';
import { funnelData } from '../../src/lib/stats/analysis/funnel-data.ts';
import { trimAndFill, type TrimAndFillResult } from '../../src/lib/stats/analysis/trim-and-fill.ts';
import { messages, StatsInputError, type MetaProportionsInput } from '../../src/lib/stats/index.ts';
import { funnelSummary } from '../../src/lib/review/outcome-funnel.ts';
import { expectClose, loadFixture } from './helpers.ts';

/** The tolerance of this suite against metafor (relative, plus the same absolute floor). */
const TOLERANCE = 1e-6;

interface Case {
  id: string;
  events: number[];
  n: number[];
  transform: MetaProportionsInput['transform'];
  method: MetaProportionsInput['method'];
  ci: 'z' | 'hk';
  level: number;
  estimator: 'L0' | 'R0';
  side_given: 'left' | 'right' | null;
  expected: {
    side: 'left' | 'right';
    k0: number;
    k0_se: number;
    k0_p: number | null;
    filled_yi: number[];
    filled_vi: number[];
    k: number;
    tau2: number;
    I2: number;
    H2: number;
    Q: number;
    Q_p: number;
    transformed: Record<'estimate' | 'se' | 'ci_lower' | 'ci_upper' | 'pi_lower' | 'pi_upper', number>;
    proportion: Record<'estimate' | 'ci_lower' | 'ci_upper' | 'pi_lower' | 'pi_upper', number>;
    original: { estimate: number; yi: number[]; vi: number[] };
    funnel_z: number;
    egger: { intercept: number; slope: number } | null;
  };
}
const { cases } = loadFixture<{ cases: Case[] }>('trimfill');

const inputOf = (c: Case): MetaProportionsInput => ({ events: c.events, n: c.n, transform: c.transform, method: c.method, ci: c.ci, level: c.level });
const run = (c: Case): TrimAndFillResult => trimAndFill(inputOf(c), { estimator: c.estimator, ...(c.side_given ? { side: c.side_given } : {}) });

function expectMatches(r: TrimAndFillResult, e: Case['expected'], id: string): void {
  expect(r.side, `${id} side`).toBe(e.side);
  expect(r.k0, `${id} k0`).toBe(e.k0);
  expectClose(r.k0_se, e.k0_se, TOLERANCE, `${id} k0_se`);
  expectClose(r.k0_p, e.k0_p, TOLERANCE, `${id} k0_p`);
  expect(r.filled.length, `${id} filled`).toBe(e.filled_yi.length);
  r.filled.forEach((f, i) => {
    expectClose(f.yi, e.filled_yi[i], TOLERANCE, `${id} filled yi ${i}`);
    expectClose(f.vi, e.filled_vi[i], TOLERANCE, `${id} filled vi ${i}`);
  });
  expect(r.k + r.k0, `${id} k`).toBe(e.k);
  for (const key of ['tau2', 'I2', 'H2', 'Q', 'Q_p'] as const) expectClose(r[key], e[key], TOLERANCE, `${id} ${key}`);
  for (const [key, value] of Object.entries(e.transformed)) expectClose(r.transformed[key as keyof typeof e.transformed], value, TOLERANCE, `${id} transformed.${key}`);
  for (const [key, value] of Object.entries(e.proportion)) expectClose(r.proportion[key as keyof typeof e.proportion], value, TOLERANCE, `${id} proportion.${key}`);
}

describe('trimAndFill against metafor trimfill()', () => {
  test('the fixture covers every transform, method, interval, estimator and side, no study missing and many', () => {
    const seen = (f: (c: Case) => string) => new Set(cases.map(f));
    expect(seen((c) => c.transform)).toEqual(new Set(['PFT', 'PAS', 'PLO', 'PRAW']));
    expect(seen((c) => c.method)).toEqual(new Set(['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'SJ']));
    expect(seen((c) => c.ci)).toEqual(new Set(['z', 'hk']));
    expect(seen((c) => `${c.estimator} ${c.expected.side}`)).toEqual(new Set(['L0 left', 'L0 right', 'R0 left', 'R0 right']));
    expect(cases.some((c) => c.side_given === null) && cases.some((c) => c.side_given !== null)).toBe(true);
    expect(cases.filter((c) => c.expected.k0 === 0).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.expected.k0 >= 5).length).toBeGreaterThan(10);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    expectMatches(run(c), c.expected, id);
  });
});

describe('funnelData against metafor funnel() and regtest()', () => {
  test.each(cases.filter((c) => c.estimator === 'L0').map((c) => [c.id, c] as const))('%s', (id, c) => {
    const tf = run(c);
    const f = funnelData(inputOf(c), tf);
    const e = c.expected;
    f.studies.forEach((s, i) => {
      expectClose(s.yi, e.original.yi[i], TOLERANCE, `${id} yi ${i}`);
      expectClose(s.sei, Math.sqrt(e.original.vi[i]!), TOLERANCE, `${id} sei ${i}`);
    });
    expectClose(f.estimate, e.original.estimate, TOLERANCE, `${id} estimate`);
    expectClose(f.z, e.funnel_z, TOLERANCE, `${id} z`);
    const seMax = Math.max(...e.original.vi.map(Math.sqrt));
    expectClose(f.region.se_max, seMax, TOLERANCE, `${id} se_max`);
    expectClose(f.region.lower, e.original.estimate - e.funnel_z * seMax, TOLERANCE, `${id} region lower`);
    expectClose(f.region.upper, e.original.estimate + e.funnel_z * seMax, TOLERANCE, `${id} region upper`);
    // with two studies regtest() fits a line through both but has no test: the engine draws none
    if (e.egger === null || c.events.length < 3) expect(f.egger).toBeNull();
    else {
      expectClose(f.egger?.intercept, e.egger.intercept, TOLERANCE, `${id} egger intercept`);
      expectClose(f.egger?.slope, e.egger.slope, TOLERANCE, `${id} egger slope`);
    }
    expect(f.filled?.map((p) => p.yi)).toEqual(tf.filled.map((p) => p.yi));
    f.filled?.forEach((p, i) => expectClose(p.sei, Math.sqrt(e.filled_vi[i]!), TOLERANCE, `${id} filled sei ${i}`));
  });
});

describe('where metafor stops', () => {
  const equalSizes = cases.find((c) => c.id === 'edge1-L0')!;

  test('studies of equal precision: the side cannot be estimated, so the left side is assumed and said', () => {
    expect(equalSizes.side_given).toBe('left');
    const r = trimAndFill(inputOf(equalSizes), { estimator: 'L0' });
    expect(r.warnings).toContain(messages.trimFillSideAssumed());
    expectMatches(r, equalSizes.expected, equalSizes.id);
  });

  test('two studies under a random-effects model: the left side is assumed', () => {
    const two = cases.find((c) => c.id === 'edge3-R0')!;
    expect(two.method).toBe('REML');
    const r = trimAndFill(inputOf(two), { estimator: 'R0' });
    expect(r.warnings).toContain(messages.trimFillSideAssumed());
    expectMatches(r, two.expected, two.id);
  });

  test('a method the engine does not fit by inverse variance: REML of the same transform, with a warning', () => {
    const c = cases.find((x) => x.method === 'REML' && x.expected.k0 > 0)!;
    const glmm = { ...inputOf(c), method: 'GLMM' } as unknown as MetaProportionsInput;
    const r = trimAndFill(glmm, { estimator: c.estimator, ...(c.side_given ? { side: c.side_given } : {}) });
    expect(r.warnings[0]).toBe(messages.trimFillOnInverseVariance('GLMM'));
    expect(r.method).toBe('REML');
    expectMatches(r, c.expected, c.id);
  });

  test('one study: nothing to trim', () => {
    expect(() => trimAndFill({ events: [3], n: [10], transform: 'PLO', method: 'DL' })).toThrow(StatsInputError);
    expect(() => trimAndFill({ events: [3], n: [10], transform: 'PLO', method: 'DL' })).toThrow(messages.trimFillSingleStudy());
  });
});

describe('funnelSummary', () => {
  const c = cases.find((x) => x.expected.k0 >= 3 && x.events.length >= 8 && x.expected.egger !== null)!;
  const labels = c.events.map((_, i) => `Trial ${String.fromCharCode(65 + (i % 26))}${i}`);

  test('gives both estimators with their filled studies, labelled by the study they mirror', () => {
    const s = funnelSummary(inputOf(c), labels, { eggerMinK: 3 })!;
    const l0 = trimAndFill(inputOf(c), { estimator: 'L0' });
    const r0 = trimAndFill(inputOf(c), { estimator: 'R0' });
    expect(s.k).toBe(c.events.length);
    expect(s.studies.map((p) => p.label)).toEqual(labels);
    expect(s.trim_and_fill.L0?.k0).toBe(l0.k0);
    expect(s.trim_and_fill.R0?.k0).toBe(r0.k0);
    expect(s.trim_and_fill.L0?.estimate).toBe(l0.proportion.estimate);
    expect(s.trim_and_fill.L0?.filled.map((f) => f.mirrors)).toEqual(l0.filled.map((f) => labels[f.mirrors]));
    expectClose(s.estimate, c.expected.original.estimate, TOLERANCE, 'estimate');
    expectClose(s.egger?.slope, c.expected.egger!.slope, TOLERANCE, 'egger slope');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  test("Egger's line only from the minimum number of rows; nothing without rows", () => {
    expect(funnelSummary(inputOf(c), labels, { eggerMinK: c.events.length + 1 })!.egger).toBeNull();
    expect(funnelSummary(inputOf(c), labels, { eggerMinK: c.events.length })!.egger).not.toBeNull();
    expect(funnelSummary({ events: [], n: [], transform: 'PLO', method: 'DL' }, [], { eggerMinK: 3 })).toBeNull();
  });

  test('a review method that is not inverse-variance: the funnel and trim-and-fill use REML, and say so', () => {
    const glmm = { ...inputOf(c), method: 'GLMM' } as unknown as MetaProportionsInput;
    const s = funnelSummary(glmm, labels, { eggerMinK: 3 })!;
    const reml = funnelSummary({ ...inputOf(c), method: 'REML' }, labels, { eggerMinK: 3 })!;
    expect(s.method).toBe('REML');
    expect(s.warnings).toContain(messages.trimFillOnInverseVariance('GLMM'));
    expect(s.estimate).toBe(reml.estimate);
    expect(s.trim_and_fill.L0?.estimate).toBe(reml.trim_and_fill.L0?.estimate);
  });

  test('one row: a funnel without trim-and-fill', () => {
    const s = funnelSummary({ events: [3], n: [10], transform: 'PAS', method: 'REML' }, ['Only'], { eggerMinK: 3 })!;
    expect(s.studies).toHaveLength(1);
    expect(s.trim_and_fill).toEqual({ L0: null, R0: null });
  });
});

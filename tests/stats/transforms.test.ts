// Invariants of the transforms (fast-check) and the back-transform of metafor
// (transf.ipft.hm, transf.iarcsin, transf.ilogit; Miller 1978).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  arcsineSquareRoot,
  arcsineSquareRootInverse,
  backTransform,
  freemanTukey,
  freemanTukeyInverse,
  harmonicMean,
  logit,
  logitInverse,
  studyEffects,
} from '../../src/lib/stats/index.ts';
import { TOLERANCE } from './helpers.ts';

const proportion = fc.double({ min: 0, max: 1, noNaN: true });

describe('inverse(forward(p)) = p', () => {
  test('arcsine square root', () => {
    fc.assert(fc.property(proportion, (p) => Math.abs(arcsineSquareRootInverse(arcsineSquareRoot(p)) - p) < TOLERANCE.roundTrip));
  });

  test('logit', () => {
    fc.assert(fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p) => Math.abs(logitInverse(logit(p)) - p) < TOLERANCE.roundTrip));
  });

  test("Freeman-Tukey with Miller's inverse at the study's own n", () => {
    const study = fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(fc.property(study, ([x, n]) => Math.abs(freemanTukeyInverse(freemanTukey(x, n), n) - x / n) < TOLERANCE.roundTrip));
  });
});

describe('back-transforms clamp to [0, 1] as metafor does', () => {
  test('sin² is 0 below 0 and 1 above π/2', () => {
    expect([arcsineSquareRootInverse(-0.1), arcsineSquareRootInverse(2)]).toEqual([0, 1]);
  });

  test("Miller's inverse is 0 below the transform of 0 events and 1 above that of n", () => {
    expect([freemanTukeyInverse(freemanTukey(0, 20) - 1e-9, 20), freemanTukeyInverse(freemanTukey(20, 20) + 1e-9, 20)]).toEqual([0, 1]);
  });

  test('the PFT back-transform can be plain sin²', () => {
    expect(backTransform(0.5, 'PFT', 'sin2', 10)).toBe(Math.sin(0.5) ** 2);
    expect(backTransform(0.5, 'PFT', 'miller', 10)).not.toBe(Math.sin(0.5) ** 2);
  });

  test('raw proportions are not clamped (metafor leaves them as they are)', () => {
    expect(backTransform(-0.02, 'PRAW', 'miller', 10)).toBe(-0.02);
  });
});

describe('effect sizes as escalc', () => {
  test('the harmonic mean of 11, 17, 21 and 6 is 4 / Σ 1/n', () => {
    expect(harmonicMean([11, 17, 21, 6])).toBeCloseTo(4 / (1 / 11 + 1 / 17 + 1 / 21 + 1 / 6), 14);
  });

  test('variances: PFT 1/(4n+2), PAS 1/(4n), PLO 1/x + 1/(n-x), PRAW p(1-p)/n', () => {
    expect(studyEffects([3], [10], 'PFT', 0, 'only0').vi[0]).toBeCloseTo(1 / 42, 15);
    expect(studyEffects([3], [10], 'PAS', 0, 'only0').vi[0]).toBeCloseTo(1 / 40, 15);
    expect(studyEffects([3], [10], 'PLO', 0.5, 'only0').vi[0]).toBeCloseTo(1 / 3 + 1 / 7, 15);
    expect(studyEffects([3], [10], 'PRAW', 0.5, 'only0').vi[0]).toBeCloseTo(0.021, 15);
  });

  test('a correction adds to events and non-events, so n grows by twice the amount', () => {
    const { yi, vi } = studyEffects([0], [10], 'PRAW', 0.5, 'only0');
    expect([yi[0], vi[0]]).toEqual([0.5 / 11, ((0.5 / 11) * (10.5 / 11)) / 11]);
  });
});

// A GLMM whose tau² cannot be estimated: metafor's fit by default, the common-effect binomial
// fit with a note when asked (the site asks).
import { describe, expect, test } from 'vitest';
import { messages, metaProportions } from '../../src/lib/stats/index.ts';

// one event in one study, none in eighteen others: rma.glmm finds tau² = 14.40 and a pooled
// proportion anywhere between 0 and 1
const events = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const n = [24, 9, 37, 40, 33, 32, 12, 6, 5, 68, 10, 5, 19, 5, 12, 6, 26, 3, 3];

describe('GLMM fallback', () => {
  test("by default the fit is metafor's, however large tau² is", () => {
    const r = metaProportions({ events, n, transform: 'PLO', method: 'GLMM' });
    expect(r.method).toBe('GLMM');
    expect(r.tau2).toBeCloseTo(14.40288, 2);
    expect(r.proportion.ci_upper).toBeGreaterThan(0.99);
  });

  test('with glmmFallback: common-effect, one study with events gives the common-effect binomial fit and says why', () => {
    const r = metaProportions({ events, n, transform: 'PLO', method: 'GLMM', glmmFallback: 'common-effect' });
    const fe = metaProportions({ events, n, transform: 'PLO', method: 'GLMM-FE' });
    expect(r.method).toBe('GLMM-FE');
    expect(r.tau2).toBe(0);
    expect(r.proportion).toEqual(fe.proportion);
    // rma.glmm(method = "EE"): 0.28% (0.04% to 1.97%)
    expect(r.proportion.estimate).toBeCloseTo(1 / 355, 10);
    expect(r.warnings).toContain(messages.glmmNotIdentifiable(1, 19));
  });

  test('with enough studies with events the random-intercept fit stands', () => {
    const e = [1, 0, 2, 0, 3, 1, 0, 4];
    const m = [20, 15, 30, 12, 25, 18, 10, 40];
    const a = metaProportions({ events: e, n: m, transform: 'PLO', method: 'GLMM' });
    const b = metaProportions({ events: e, n: m, transform: 'PLO', method: 'GLMM', glmmFallback: 'common-effect' });
    expect(b.method).toBe('GLMM');
    expect(b.proportion).toEqual(a.proportion);
  });

  test('a fallback value it does not know is refused', () => {
    expect(() => metaProportions({ events, n, transform: 'PLO', method: 'GLMM', glmmFallback: 'zero' as never })).toThrow(/glmmFallback/);
  });
});

describe('GLMM with more than one peak of the likelihood in τ', () => {
  // rma.glmm (tight lme4 tolerances) finds these interior maxima; a search from the
  // moment estimate alone stopped at τ = 0 (a local maximum) or at a lower peak
  test('a local maximum at τ = 0 with a higher one inside', () => {
    const r = metaProportions({ events: [37, 0, 7, 81, 1, 0, 2, 1], n: [70, 2, 18, 180, 8, 2, 4, 10], transform: 'PLO', method: 'GLMM' });
    expect(r.tau2).toBeCloseTo(0.26717, 3);
    expect(r.transformed.estimate).toBeCloseTo(-0.59862, 3);
  });

  test('two interior peaks', () => {
    const r = metaProportions({ events: [135, 232, 0, 0], n: [246, 350, 2, 4], transform: 'PLO', method: 'GLMM' });
    expect(r.tau2).toBeCloseTo(0.92851, 4);
    expect(r.transformed.estimate).toBeCloseTo(-0.32416, 4);
    expect(r.transformed.se).toBeCloseTo(1.20046, 4);
  });
});

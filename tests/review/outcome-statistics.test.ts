/**
 * What analyses.json gives per outcome beyond the pooled estimate: τ²'s Q-profile interval,
 * both I² definitions, the notes of each estimate, whether the prediction interval is shown,
 * Egger's test from analysis.egger_min_k, the funnel with trim-and-fill, influence
 * diagnostics, the declared meta-regressions and the binomial models in the robustness table.
 */
import { describe, expect, test } from 'vitest';
import { analyseOutcome } from '../../src/lib/review/analyse-release.ts';
import { metaProportions, tau2ConfidenceInterval } from '../../src/lib/stats/index.ts';
import { reviewSchema, type Review } from '../../src/schemas/index.ts';
import { review as demo, trial } from './demo-review.ts';

const report = (data: Record<string, unknown>) => ({
  id: 'paper', citation: 'Paper', doi: '10.1000/xyz', type: 'full_article', date: '2024-06-01', release: 1, status: 'primary', data,
});
const numbers = (events: number, n: number) => ({ events, n, source: 'Table 2' });
// twelve trials with a dose each; adverse events are rare, one trial has the only event
const rows: [number, number, number, number][] = [
  [6, 20, 0, 20], [10, 25, 0, 25], [14, 30, 0, 30], [3, 12, 1, 12], [9, 15, 0, 15], [20, 41, 0, 41],
  [5, 18, 0, 18], [12, 22, 0, 22], [7, 30, 0, 30], [15, 24, 0, 24], [4, 16, 0, 16], [11, 19, 0, 19],
];
const trials = rows.map(([x, n, ae, m], i) =>
  trial(`t${String(i).padStart(2, '0')}`, {
    characteristics: { route: i % 3 === 0 ? 'iv' : 'oral', dose: 10 + 5 * i },
    reports: [report({ eff: { resp: numbers(x, n) }, saf: { ae: numbers(ae, m) } })],
  }),
);

function reviewWith(analysis: Record<string, unknown>, extra: Record<string, unknown> = {}): Review {
  return reviewSchema.parse({
    ...demo,
    subgroups: [{ id: 'route', characteristic: 'route' }],
    characteristics: [...demo.characteristics, { id: 'dose', label: 'Dose', type: 'number', unit: 'mg', show: ['table'] }],
    analysis: { transform: 'PLO', method: 'REML', ...analysis },
    ...extra,
  });
}

describe('heterogeneity and notes', () => {
  const review = reviewWith({});
  const o = analyseOutcome(review, trials, 'resp', 1);
  const input = { events: rows.map((r) => r[0]), n: rows.map((r) => r[1]), transform: 'PLO' as const, method: 'REML' as const };

  test("τ²'s Q-profile interval and both I² definitions are published", () => {
    const ci = tau2ConfidenceInterval(input)!;
    expect(o.overall!.tau2_ci).toEqual({ ...ci });
    const r = metaProportions(input);
    expect(o.overall!.I2).toBe(r.I2);
    expect(o.overall!.I2_Q).toBeCloseTo(Math.max(0, (100 * (r.Q - r.Q_df)) / r.Q), 10);
    expect(o.overall!.method).toBe('REML');
  });

  test('the prediction interval is shown from analysis.prediction_min_k studies', () => {
    expect(o.overall!.prediction_shown).toBe(true);
    const strict = analyseOutcome(reviewWith({ prediction_min_k: 13 }), trials, 'resp', 1, { robustness: false });
    expect(strict.overall!.prediction_shown).toBe(false);
  });

  test("Egger's test only from analysis.egger_min_k studies", () => {
    expect(o.egger).not.toBeNull();
    expect(o.egger_min_k).toBe(10);
    const fewer = analyseOutcome(reviewWith({ egger_min_k: 13 }), trials, 'resp', 1, { robustness: false });
    expect(fewer.egger).toBeNull();
    expect(fewer.funnel!.egger).toBeNull();
  });

  test('funnel, trim-and-fill and influence diagnostics come with every outcome', () => {
    expect(o.funnel!.studies).toHaveLength(12);
    expect(o.funnel!.trim_and_fill.L0).not.toBeNull();
    expect(o.influence!.rows).toHaveLength(12);
  });
});

describe('the robustness table', () => {
  test('holds Hartung-Knapp with the ad hoc correction and both binomial models', () => {
    const o = analyseOutcome(reviewWith({}), trials, 'ae', 1);
    const labels = o.robustness.map((r) => `${r.transform} ${r.method} ${r.ci}`);
    expect(labels).toContain('PLO REML hk-adhoc');
    expect(labels).toContain('PLO GLMM z');
    expect(labels).toContain('PLO GLMM-FE z');
    // one study has the only event: tau² cannot be estimated, so the common-effect fit is reported with a note
    const glmm = o.robustness.find((r) => r.method === 'GLMM')!.result!;
    expect(glmm.method).toBe('GLMM-FE');
    expect(glmm.warnings.join(' ')).toMatch(/only one study has events/);
  });

  test("the review's own method is a row, marked, even when it is not one of the usual variants", () => {
    const o = analyseOutcome(reviewWith({ method: 'PM', ci: 'hk-adhoc' }), trials, 'resp', 1);
    const own = o.robustness.filter((r) => r.primary);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ transform: 'PLO', method: 'PM', ci: 'hk-adhoc' });
    expect(own[0]!.result).toBe(o.overall);
  });
});

describe('a review pooled with the GLMM', () => {
  test('pools every outcome with it, falls back with a note where tau² cannot be estimated', () => {
    const review = reviewWith({ method: 'GLMM' });
    const resp = analyseOutcome(review, trials, 'resp', 1, { robustness: false });
    expect(resp.overall!.method).toBe('GLMM');
    const ae = analyseOutcome(review, trials, 'ae', 1, { robustness: false });
    expect(ae.overall!.method).toBe('GLMM-FE');
    expect(ae.overall!.proportion.estimate).toBeCloseTo(1 / rows.reduce((s, r) => s + r[3], 0), 12);
    // the diagnostics are those of the inverse-variance model of the same transform
    expect(resp.influence!.method).toBe('REML');
    // a level without events (oral) has no binomial estimate: the levels are pooled with REML, and say so
    const oral = ae.subgroups['route']!.levels['oral']!;
    expect(oral.method).toBe('REML');
    expect(oral.warnings[0]).toMatch(/^level oral: the binomial model has no finite estimate.*pooled with the inverse-variance model \(PLO, REML\) instead$/);
  });

  test('an outcome without any event is pooled with the inverse-variance model, and says so', () => {
    const none = rows.map(([x, n], i) => trial(`z${i}`, { reports: [report({ eff: { resp: numbers(x, n) }, saf: { ae: numbers(0, n) } })] }));
    const o = analyseOutcome(reviewWith({ method: 'GLMM' }), none, 'ae', 1, { robustness: false });
    expect(o.overall!.method).toBe('REML');
    expect(o.overall!.warnings[0]).toMatch(/no finite estimate.*instead$/);
    expect(o.leave_one_out).toHaveLength(12);
  });
});

describe('meta-regression declared in review.yaml', () => {
  test('is fitted on the characteristic, for the outcomes it names', () => {
    const review = reviewWith({}, { meta_regression: [{ id: 'by-dose', moderators: ['dose'], outcomes: ['resp'] }] });
    const o = analyseOutcome(review, trials, 'resp', 1, { robustness: false });
    expect(o.meta_regression).toHaveLength(1);
    const m = o.meta_regression[0]!;
    expect(m).toMatchObject({ id: 'by-dose', label: 'Dose', k: 12, skipped: null });
    expect(m.coefficients).toHaveLength(2);
    expect(analyseOutcome(review, trials, 'ae', 1, { robustness: false }).meta_regression).toEqual([]);
  });
});

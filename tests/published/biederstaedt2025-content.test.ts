/**
 * Release 1 of the hosted review, pooled from the real content files, reproduces the figures
 * of Biederstädt et al., Front Immunol 2025 as reconciled in the curation notes (values from
 * R metafor 3.8: rma(measure = "PAS", method = "REML"), back-transformed with transf.iarcsin;
 * subgroups fitted separately, Q-between from rma(yi, sei, method = "EE") on their estimates).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { analyseRelease } from '../../src/lib/review/analyse-release.ts';
import type { ReleaseAnalyses } from '../../src/lib/review/analyses-types.ts';

let r1: ReleaseAnalyses;
let r2: ReleaseAnalyses;
beforeAll(() => {
  const { review, trials } = loadReview('content');
  const records = trials.map((t) => ({ slug: t.slug, data: t.data }));
  r1 = analyseRelease(review, records, 1, { robustness: false });
  r2 = analyseRelease(review, records, 2, { robustness: false });
});

/** Percent with two decimals, as the curation notes print them. */
const pct = (p: number | undefined) => Number(((p ?? NaN) * 100).toFixed(2));
const interval = (o: { estimate: number; ci_lower: number; ci_upper: number }) => [pct(o.estimate), pct(o.ci_lower), pct(o.ci_upper)];

describe('Biederstädt 2025, release 1 from the content files', () => {
  test('counts 19 pooled studies, 235 patients for efficacy and 334 for safety', () => {
    expect(r1.counts.trials_included).toBe(19);
    expect(r1.counts.patients).toEqual({ efficacy: 235, safety: 334 });
    expect(r1.counts.trials_by_level['modality']).toEqual({ car_nk: 5, car_t: 14 });
  });

  test('Figure 3, bORR 52.52 [41.01, 63.88], k = 18, n = 235, I² 63.32', () => {
    const o = r1.outcomes['borr']!;
    expect([o.overall!.k, o.overall!.n]).toEqual([18, 235]);
    expect(interval(o.overall!.proportion)).toEqual([52.52, 41.01, 63.88]);
    expect(Number(o.overall!.I2.toFixed(2))).toBe(63.32);
  });

  test('bORR by cell type: CAR-NK 38.95 [28.42, 50.02], CAR-T 58.65 [41.53, 74.75], Q-between 3.594, p 0.058', () => {
    const s = r1.outcomes['borr']!.subgroups['modality']!;
    expect(interval(s.levels['car_nk']!.proportion)).toEqual([38.95, 28.42, 50.02]);
    expect(interval(s.levels['car_t']!.proportion)).toEqual([58.65, 41.53, 74.75]);
    expect(Number(s.Q_between!.toFixed(3))).toBe(3.594);
    expect(Number(s.Q_between_p!.toFixed(3))).toBe(0.058);
  });

  test('bCRR 32.77 [24.16, 42.02], k = 17, n = 231; Q-between 2.17, p 0.140', () => {
    const o = r1.outcomes['bcrr']!;
    expect([o.overall!.k, o.overall!.n]).toEqual([17, 231]);
    expect(interval(o.overall!.proportion)).toEqual([32.77, 24.16, 42.02]);
    expect(Number(o.subgroups['modality']!.Q_between!.toFixed(2))).toBe(2.17);
    expect(Number(o.subgroups['modality']!.Q_between_p!.toFixed(3))).toBe(0.14);
  });

  test.each([
    ['crs_g12', 17, 323, [29.75, 14.23, 48.17], 0.008],
    ['crs_g3', 18, 328, [0.02, 0.0, 0.48], 0.606],
    ['icans_g12', 17, 323, [1.14, 0.01, 4.05], 0.033],
    ['icans_g3', 18, 328, [0.66, 0.02, 2.25], 0.016],
    ['inf_g3', 15, 291, [7.8, 3.26, 14.09], null],
    ['inf_g12', 10, 249, [26.39, 16.25, 37.99], null],
    ['gvhd', 19, 334, [0.01, 0.0, 0.37], null],
  ] as const)('Table 3 safety outcome %s: k = %i, n = %i, pooled %j', (id, k, n, ci, p) => {
    const o = r1.outcomes[id]!;
    expect([o.overall!.k, o.overall!.n]).toEqual([k, n]);
    expect(interval(o.overall!.proportion)).toEqual(ci);
    if (p !== null) expect(Number(o.subgroups['modality']!.Q_between_p!.toFixed(3))).toBe(p);
  });

  test('CRS grade 1-2 by cell type: CAR-T 41.96 against CAR-NK 10.11', () => {
    const s = r1.outcomes['crs_g12']!.subgroups['modality']!;
    expect(pct(s.levels['car_t']!.proportion.estimate)).toBe(41.96);
    expect(pct(s.levels['car_nk']!.proportion.estimate)).toBe(10.11);
  });
});

describe('release 2: the cema-cel full paper replaces the abstract', () => {
  test('bORR uses 19/33 for cema-cel and keeps k = 18', () => {
    const row = r2.outcomes['borr']!.studies.find((s) => s.trial === 'cema-cel')!;
    expect([row.events, row.n, row.report]).toEqual([19, 33, 'jco-2025']);
    expect(r2.outcomes['borr']!.overall!.k).toBe(18);
    expect(r2.counts.patients['efficacy']).toBe(256);
  });

  test('release 1 still uses the abstract (8/12)', () => {
    const row = r1.outcomes['borr']!.studies.find((s) => s.trial === 'cema-cel')!;
    expect([row.events, row.n, row.report]).toEqual([8, 12, 'abstract-2023']);
  });
});

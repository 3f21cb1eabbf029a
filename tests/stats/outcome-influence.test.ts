// The analyses.json form of the influence diagnostics: the engine's numbers (checked against
// metafor in influence.test.ts) with labels, Baujat coordinates and metafor's cut-offs.
import { describe, expect, test } from 'vitest';
import { baujat } from '../../src/lib/stats/analysis/baujat.ts';
import { influence } from '../../src/lib/stats/analysis/influence.ts';
import { leaveOneOut, type MetaProportionsInput } from '../../src/lib/stats/index.ts';
import { INFLUENCE_MIN_ROWS, influenceSummary } from '../../src/lib/review/outcome-influence.ts';
import { expectClose } from './helpers.ts';

const input: MetaProportionsInput = { events: [4, 9, 16, 3, 40, 7], n: [10, 15, 20, 12, 45, 30], transform: 'PLO', method: 'REML' };
const labels = ['A', 'B', 'C', 'D', 'E', 'F'];

describe('influenceSummary', () => {
  test('carries the diagnostics, the Baujat coordinates and the flags of the engine', () => {
    const summary = influenceSummary(input, labels)!;
    const result = influence(input);
    const points = baujat(input, result);
    expect(summary.k).toBe(6);
    expect(summary.method).toBe('REML');
    expect(summary.rows.map((r) => r.label)).toEqual(labels);
    summary.rows.forEach((row, i) => {
      const r = result.rows[i]!;
      expect([row.rstudent, row.dffits, row.cook_d, row.cov_r, row.tau2_del, row.QE_del, row.hat, row.weight, row.dfbs]).toEqual([
        r.rstudent, r.dffits, r.cook_d, r.cov_r, r.tau2_del, r.QE_del, r.hat, r.weight, r.dfbs,
      ]);
      expect([row.baujat_x, row.baujat_y]).toEqual([points[i]!.x, points[i]!.y]);
      expect(row.influential).toBe(r.inf);
    });
    expect(summary.rows.some((r) => r.influential)).toBe(true);
    // qchisq(0.5, 1) in R
    expectClose(summary.cutoffs.cook_d, 0.454936423119572, 1e-12, 'cook_d cut-off');
    expect(summary.cutoffs.hat).toBe(3 / 6);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  test('gives the same summary from leave-one-out rows computed before', () => {
    expect(influenceSummary(input, labels, leaveOneOut(input))).toEqual(influenceSummary(input, labels));
  });

  test('is null below the minimum number of rows and for input the engine refuses', () => {
    expect(INFLUENCE_MIN_ROWS).toBe(3);
    expect(influenceSummary({ ...input, events: [4, 9], n: [10, 15] }, ['A', 'B'])).toBeNull();
    expect(influenceSummary({ ...input, events: [4, 9, 20], n: [10, 15, 12] }, ['A', 'B', 'C'])).toBeNull();
  });

  test('a variance of 0 (Hartung-Knapp with identical studies left) gives null, not NaN', () => {
    const summary = influenceSummary({ events: [5, 5, 5, 9], n: [20, 20, 20, 20], transform: 'PAS', method: 'DL', ci: 'hk' }, ['A', 'B', 'C', 'D'])!;
    const json = JSON.stringify(summary);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(summary.rows[3]!.baujat_y).toBeNull();
  });
});

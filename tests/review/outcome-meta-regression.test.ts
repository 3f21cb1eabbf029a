// The site's meta-regression summary: rows without a value are left out and counted, and the
// numbers are metafor's for the rows left (fixture: scripts/r/make-meta-regression-fixtures.R).
import { describe, expect, test } from 'vitest';
import { metaRegressionSummary, type ModeratorDeclaration } from '../../src/lib/review/outcome-meta-regression.ts';
import type { ModeratorInput } from '../../src/lib/stats/analysis/meta-regression-types.ts';
import { expectClose, expectFieldsClose, loadFixture, TOLERANCE } from '../stats/helpers.ts';

interface Case {
  id: string;
  events: number[];
  n: number[];
  transform: 'PFT' | 'PAS' | 'PLO' | 'PRAW';
  method: 'FE' | 'DL' | 'REML' | 'ML' | 'PM' | 'HE' | 'SJ';
  ci: 'z' | 'hk' | 'hk-adhoc';
  moderators: ModeratorInput[];
  expected: { coefficients: Record<string, number | string>[]; tau2: number; I2: number; QM: number; QMp: number; R2: number | null; grid?: { x: number; proportion: Record<string, number> }[] };
}
const { cases } = loadFixture<{ cases: Case[] }>('meta-regression');
const control = { threshold: 1e-12, maxIterations: 5000, stepAdjustment: 0.5 };

/** The case with two rows added that lack a value of the first moderator. */
function withMissing(c: Case) {
  const events = [...c.events, 3, 7];
  const n = [...c.n, 20, 30];
  const labels = [...c.events.map((_, i) => `Study ${i + 1}`), 'No value A', 'No value B'];
  const moderators: ModeratorDeclaration[] = c.moderators.map((m, j) => ({
    id: m.name,
    label: m.name === 'x1' ? 'Median age' : 'Route',
    type: m.type,
    values: [...m.values, j === 0 ? null : m.values[0]!, j === 0 ? undefined : m.values[1]!],
    ...(m.type === 'continuous' ? { unit: 'years' } : {}),
  }));
  return { input: { events, n, labels, transform: c.transform, method: c.method, ci: c.ci, control }, labels, moderators };
}

describe('meta-regression summary', () => {
  test.each(['mr002', 'mr003', 'mr010', 'mr028', 'mr058'])('%s: rows without a value are left out, the rest fitted as metafor', (id) => {
    const c = cases.find((x) => x.id === id)!;
    const { input, labels, moderators } = withMissing(c);
    const s = metaRegressionSummary(input, labels, moderators);
    expect(s.skipped).toBeNull();
    expect([s.k, s.k_total, s.dropped]).toEqual([c.events.length, c.events.length + 2, 2]);
    expect(s.dropped_labels).toEqual(['No value A', 'No value B']);
    s.coefficients.forEach((row, j) => {
      const { name: _name, ...expected } = c.expected.coefficients[j]!;
      expectFieldsClose({ ...row, z_or_t: row.statistic }, expected, TOLERANCE.metafor, `${id} ${row.label}`);
    });
    expectClose(s.tau2, c.expected.tau2, TOLERANCE.metafor, 'tau2');
    expectClose(s.I2, c.expected.I2, TOLERANCE.metafor, 'I2');
    expectClose(s.QM, c.expected.QM, TOLERANCE.metafor, 'QM');
    expectClose(s.QM_p, c.expected.QMp, TOLERANCE.metafor, 'QMp');
    expectClose(s.R2, c.expected.R2, TOLERANCE.metafor, 'R2');
    expect(s.coefficients[0]!.label).toBe('Intercept');
    if (c.moderators.length === 1 && c.moderators[0]!.type === 'continuous') {
      expect(s.bubble?.studies.map((x) => x.x)).toEqual(c.moderators[0]!.values);
      expect(s.bubble?.studies.map((x) => x.proportion)).toEqual(c.events.map((e, i) => e / c.n[i]!));
      expect(s.bubble?.line).toHaveLength(60);
      expect(s.bubble?.line[0]!.x).toBe(c.expected.grid![0]!.x);
      expectFieldsClose(s.bubble?.line[0], { estimate: c.expected.grid![0]!.proportion['estimate'], ci_lower: c.expected.grid![0]!.proportion['ci_lower'] }, TOLERANCE.metafor, 'line');
    } else {
      expect(s.bubble).toBeNull();
      const dummy = s.coefficients.find((row) => row.level !== null)!;
      expect(dummy.label).toBe(`Route: ${dummy.level} vs a`);
    }
  });

  test('is skipped, with the reason, when the rows left do not exceed the coefficients by two', () => {
    const labels = ['A', 'B', 'C', 'D'];
    const input = { events: [1, 2, 3, 4], n: [10, 10, 10, 10], transform: 'PLO' as const, method: 'REML' as const };
    const route: ModeratorDeclaration = { id: 'route', label: 'Route', type: 'categorical', values: ['oral', 'iv', 'sc', null] };
    const s = metaRegressionSummary(input, labels, [route]);
    expect(s.skipped).toBe('3 rows give a value of every moderator: too few for 3 coefficients (at least 5 needed)');
    expect([s.k, s.dropped, s.QM, s.coefficients.length]).toEqual([3, 1, null, 0]);
    const flat = metaRegressionSummary(input, labels, [{ ...route, values: ['oral', 'oral', 'oral', 'oral'] }]);
    expect(flat.skipped).toBe('no moderator varies across the rows that give a value');
    expect(JSON.parse(JSON.stringify(flat))).toEqual(flat);
  });
});

// Release 1 of the hosted review: allogeneic CAR-T and CAR-NK cell therapy in r/r LBCL
// (the source review of 2025, seeds/000 in the curation folder). Data: Table 2 (evaluable
// LBCL patients, best ORR and best CRR) with the reconciliation of the curation notes:
// KUR-502 n/ORR/CR = 2/1/1 (inferred from the efficacy total of 235), CTX110 CR = 11/32
// (the table prints 34.6%), ET-901 CR not disclosed (left out of bCRR). Modality: CAR-NK or
// CAR-T (KUR-502, a CAR-NKT product, grouped with CAR-T).
// Pooling as the review: PAS, REML, Wald z, back-transform sin², subgroup test with a
// separate tau² per subgroup. Expected values: R metafor (scripts/r/make-stats-fixtures.R):
//   rma(measure = "PAS", xi, ni, method = "REML", control = list(threshold = 1e-12, ...))
//   predict(r, transf = transf.iarcsin); per modality the same; rma(b, sei = se, method = "EE")$QE
import { describe, expect, test } from 'vitest';
import { metaProportions, type MetaProportionsInput } from '../../../src/lib/stats/index.ts';
import { expectClose, expectFieldsClose, loadFixture, percent, TOLERANCE } from '../helpers.ts';

interface Entry {
  input: MetaProportionsInput;
  expected: Record<string, unknown> & { metafor_default: { tau2: number; I2: number } };
}
const fixture = loadFixture<Record<string, Entry>>('published');
const orr = fixture['release1_orr']!;
const crr = fixture['release1_cr']!;
const strip = ({ yi, vi, weight, tau2_ci, subgroups, metafor_default, ...rest }: Record<string, unknown>) => rest;

describe('Biederstaedt et al. 2025, release 1 of the hosted review', () => {
  const bORR = metaProportions(orr.input);
  const bCRR = metaProportions(crr.input);

  test('the transcribed data have the totals of the paper: 235 patients for bORR (77 CAR-NK), 231 for bCRR', () => {
    const total = (input: MetaProportionsInput, modality?: string) =>
      input.n.filter((_, i) => modality === undefined || input.groups![i] === modality).reduce((a, b) => a + b, 0);
    expect([bORR.k, total(orr.input), total(orr.input, 'CAR-NK'), total(orr.input, 'CAR-T')]).toEqual([18, 235, 77, 158]);
    expect([bCRR.k, total(crr.input)]).toEqual([17, 231]);
  });

  test('Figure 3 and the curation notes: bORR 52.52 [41.01, 63.88], I² 63.32', () => {
    expect(percent(bORR.proportion.estimate)).toBe(52.52);
    expect(percent(bORR.proportion.ci_lower)).toBe(41.01);
    expect(percent(bORR.proportion.ci_upper)).toBe(63.88);
    expect(Math.round(bORR.I2 * 100) / 100).toBe(63.32);
    expect(bORR.Q_p).toBeLessThan(0.001);
  });

  test('Figure 3 by modality: CAR-NK 38.95 [28.42, 50.02], CAR-T 58.65 [41.53, 74.75]', () => {
    const nk = bORR.subgroups!['CAR-NK']!;
    const t = bORR.subgroups!['CAR-T']!;
    expect([percent(nk.proportion.estimate), percent(nk.proportion.ci_lower), percent(nk.proportion.ci_upper)]).toEqual([38.95, 28.42, 50.02]);
    expect([percent(t.proportion.estimate), percent(t.proportion.ci_lower), percent(t.proportion.ci_upper)]).toEqual([58.65, 41.53, 74.75]);
    expect([nk.k, t.k]).toEqual([5, 13]);
    expect(Math.round(nk.I2 * 100) / 100).toBe(0);
    expect(Math.round(t.I2 * 100) / 100).toBe(74.89);
  });

  test('Figure 3, test between subgroups with separate tau²: Q = 3.594 (1 df), p = 0.058', () => {
    expect(Math.round(bORR.Q_between! * 1000) / 1000).toBe(3.594);
    expect(bORR.Q_between_df).toBe(1);
    expect(Math.round(bORR.Q_between_p! * 1000) / 1000).toBe(0.058);
  });

  test('Figure 4 and the curation notes: bCRR 32.77 [24.16, 42.02], Q between 2.17', () => {
    expect([percent(bCRR.proportion.estimate), percent(bCRR.proportion.ci_lower), percent(bCRR.proportion.ci_upper)]).toEqual([32.77, 24.16, 42.02]);
    expect(Math.round(bCRR.Q_between! * 100) / 100).toBe(2.17);
    expect(Math.round(bCRR.Q_p * 1000) / 1000).toBe(0.021);
  });

  test('bCRR I² is 46.16 when REML converges; the notes print 46.17, metafor at its default threshold of 1e-5', () => {
    expect(Math.round(bCRR.I2 * 100) / 100).toBe(46.16);
    const loose = metaProportions({ ...crr.input, control: { threshold: 1e-5, stepAdjustment: 1, maxIterations: 100 } });
    expectClose(loose.I2, crr.expected.metafor_default.I2, TOLERANCE.metafor, 'I2 at metafor defaults');
    expect(Math.round(loose.I2 * 100) / 100).toBe(46.17);
  });

  test.each([
    ['bORR', orr],
    ['bCRR', crr],
  ] as const)('%s matches metafor to every digit printed (TOLERANCE.metafor), overall and per modality', (_, entry) => {
    const result = metaProportions(entry.input);
    expectFieldsClose(result, strip(entry.expected), TOLERANCE.metafor);
    const subgroups = entry.expected['subgroups'] as Record<string, Record<string, unknown>>;
    for (const [level, expected] of Object.entries(subgroups)) {
      expectFieldsClose(result.subgroups![level], strip(expected), TOLERANCE.metafor, level);
    }
    expect(result.warnings).toEqual([]);
  });
});

// Miller (1978). The inverse of the Freeman-Tukey double arcsine transformation. The
// American Statistician 32(4), 138. https://doi.org/10.1080/00031305.1978.10479283
// The four studies of p. 138, pooled on the double arcsine scale (common-effect model) and
// back-transformed with the harmonic mean of n: 0.3595 (metafor
// test_analysis_example_miller1978.r; expected values from scripts/r/make-stats-fixtures.R:
//   rma(measure = "PFT", xi, ni, method = "EE"); predict(r, transf = transf.ipft.hm, targs = list(ni = ni))
import { describe, expect, test } from 'vitest';
import { freemanTukey, freemanTukeyInverse, metaProportions, type MetaProportionsInput } from '../../../src/lib/stats/index.ts';
import { expectFieldsClose, loadFixture, TOLERANCE } from '../helpers.ts';

interface Entry {
  input: MetaProportionsInput;
  expected: Record<string, unknown>;
}
const fixture = loadFixture<Record<string, Entry>>('published');

describe('Miller 1978', () => {
  test('p. 138: the transformed values, twice metafor\'s, are 1.1391, 1.2888, 1.5253, 0.9515', () => {
    const values = [3, 6, 10, 1].map((x, i) => 2 * freemanTukey(x, [11, 17, 21, 6][i]!));
    expect(values.map((v) => v.toFixed(4))).toEqual(['1.1391', '1.2888', '1.5253', '0.9515']);
  });

  test('p. 138: the weighted mean back-transforms to 0.3595', () => {
    const { input, expected } = fixture['miller1978']!;
    const { yi, vi, weight, ...pooled } = expected;
    const result = metaProportions(input);
    expectFieldsClose(result, pooled, TOLERANCE.metafor);
    expect(result.proportion.estimate.toFixed(4)).toBe('0.3595');
  });

  test('proportions of 0 and 1 back-transform exactly, and the pooled value is 0.6886 [0.5734, 0.7943]', () => {
    const { input, expected } = fixture['miller1978_zero_and_one']!;
    const { yi, vi, weight, ...pooled } = expected;
    const result = metaProportions(input);
    expectFieldsClose(result, pooled, TOLERANCE.metafor);
    expect([result.proportion.estimate, result.proportion.ci_lower, result.proportion.ci_upper].map((p) => p.toFixed(4))).toEqual(['0.6886', '0.5734', '0.7943']);
    const studies = input.events.map((x, i) => freemanTukeyInverse(freemanTukey(x, input.n[i]!), input.n[i]!));
    expect(studies.map((p) => Math.round(p * 1e10) / 1e10)).toEqual([0, 0.4, 0.6, 0.8, 1]);
  });
});

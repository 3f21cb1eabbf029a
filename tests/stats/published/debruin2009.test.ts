// de Bruin et al. (2009), Health Psychology 28(6), 668-674, https://doi.org/10.1037/a0015989:
// proportions with an undetectable viral load in 13 standard-care groups, metafor's
// dat.debruin2009. metafor's documented example: rma(yi, vi) on raw proportions (REML), and
// meta-regression with ethnicity; the common-tau² subgroup test is that model:
//   rma(measure = "PR", xi, ni, mods = ~ factor(ethnicity), method = "REML", test = "z"|"knha")
import { describe, expect, test } from 'vitest';
import { metaProportions, type MetaProportionsInput } from '../../../src/lib/stats/index.ts';
import { expectClose, expectFieldsClose, loadFixture, TOLERANCE } from '../helpers.ts';

interface Entry {
  input: MetaProportionsInput;
  expected: Record<string, unknown>;
}
const fixture = loadFixture<Record<string, Entry>>('published');

describe('de Bruin et al. 2009 (metafor dat.debruin2009)', () => {
  test('the random-effects model of raw proportions reproduces metafor', () => {
    const { input, expected } = fixture['debruin2009_PRAW_REML']!;
    const { yi, vi, weight, ...pooled } = expected;
    const result = metaProportions(input);
    expectFieldsClose(result, pooled, TOLERANCE.metafor);
    expectFieldsClose(result.studies.map((row) => row.weight), weight, TOLERANCE.metafor, 'weight');
  });

  test.each(['z', 'hk'] as const)('ethnicity with a common tau² (metafor mods) reproduces QM and each level, %s', (ci) => {
    const { input, expected } = fixture[`debruin2009_ethnicity_common_${ci}`]!;
    const { tau2, ...rest } = expected as { tau2: number };
    const result = metaProportions(input);
    expect(result.subgroup_test).toBe('common');
    expectFieldsClose(result, rest, TOLERANCE.metafor);
    for (const level of Object.values(result.subgroups!)) expectClose(level.tau2, tau2, TOLERANCE.metafor, 'common tau2');
    expect(result.Q_between_df2).toBe(ci === 'hk' ? 11 : null);
  });
});

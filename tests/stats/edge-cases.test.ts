// Expected values: R metafor, scripts/r/make-stats-fixtures.R section 4, e.g.
//   rma(measure = "PLO", xi, ni, method = "PM", add = 0.25, to = "if0all", control = ...)
import { describe, expect, test } from 'vitest';
import { messages, metaProportions, type MetaProportionsInput } from '../../src/lib/stats/index.ts';
import { expectFieldsClose, expectTau2Interval, loadFixture, TOLERANCE } from './helpers.ts';

interface Entry {
  input: MetaProportionsInput;
  expected: Record<string, unknown>;
}
const fixture = loadFixture<Record<string, Entry>>('edge-cases');
const names = Object.keys(fixture).filter((name) => typeof fixture[name] === 'object' && 'input' in fixture[name]!);

describe('edge cases reproduce metafor', () => {
  test.each(names)('%s', (name) => {
    const { input, expected } = fixture[name]!;
    const { yi, vi, weight, tau2_ci, ...pooled } = expected;
    const result = metaProportions(input);
    expectFieldsClose(result, pooled, TOLERANCE.metafor);
    expectTau2Interval(result.tau2_ci, tau2_ci as Record<string, number> | undefined, result.tau2);
    expectFieldsClose(result.studies.map((row) => row.yi), [yi].flat(), TOLERANCE.metafor, 'yi');
    expectFieldsClose(result.studies.map((row) => row.vi), [vi].flat(), TOLERANCE.metafor, 'vi');
  });
});

describe('continuity correction follows escalc', () => {
  const input = fixture['plo_zero_events']!.input;

  test('PLO adds 1/2 to studies with 0 or n events and says so', () => {
    const result = metaProportions(input);
    expect(result.studies.map((row) => row.corrected)).toEqual([true, false, false, true, false]);
    expect(result.warnings).toContain(messages.correctionApplied(0.5, 2, 'PLO'));
  });

  test('PAS and PFT are not corrected by default', () => {
    for (const transform of ['PAS', 'PFT'] as const) {
      const result = metaProportions({ ...input, transform });
      expect(result.studies.some((row) => row.corrected)).toBe(false);
      expect(result.warnings.some((warning) => warning.startsWith('continuity correction'))).toBe(false);
    }
  });

  test('without a correction, a logit of 0 events is refused with a named error', () => {
    expect(() => metaProportions({ ...input, correction: 0 })).toThrow(messages.zeroVariance(1, 'PLO'));
    expect(() => metaProportions({ ...input, correction: { to: 'none' } })).toThrow(messages.zeroVariance(1, 'PLO'));
  });

  test('study proportions and intervals use the observed counts, not the corrected ones', () => {
    const row = metaProportions(input).studies[0]!;
    expect([row.proportion, row.ci_lower]).toEqual([0, 0]);
  });
});

describe('a single study', () => {
  test('has tau² = 0, no heterogeneity and a warning', () => {
    const result = metaProportions(fixture['single_study']!.input);
    expect([result.k, result.tau2, result.Q, result.Q_df, result.Q_p, result.I2, result.H2]).toEqual([1, 0, 0, 0, 1, 0, 1]);
    expect(result.warnings).toContain(messages.singleStudy());
    expect(result.tau2_ci).toBeNull();
  });

  test('falls back to a z interval when Hartung-Knapp is asked for', () => {
    const result = metaProportions({ ...fixture['single_study']!.input, ci: 'hk' });
    expect(result.ci).toBe('z');
    expect(result.warnings).toContain(messages.hartungKnappSingleStudy());
  });
});

// Expected values: R metafor, scripts/r/make-edge-fixtures.R, e.g.
//   rma(measure = "PLO", xi, ni, method = "PM", add = 0.25, to = "if0all", control = ...)
// The first ten cases (also written by make-stats-fixtures.R, section 4) are compared to 1e-9;
// the grid of edges (k = 1 and 2, all-zero events, all events, n = 1, n = 1,000,000, identical
// studies, one huge study, by PFT, PAS, PLO and PRAW and FE, DL, REML, ML and PM) to 1e-6
// relative and absolute, as the cross-check in ../shared/oracle/compare.py.
import { describe, expect, test } from 'vitest';
import { messages, metaProportions, type MetaProportionsInput } from '../../src/lib/stats/index.ts';
import { expectClose, expectFieldsClose, expectTau2Interval, loadFixture, TOLERANCE } from './helpers.ts';

interface Entry {
  input: MetaProportionsInput;
  expected?: Record<string, unknown>;
  metafor_warnings?: string[];
  metafor_error?: string;
}
const fixture = loadFixture<Record<string, Entry>>('edge-cases');
const names = Object.keys(fixture).filter((name) => typeof fixture[name] === 'object' && 'input' in fixture[name]!);
const SECTION_4 = ['plo_zero_events', 'praw_zero_events', 'plo_add_all', 'plo_if0all_quarter', 'pas_with_correction', 'pft_zero_and_all', 'single_study', 'hk_equal_effects', 'fe_equal_effects', 'sj_two_studies'];
const EDGES = ['k1', 'k2', 'all_zero', 'all_events', 'n_one', 'n_million', 'identical', 'one_huge', 'million_beside_six'];
const EDGE_TOLERANCE = 1e-6;

/** Where metafor warned: what the engine does instead, pinned case by case. */
const METAFOR_WARNED: Record<string, { warning: string; engine: 'matches' | 'falls back to DL' }> = {};
for (const method of ['fe', 'dl', 'reml', 'ml', 'pm']) {
  METAFOR_WARNED[`million_beside_six_praw_${method}`] = {
    warning: 'Ratio of largest to smallest sampling variance extremely large. May not be able to obtain stable results.',
    // metafor's REML stops at tau² = 0 after one step; the engine's Fisher scoring loses all
    // precision on the way there and falls back to DL, which gives the same tau² = 0.
    engine: method === 'reml' ? 'falls back to DL' : 'matches',
  };
}

/**
 * The Q-profile interval of tau² to the edge tolerance. metafor searches only up to
 * max(100, 10 tau²) and reports that limit when the crossing lies beyond it (k = 2 with far
 * apart studies); the engine finds the crossing, so there it must only be above the limit.
 */
function expectEdgeInterval(actual: Record<string, number> | null, expected: Record<string, number> | undefined, tau2: number): void {
  if (expected === undefined) {
    expect(actual, 'tau2_ci').toBeNull();
    return;
  }
  expect(actual, 'tau2_ci').not.toBeNull();
  const limit = Math.max(100, 10 * tau2);
  const atLimit = Math.abs(expected['tau2_upper']! - limit) <= EDGE_TOLERANCE * limit;
  for (const [field, value] of Object.entries(expected)) {
    if (atLimit && field.endsWith('_upper')) continue;
    expectClose(actual![field], value, EDGE_TOLERANCE, `tau2_ci.${field}`);
  }
  if (atLimit) expect(actual!['tau2_upper'], "tau2_ci.tau2_upper: beyond metafor's search limit").toBeGreaterThan(limit);
}

test('the fixture holds every edge case (run scripts/r/make-edge-fixtures.R after make-stats-fixtures.R)', () => {
  expect(SECTION_4.filter((name) => !names.includes(name))).toEqual([]);
  const missing = EDGES.flatMap((edge) => ['pft', 'pas', 'plo', 'praw'].flatMap((t) => ['fe', 'dl', 'reml', 'ml', 'pm'].map((m) => `${edge}_${t}_${m}`))).filter(
    (name) => !names.includes(name),
  );
  expect(missing).toEqual([]);
});

describe('edge cases reproduce metafor', () => {
  test.each(names)('%s', (name) => {
    const { input, expected, metafor_warnings: warned, metafor_error: error } = fixture[name]!;
    expect(error, 'metafor stopped on this case: pin what the engine does in the test').toBeUndefined();
    const pinned = METAFOR_WARNED[name];
    expect(warned ?? [], 'metafor warned on this case: pin what the engine does').toEqual(pinned ? [pinned.warning] : []);
    const tolerance = SECTION_4.includes(name) ? TOLERANCE.metafor : EDGE_TOLERANCE;
    const { yi, vi, weight, tau2_ci, ...pooled } = expected!;
    const result = metaProportions(input);
    if (pinned?.engine === 'falls back to DL') {
      expect(result.method).toBe('DL');
      expect(result.warnings.some((w) => w.startsWith(`${input.method} did not converge`))).toBe(true);
    }
    expectFieldsClose(result, pooled, tolerance);
    const interval = result.tau2_ci as unknown as Record<string, number> | null;
    if (pinned?.engine === 'falls back to DL') {
      // the interval belongs to the model fitted (DL), not to metafor's REML
    } else if (SECTION_4.includes(name)) {
      expectTau2Interval(result.tau2_ci, tau2_ci as Record<string, number> | undefined, result.tau2);
    } else {
      expectEdgeInterval(interval, tau2_ci as Record<string, number> | undefined, result.tau2);
    }
    expectFieldsClose(result.studies.map((row) => row.yi), [yi].flat(), tolerance, 'yi');
    expectFieldsClose(result.studies.map((row) => row.vi), [vi].flat(), tolerance, 'vi');
    expectFieldsClose(result.studies.map((row) => row.weight), [weight].flat(), tolerance, 'weight');
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

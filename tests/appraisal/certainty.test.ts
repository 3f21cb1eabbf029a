import { describe, expect, test } from 'vitest';
import { certaintySettingsSchema, GRADE_DOMAINS, type CertaintyEntry } from '../../src/schemas/appraisal.ts';
import { certaintyLevel, certaintyPrompts, outcomeCertainty, plainStatement, type CertaintyContext } from '../../src/lib/appraisal/certainty.ts';
import type { OutcomeAnalysis, PooledResult } from '../../src/lib/review/analyses-types.ts';
import type { OutcomeRiskOfBias } from '../../src/lib/appraisal/types.ts';

const settings = certaintySettingsSchema.parse({});
const ctx: CertaintyContext = { i2: 'tau2', level: 0.95, eggerMinK: 10, hasTool: true, variables: { route: 'Route' } };

function outcome(over: Partial<PooledResult> & { ci?: [number, number] } = {}, extra: Partial<OutcomeAnalysis> = {}): OutcomeAnalysis {
  const [lo, hi] = over.ci ?? [0.4, 0.55];
  const overall = {
    k: 12, trials: 12, n: 400, events: 190, tau2: 0.01, I2: 30, H2: 1.4, Q: 15, Q_df: 11, Q_p: 0.2, I2_Q: 27, H2_Q: 1.3, method: 'REML', tau2_ci: null,
    transformed: { estimate: 0, ci_lower: 0, ci_upper: 0, pi_lower: 0, pi_upper: 0, se: 0 },
    proportion: { estimate: 0.475, ci_lower: lo, ci_upper: hi, pi_lower: 0.3, pi_upper: 0.65 },
    clamped: [], prediction_shown: true, warnings: [], ...over,
  } as PooledResult;
  return {
    id: 'resp', label: 'Response', short_label: 'Resp', kind: 'efficacy', population: 'p', overall, subgroups: {}, studies: [], not_disclosed: [], not_pooled: [],
    leave_one_out: [], leave_one_trial_out: null, cumulative: [], robustness: [], egger: { slope: 0, slope_se: 1, t: 0.5, df: 10, p: 0.6 }, egger_min_k: 10,
    funnel: null, influence: null, meta_regression: [], ...extra,
  };
}
const rob = (high: number, unclear = 0): OutcomeRiskOfBias => ({ summary: [], overall_shares: { high, unclear, low: 1 - high - unclear }, overall_counts: {} });
const rated = (r: 'not_serious' | 'serious' | 'very_serious' | 'suggested', reason = 'because'): CertaintyEntry => ({
  domains: Object.fromEntries(GRADE_DOMAINS.map((d) => [d, { rating: d === 'indirectness' && r === 'suggested' ? 'not_serious' : r, reason }])) as CertaintyEntry['domains'],
  upgrades: [],
  footnotes: [],
});

describe('the data\'s prompts', () => {
  test('inconsistency from the review\'s I², at the thresholds', () => {
    expect(certaintyPrompts(outcome({ I2: 49.9 }), rob(0), settings, ctx).inconsistency.suggested).toBe('not_serious');
    expect(certaintyPrompts(outcome({ I2: 50 }), rob(0), settings, ctx).inconsistency.suggested).toBe('serious');
    expect(certaintyPrompts(outcome({ I2: 80 }), rob(0), settings, ctx).inconsistency.suggested).toBe('very_serious');
    // the review leads with I² from Q: that one decides
    expect(certaintyPrompts(outcome({ I2: 80, I2_Q: 10 }), rob(0), settings, { ...ctx, i2: 'Q' }).inconsistency).toMatchObject({ suggested: 'not_serious' });
    expect(certaintyPrompts(outcome({ k: 1 }), rob(0), settings, ctx).inconsistency.prompt).toMatch(/single study/);
    const sub = outcome({ I2: 60 }, { subgroups: { route: { levels: {}, Q_between: 5, Q_between_df: 1, Q_between_p: 0.02, test: 'separate' } } });
    expect(certaintyPrompts(sub, rob(0), settings, ctx).inconsistency.prompt).toMatch(/subgroup test by Route \(p = 0.020\)/);
  });
  test('imprecision from the interval\'s width, the outcome\'s own thresholds and the patients', () => {
    expect(certaintyPrompts(outcome({ ci: [0.4, 0.6] }), rob(0), settings, ctx).imprecision.suggested).toBe('not_serious');
    expect(certaintyPrompts(outcome({ ci: [0.4, 0.61] }), rob(0), settings, ctx).imprecision.suggested).toBe('serious');
    expect(certaintyPrompts(outcome({ ci: [0.2, 0.61] }), rob(0), settings, ctx).imprecision.suggested).toBe('very_serious');
    const own = certaintySettingsSchema.parse({ outcomes: { resp: { imprecision: { serious_width: 5 } } } });
    expect(certaintyPrompts(outcome({ ci: [0.4, 0.46] }), rob(0), own, ctx).imprecision.suggested).toBe('serious');
    const ois = certaintySettingsSchema.parse({ imprecision: { min_patients: 500 } });
    expect(certaintyPrompts(outcome(), rob(0), ois, ctx).imprecision).toMatchObject({ suggested: 'serious' });
  });
  test('publication bias from Egger where k allows; risk of bias from the weight at high risk', () => {
    expect(certaintyPrompts(outcome({}, { egger: { slope: 1, slope_se: 0.3, t: 3, df: 10, p: 0.05 } }), rob(0), settings, ctx).publication_bias.suggested).toBe('serious');
    expect(certaintyPrompts(outcome({}, { egger: null }), rob(0), settings, ctx).publication_bias.prompt).toMatch(/needs at least 10 studies/);
    expect(certaintyPrompts(outcome(), rob(0.2), settings, ctx).risk_of_bias.suggested).toBe('not_serious');
    expect(certaintyPrompts(outcome(), rob(0.3, 0.2), settings, ctx).risk_of_bias.suggested).toBe('serious');
    expect(certaintyPrompts(outcome(), rob(0.85), settings, ctx).risk_of_bias.suggested).toBe('very_serious');
    expect(certaintyPrompts(outcome(), null, settings, { ...ctx, hasTool: false }).risk_of_bias.suggested).toBeNull();
    expect(certaintyPrompts(outcome(), rob(0), settings, ctx).indirectness.suggested).toBeNull();
  });
});

describe('the certainty', () => {
  test('starts where the review says and loses a level per serious domain, never below very low', () => {
    expect(certaintyLevel('high', 0, 0)).toBe('high');
    expect(certaintyLevel('high', 1, 0)).toBe('moderate');
    expect(certaintyLevel('high', 3, 0)).toBe('very_low');
    expect(certaintyLevel('high', 5, 0)).toBe('very_low');
    expect(certaintyLevel('low', 0, 1)).toBe('moderate');
    expect(certaintyLevel('low', 0, 4)).toBe('high');
  });
  test('the curator\'s ratings decide; "suggested" takes the prompt and says so', () => {
    const o = outcome({ I2: 80, ci: [0.2, 0.61] });
    const c = outcomeCertainty(o, rob(0), rated('suggested'), settings, ctx, 'respond');
    expect(c.domains.inconsistency).toMatchObject({ rating: 'very_serious', confirmed: true, overrides: false });
    expect(c.domains.imprecision.rating).toBe('very_serious');
    expect(c.rating).toBe('very_low');
    const mine = outcomeCertainty(o, rob(0), rated('not_serious'), settings, ctx, 'respond');
    expect(mine.rating).toBe('high');
    expect(mine.domains.inconsistency).toMatchObject({ rating: 'not_serious', overrides: true, reason: 'because' });
  });
  test('a domain not rated leaves the outcome unrated; footnotes follow the domains rated down', () => {
    const entry = rated('not_serious');
    delete (entry.domains as Record<string, unknown>)['imprecision'];
    expect(outcomeCertainty(outcome(), rob(0), entry, settings, ctx, 'respond')).toMatchObject({ rating: null, assessed: false });
    expect(outcomeCertainty(outcome(), rob(0), undefined, settings, ctx, 'respond').rating).toBeNull();
    const down = { ...rated('not_serious'), footnotes: ['Own note'] };
    down.domains.imprecision = { rating: 'serious', reason: 'Few patients' };
    const c = outcomeCertainty(outcome(), rob(0), down, settings, ctx, 'respond');
    expect(c.rating).toBe('moderate');
    expect(c.footnotes).toEqual([
      'Imprecision, rated down one level (serious): Few patients',
      // the rating departs from the data's prompt (a 15-point interval): said beside the estimate
      expect.stringMatching(/^Imprecision: the curators' rating \(serious\) departs from what the data suggest \(not serious\): The 95% confidence interval is 15\.0 percentage points wide/),
      'Own note',
    ]);
    expect(c.per_1000).toEqual({ estimate: 475, ci_lower: 400, ci_upper: 550 });
  });
  test('the statement follows the certainty', () => {
    const e = { estimate: 0.52, ci_lower: 0.41, ci_upper: 0.63 };
    expect(plainStatement('respond', e, 'high', 0.95)).toBe('About 520 in 1,000 treated patients respond (95% CI 410 to 630).');
    expect(plainStatement('respond', e, 'moderate', 0.95)).toMatch(/probably respond/);
    expect(plainStatement('respond', e, 'low', 0.95)).toMatch(/may respond/);
    expect(plainStatement('respond', e, 'very_low', 0.95)).toMatch(/^The evidence is very uncertain/);
    expect(plainStatement('respond', e, null, 0.9)).toMatch(/90% CI .* not been rated/);
    expect(plainStatement('respond', null, null, 0.95)).toMatch(/unknown/);
  });
});

/**
 * The binomial models of proportions (method GLMM and GLMM-FE) against metafor 3.8
 * rma.glmm(measure = "PLO"), from tests/fixtures/metafor/glmm.json
 * (scripts/r/make-glmm-fixtures.R).
 *
 * Tolerance 1e-5 (relative plus absolute), the quadrature tolerance of the suite. lme4 stops
 * short of the maximum of its likelihood with its default settings (PIRLS tolPwrss 1e-7, an
 * early Nelder-Mead stop, a finite-difference Hessian with step 1e-4). The fixture also holds
 * that maximum (`exact`: lme4's own nAGQ = 7 deviance with tolPwrss 1e-11, minimised by nlminb,
 * Richardson Hessian, whose noise `se_spread` widens the se-based fields), which the engine
 * must match to 1e-6; against metafor's default answer
 * the tolerance is 1e-5 plus the measured departure of that answer from the maximum. Without an
 * exact maximum (tau² = 0, GLMM-FE) the tightly converged rma.glmm (`metafor_tight`) plays
 * that part at 1e-5.
 */
import { describe, expect, it } from 'vitest';
import {
  cumulative,
  leaveClustersOut,
  leaveOneOut,
  messages,
  metaProportions,
  StatsInputError,
  batchCase,
  type MetaProportionsInput,
  type MetaProportionsResult,
  type PooledAnalysis,
  type RefitRow,
} from '../../src/lib/stats/index.ts';
import { expectClose, loadFixture } from './helpers.ts';

const GLMM_TOLERANCE = 1e-5;
/** against the maximum of lme4's likelihood found to 1e-15 */
const EXACT_TOLERANCE = 1e-6;
/** I² and H² from the engine's tau² and metafor's typical within-study variance: the same arithmetic */
const FORMULA_TOLERANCE = 1e-9;
/** Wald Q where a study has 0 or n events: glm stops with that study's logit large but finite */
const SATURATED_GLM_TOLERANCE = 1e-4;

interface Summary {
  k: number;
  tau2: number;
  vt: number;
  I2: number;
  H2: number;
  Q: number;
  Q_df: number;
  Q_p: number;
  Q_LRT: number;
  Q_LRT_p: number;
  transformed: Record<string, number>;
  proportion: Record<string, number>;
}

interface GlmmCase {
  id: string;
  events: number[];
  n: number[];
  method: 'GLMM' | 'GLMM-FE';
  ci: 'z' | 'hk';
  groups?: string[];
  note?: string;
  metafor_error?: string;
  metafor?: Summary;
  metafor_tight?: Summary;
  exact?: Pick<Summary, 'tau2' | 'transformed' | 'proportion'> & { se_spread: number };
  warnings?: string[];
  subgroups?: Record<string, Summary & { tight?: Summary }>;
  Q_between?: number;
  Q_between_df?: number;
  Q_between_p?: number;
}

const fixture = loadFixture<{ description: string; cases: GlmmCase[]; published: GlmmCase[]; edge: GlmmCase[] }>('glmm');

const MAIN_FIELDS = [
  'tau2',
  'transformed.estimate',
  'transformed.se',
  'transformed.ci_lower',
  'transformed.ci_upper',
  'transformed.pi_lower',
  'transformed.pi_upper',
  'proportion.estimate',
  'proportion.ci_lower',
  'proportion.ci_upper',
  'proportion.pi_lower',
  'proportion.pi_upper',
] as const;

function field(value: unknown, path: string): number {
  return path.split('.').reduce<unknown>((object, key) => (object as Record<string, unknown>)[key], value) as number;
}

function inputOf(c: GlmmCase): MetaProportionsInput {
  return { events: c.events, n: c.n, transform: 'PLO', method: c.method, ci: c.ci, ...(c.groups ? { groups: c.groups } : {}) };
}

/** Compares one analysis with metafor's default and converged answers. */
function expectAnalysis(
  ours: PooledAnalysis,
  reference: Summary,
  converged: { tight?: Summary | undefined; exact?: GlmmCase['exact'] },
  events: number[],
  n: number[],
  label: string,
): void {
  expect(ours.k, `${label} k`).toBe(reference.k);
  const best = converged.exact ?? converged.tight;
  for (const path of MAIN_FIELDS) {
    const expected = field(reference, path);
    const departure = best ? Math.abs(expected - field(best, path)) / (1 + Math.abs(field(best, path))) : 0;
    expectClose(field(ours, path), expected, GLMM_TOLERANCE + departure, `${label} ${path} (rma.glmm default)`);
    // the R reference's Hessian carries the rounding noise of its deviance: measured by se_spread
    const noise = path === 'tau2' || path.endsWith('estimate') ? 0 : 5 * (converged.exact?.se_spread ?? 0);
    if (converged.exact) expectClose(field(ours, path), field(converged.exact, path), EXACT_TOLERANCE + noise, `${label} ${path} (maximum of lme4's likelihood)`);
    else if (converged.tight) expectClose(field(ours, path), field(converged.tight, path), GLMM_TOLERANCE, `${label} ${path} (rma.glmm converged)`);
  }
  // I² and H² from tau² and the typical within-study variance of the corrected logits
  expectClose(ours.I2, (100 * ours.tau2) / (reference.vt + ours.tau2), FORMULA_TOLERANCE, `${label} I2 formula`);
  expectClose(ours.H2, ours.tau2 / reference.vt + 1, FORMULA_TOLERANCE, `${label} H2 formula`);
  const tau2Departure = best ? Math.abs(reference.tau2 - best.tau2) / (1 + best.tau2) : 0;
  expectClose(ours.I2, reference.I2, 100 * (GLMM_TOLERANCE + tau2Departure), `${label} I2`);
  // heterogeneity tests: the likelihood-ratio test exactly, the Wald test up to glm's stop
  expect(ours.Q_df, `${label} Q_df`).toBe(reference.Q_df);
  const degenerate = events.some((x, i) => x === 0 || x === n[i]);
  const waldTolerance = degenerate ? SATURATED_GLM_TOLERANCE : GLMM_TOLERANCE;
  expectClose(ours.Q, reference.Q, waldTolerance, `${label} Q (Wald)`);
  expectClose(ours.Q_p, reference.Q_p, waldTolerance, `${label} Q_p (Wald)`);
  expectClose(ours.Q_LRT, reference.Q_LRT, GLMM_TOLERANCE, `${label} Q_LRT`);
  expectClose(ours.Q_LRT_p, reference.Q_LRT_p, GLMM_TOLERANCE, `${label} Q_LRT_p`);
}

function expectCase(c: GlmmCase): MetaProportionsResult {
  const ours = metaProportions(inputOf(c));
  expect(ours.method).toBe(c.method);
  expectAnalysis(ours, c.metafor!, { tight: c.metafor_tight, exact: c.exact }, c.events, c.n, c.id);
  if (c.subgroups) {
    for (const [level, reference] of Object.entries(c.subgroups)) {
      const members = c.groups!.map((g, i) => (g === level ? i : -1)).filter((i) => i >= 0);
      expectAnalysis(ours.subgroups![level]!, reference, { tight: reference.tight }, members.map((i) => c.events[i]!), members.map((i) => c.n[i]!), `${c.id} ${level}`);
    }
    // between levels: Q of the level estimates with their standard errors, as metafor
    const departure = Object.values(c.subgroups).reduce(
      (sum, s) => sum + (s.tight ? Math.abs(s.transformed['se']! - s.tight.transformed['se']!) / s.tight.transformed['se']! : 0),
      0,
    );
    expectClose(ours.Q_between, c.Q_between, GLMM_TOLERANCE + 4 * departure, `${c.id} Q_between`);
    expect(ours.Q_between_df).toBe(c.Q_between_df);
  }
  return ours;
}

describe(`GLMM against ${fixture.description}`, () => {
  const fitted = fixture.cases.filter((c) => c.metafor);
  it('covers both models, both tests, subgroups, zero cells and all-event studies', () => {
    expect(fitted.length).toBeGreaterThanOrEqual(60);
    expect(new Set(fitted.map((c) => `${c.method} ${c.ci}`)).size).toBe(4);
    expect(fitted.filter((c) => c.subgroups).length).toBeGreaterThan(5);
    expect(fitted.some((c) => c.events.some((x) => x === 0))).toBe(true);
    expect(fitted.some((c) => c.events.some((x, i) => x === c.n[i]))).toBe(true);
    expect(fitted.filter((c) => c.method === 'GLMM' && c.metafor!.tau2 > 0).length).toBeGreaterThan(20);
  });
  for (const c of fitted) it(`${c.id} (${c.method}, ${c.ci}, k = ${c.events.length})`, () => void expectCase(c));
});

describe('GLMM on metafor dat.pritz1997 (metadat)', () => {
  for (const c of fixture.published) it(c.id, () => void expectCase(c));
});

describe('GLMM edge cases', () => {
  const edge = (id: string): GlmmCase => fixture.edge.find((c) => c.id === id)!;
  const refused = (id: string, message: string): void => {
    const c = edge(id);
    expect(() => metaProportions(inputOf(c))).toThrow(new StatsInputError(message));
  };

  for (const id of ['one_event_rest_zero', 'one_event_rest_zero_EE', 'zero_or_all_EE', 'two_studies_boundary', 'two_studies', 'one_interior_study', 'large_n', 'rare_events']) {
    it(`${id} as metafor`, () => void expectCase(edge(id)));
  }

  it('a maximum at tau² = 0 reports the common-effect binomial fit with a warning, as metafor (tau² = 0)', () => {
    const c = edge('one_event_rest_zero');
    expect(c.metafor!.tau2).toBe(0);
    const ours = metaProportions(inputOf(c));
    const common = metaProportions({ ...inputOf(c), method: 'GLMM-FE' });
    expect(ours.tau2).toBe(0);
    expect(ours.transformed.estimate).toBe(common.transformed.estimate);
    expect(ours.transformed.se).toBe(common.transformed.se);
    expect(ours.warnings).toContain(messages.glmmBoundary());
  });

  it('no events in any study: refused (metafor cannot fit ML, and EE stops at a huge logit)', () => {
    expect(edge('all_zero').metafor_error).toMatch(/Cannot fit ML model/);
    expect(edge('all_zero_EE').metafor!.transformed['se']).toBeGreaterThan(1000);
    refused('all_zero', messages.glmmNoEvents(3));
    refused('all_zero_EE', messages.glmmNoEvents(3));
  });

  it('only events in every study: refused, as metafor', () => {
    expect(edge('all_events').metafor_error).toMatch(/Cannot fit ML model/);
    refused('all_events', messages.glmmOnlyEvents(3));
  });

  it('every study with 0 or n events: tau² has no finite maximum (metafor stops at a huge tau²): refused', () => {
    expect(edge('zero_or_all').metafor!.tau2).toBeGreaterThan(1000);
    refused('zero_or_all', messages.glmmUnboundedTau2(4));
  });

  it('Bernoulli studies (n = 1): heterogeneity is not identifiable, tau² = 0 (metafor: about 1e-10)', () => {
    const c = edge('bernoulli');
    expect(c.metafor!.tau2).toBeLessThan(1e-8);
    const ours = metaProportions(inputOf(c));
    expect(ours.tau2).toBe(0);
    expectClose(ours.transformed.estimate, c.metafor!.transformed['estimate'], GLMM_TOLERANCE, 'estimate');
    expectClose(ours.transformed.se, c.metafor!.transformed['se'], 1e-4, 'se (lme4 finite-difference Hessian)');
  });

  it('a single study: metafor refuses; the engine gives the common-effect fit with a warning', () => {
    const c = edge('single_study');
    expect(c.metafor_error).toMatch(/Number of parameters/);
    const ours = metaProportions(inputOf(c));
    expect(ours.tau2).toBe(0);
    expectClose(ours.transformed.estimate, Math.log(5 / 5), 1e-15, 'logit(5/10)');
    expectClose(ours.transformed.se, Math.sqrt(1 / 5 + 1 / 5), 1e-12, 'binomial se');
    expect(ours.warnings).toContain(messages.singleStudy());
  });
});

describe('GLMM options and errors', () => {
  const base = { events: [2, 3, 50, 0, 7], n: [10, 20, 60, 15, 9], transform: 'PLO' as const };

  it('requires the PLO transform', () => {
    expect(() => metaProportions({ ...base, transform: 'PAS', method: 'GLMM' })).toThrow(new StatsInputError(messages.glmmNeedsLogit('GLMM', 'PAS')));
    expect(() => metaProportions({ ...base, transform: 'PFT', method: 'GLMM-FE' })).toThrow(new StatsInputError(messages.glmmNeedsLogit('GLMM-FE', 'PFT')));
  });

  it('refuses the ad hoc Hartung-Knapp interval and common-tau² subgroups', () => {
    expect(() => metaProportions({ ...base, method: 'GLMM', ci: 'hk-adhoc' })).toThrow(new StatsInputError(messages.glmmCiMethod('GLMM', 'hk-adhoc')));
    expect(() => metaProportions({ ...base, method: 'GLMM', groups: ['a', 'a', 'b', 'b', 'a'], subgroupTest: 'common' })).toThrow(
      new StatsInputError(messages.glmmCommonSubgroups('GLMM')),
    );
  });

  it('reports no continuity-correction warning and no tau² interval (the counts are modelled directly)', () => {
    const result = metaProportions({ ...base, method: 'GLMM' });
    expect(result.warnings).toEqual([]);
    expect(result.tau2_ci).toBeNull();
    expect(result.studies.some((row) => row.corrected)).toBe(true);
  });

  it('weights: each study’s share of the information about the pooled logit (binomial at tau² = 0)', () => {
    const random = metaProportions({ ...base, method: 'GLMM' });
    expectClose(random.studies.reduce((sum, row) => sum + row.weight, 0), 100, 1e-12, 'sum');
    expect(random.studies.every((row) => row.weight > 0)).toBe(true);
    const common = metaProportions({ ...base, method: 'GLMM-FE' });
    const total = base.n.reduce((a, b) => a + b, 0);
    common.studies.forEach((row, i) => expectClose(row.weight, (100 * base.n[i]!) / total, 1e-12, `weight ${i}`));
    // the information weights add up to the inverse variance of μ at tau² = 0
    expect(common.transformed.se).toBeGreaterThan(0);
  });

  it('t test: t on k - 1 df with the same standard error as z (metafor test = "t")', () => {
    const z = metaProportions({ ...base, method: 'GLMM', ci: 'z' });
    const t = metaProportions({ ...base, method: 'GLMM', ci: 'hk' });
    expect(t.df).toBe(4);
    expect(t.transformed.se).toBe(z.transformed.se);
    expect(t.transformed.ci_upper - t.transformed.estimate).toBeGreaterThan(z.transformed.ci_upper - z.transformed.estimate);
  });

  it('batch: a GLMM case answers like metaProportions', () => {
    const record = batchCase({ id: 'g', ...base, method: 'GLMM', ci: 'z' });
    expect('error' in record).toBe(false);
    expect((record as { tau2: number }).tau2).toBe(metaProportions({ ...base, method: 'GLMM' }).tau2);
    expect(batchCase({ id: 'h', ...base, transform: 'PAS', method: 'GLMM' })).toEqual({ id: 'h', error: messages.glmmNeedsLogit('GLMM', 'PAS') });
  });
});

describe('GLMM sensitivity analyses refit the model (rma.glmm on each subset)', () => {
  const c = fixture.cases.find((x) => x.method === 'GLMM' && x.metafor && x.metafor.tau2 > 0.1 && x.events.length >= 10)!;
  const input: MetaProportionsInput = { events: c.events, n: c.n, transform: 'PLO', method: 'GLMM', ci: 'hk' };
  const subset = (indices: number[]): MetaProportionsResult =>
    metaProportions({ ...input, events: indices.map((i) => c.events[i]!), n: indices.map((i) => c.n[i]!) });
  const same = (row: RefitRow, full: MetaProportionsResult, label: string): void => {
    // a warm start changes Newton's path, not the maximum it reaches
    expectClose(row.tau2, full.tau2, 1e-8, `${label} tau2`);
    expectClose(row.transformed.estimate, full.transformed.estimate, 1e-8, `${label} estimate`);
    expectClose(row.transformed.se, full.transformed.se, 1e-7, `${label} se`);
    expectClose(row.transformed.pi_upper, full.transformed.pi_upper, 1e-7, `${label} pi`);
    expectClose(row.I2, full.I2, 1e-6, `${label} I2`);
    expectClose(row.Q, full.Q, 1e-12, `${label} Q`);
  };
  const all = c.events.map((_, i) => i);

  it(`leaveOneOut equals the fit without each study (${c.id})`, () => {
    const rows = leaveOneOut(input);
    expect(rows).toHaveLength(c.events.length);
    rows.forEach((row, omitted) => same(row, subset(all.filter((i) => i !== omitted)), `without ${omitted}`));
  });

  it('leaveClustersOut equals the fit without each cluster', () => {
    const clusters = all.map((i) => `c${i % 3}`);
    const rows = leaveClustersOut(input, clusters);
    expect(rows).toHaveLength(3);
    rows.forEach((row) => same(row, subset(all.filter((i) => !row.omitted.includes(i))), `without ${row.cluster}`));
  });

  it('cumulative equals the fit of the first studies at each step; a step without events gives NaN and the reason', () => {
    const order = [...all].reverse();
    const rows = cumulative(input, order);
    rows.forEach((row, step) => {
      const first = order.slice(0, step + 1);
      let full: MetaProportionsResult | undefined;
      try {
        full = subset(first);
      } catch (error) {
        expect(error).toBeInstanceOf(StatsInputError);
        expect(row.tau2).toBeNaN();
        expect(row.warnings).toEqual([(error as Error).message]);
        return;
      }
      same(row, full, `step ${step}`);
    });
    const zeros = cumulative({ ...input, events: [0, 0, 3, 5], n: [10, 12, 20, 30] });
    expect(zeros[0]!.tau2).toBeNaN();
    expect(zeros[0]!.warnings).toEqual([messages.glmmNoEvents(1)]);
    expect(zeros[3]!.tau2).toBe(metaProportions({ ...input, events: [0, 0, 3, 5], n: [10, 12, 20, 30] }).tau2);
  });
});

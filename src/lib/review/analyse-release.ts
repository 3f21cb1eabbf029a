/**
 * Every analysis of one release: each outcome pooled overall and by each subgroup variable
 * with the review's method, leave-one-out (by row, and by trial when a trial gives several
 * rows), the values not pooled and why, cumulative by the date each report entered (every
 * step, or CUMULATIVE_MAX_STEPS of them for thousands of studies), a method-robustness table,
 * Egger's test (from analysis.egger_min_k studies), the funnel plot with trim-and-fill, influence
 * diagnostics and the meta-regressions review.yaml declares. Pure: content in, numbers out.
 */
import {
  GLMM_METHODS,
  MODEL_METHODS,
  TRANSFORMS,
  cumulative,
  eggerTest,
  leaveClustersOut,
  leaveOneOut,
  metaProportions,
  metaProportionsVariants,
  StatsInputError,
  type MetaProportionsInput,
  type MetaProportionsResult,
  type PooledAnalysis,
} from '../stats/index.ts';
import type { Report, Review } from '../../schemas/index.ts';
import type {
  OutcomeAnalysis,
  PooledResult,
  ReleaseAnalyses,
  ReleaseCounts,
  RobustnessRow,
  SubgroupAnalysis,
} from './analyses-types.ts';
import { isPooledCohort, outcomeRows, pooledTrialsAsOf, supersededReportsAsOf, trialsOnFileAsOf, type StudyRow, type TrialAsOf, type TrialRecord } from './evidence-set.ts';
import { subgroupLevel } from './characteristics.ts';
import { funnelSummary, type FunnelSummary } from './outcome-funnel.ts';
import { influenceSummary, type InfluenceSummary } from './outcome-influence.ts';
import { funnelPointsDrawn } from '../plots/funnel-spec.ts';
import { metaRegressionSummary, type MetaRegressionSummary } from './outcome-meta-regression.ts';
import { CUMULATIVE_MAX_STEPS, thinnedSteps } from './cumulative-steps.ts';

export interface AnalyseOptions {
  /** Skip the method-robustness table (it refits every outcome 28 times). */
  robustness?: boolean;
}

/**
 * The published form of a pooled analysis. `withTau2Interval`: compute the Q-profile interval
 * of τ² (overall and subgroup levels; the robustness rows leave it out, it costs more than the fit).
 */
function pooledResult(review: Review, a: PooledAnalysis, events: number, n: number, trials: number, withTau2Interval = true): PooledResult {
  const randomEffects = a.method !== 'FE' && a.method !== 'GLMM-FE';
  return {
    k: a.k,
    trials,
    n,
    events,
    tau2: a.tau2,
    I2: a.I2,
    H2: a.H2,
    Q: a.Q,
    Q_df: a.Q_df,
    Q_p: a.Q_p,
    I2_Q: a.I2_Q,
    H2_Q: a.H2_Q,
    method: a.method,
    tau2_ci: withTau2Interval && a.tau2_ci ? { ...a.tau2_ci } : null,
    transformed: { ...a.transformed },
    proportion: { ...a.proportion },
    clamped: [...a.clamped],
    prediction_shown: randomEffects && a.k >= review.analysis.prediction_min_k && a.transformed.pi_defined !== false,
    warnings: [...a.warnings],
  };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Each row's trial when that trial gives several rows, null when it gives one. */
function clustersOfSeveralRows(rows: readonly StudyRow[]): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const trial = rows[i]!.trial;
    const several = (i > 0 && rows[i - 1]!.trial === trial) || (i + 1 < rows.length && rows[i + 1]!.trial === trial);
    out[i] = several ? trial : null;
  }
  return out;
}

/** How many trials the rows come from (a trial's rows are next to each other, see outcomeRows). */
function trialCount(rows: readonly Pick<StudyRow, 'trial'>[]): number {
  let count = 0;
  for (let i = 0; i < rows.length; i++) if (i === 0 || rows[i]!.trial !== rows[i - 1]!.trial) count++;
  return count;
}

function baseInput(review: Review, rows: readonly Pick<StudyRow, 'events' | 'n' | 'label'>[]): MetaProportionsInput {
  return {
    events: rows.map((r) => r.events),
    n: rows.map((r) => r.n),
    labels: rows.map((r) => r.label),
    transform: review.analysis.transform,
    method: review.analysis.method,
    ci: review.analysis.ci,
    level: review.analysis.level,
    subgroupTest: review.analysis.subgroup_test,
    predictionInterval: review.analysis.prediction_interval,
    // a binomial model whose tau² cannot be estimated is reported as the common-effect fit, with a note
    glmmFallback: 'common-effect',
    ...(review.analysis.correction ? { correction: { add: review.analysis.correction.add, to: review.analysis.correction.to } } : {}),
  };
}

/**
 * The input the analyses run with, its pooled result, and the note that says why when it is
 * not the review's: a binomial model (GLMM) has no finite estimate when no study has an event
 * (or every one has only events); those rows are pooled with the inverse-variance model of the
 * same transform (REML) instead, and every estimate of them says so.
 */
function pooled(input: MetaProportionsInput): { input: MetaProportionsInput; result: MetaProportionsResult; note: string | null } {
  try {
    return { input, result: metaProportions(input), note: null };
  } catch (error) {
    if (!isBinomial(input) || !(error instanceof StatsInputError)) throw error;
    const fallback = inverseVariance(input);
    return { input: fallback, result: metaProportions(fallback), note: `${error.message}; pooled with the inverse-variance model (${input.transform}, REML) instead` };
  }
}

/** Whether the input pools with a binomial model (GLMM), not an inverse-variance one. */
const isBinomial = (input: MetaProportionsInput): boolean => !(MODEL_METHODS as readonly string[]).includes(input.method);

/** The inverse-variance counterpart of a binomial model: the same transform, REML, its interval. */
const inverseVariance = (input: MetaProportionsInput): MetaProportionsInput => ({ ...input, method: 'REML', ci: input.ci === 'hk' ? 'hk' : 'z' });

/**
 * Some of an outcome's rows pooled with the review's method (a sensitivity analysis): the rows
 * as analyses.json gives them, a trial's rows next to each other.
 * @throws when the rows cannot be pooled (the caller reports it as the row's error)
 */
export function poolStudies(review: Review, rows: readonly Pick<StudyRow, 'events' | 'n' | 'label' | 'trial'>[]): PooledResult {
  const { result, note } = pooled(baseInput(review, rows));
  return withNote(pooledResult(review, result, sum(rows.map((r) => r.events)), sum(rows.map((r) => r.n)), trialCount(rows), false), note);
}

function withNote(r: PooledResult, note: string | null): PooledResult {
  if (note !== null) r.warnings.unshift(note);
  return r;
}

function subgroupAnalysis(review: Review, rows: readonly StudyRow[], variableId: string, overall: PooledResult): SubgroupAnalysis {
  const variable = review.subgroups.find((v) => v.id === variableId)!;
  const groups = rows.map((r) => r.levels[variableId] ?? 'unassigned');
  const levels: Record<string, PooledResult | null> = Object.fromEntries(variable.levels.map((l) => [l.id, null]));
  const present = new Set(groups);
  if (present.size < 2) {
    // One level only: its analysis is the overall one; there is nothing to compare.
    for (const level of present) levels[level] = overall;
    return { levels, Q_between: null, Q_between_df: null, Q_between_p: null, test: review.analysis.subgroup_test };
  }
  // a binomial model that has no estimate in some level pools every level with the
  // inverse-variance model instead (the levels are compared on one scale), naming the level
  const { result, note: fallback } = pooled({ ...baseInput(review, rows), groups });
  const failing = fallback === null ? undefined : [...present].find((level) => pooled(baseInput(review, rows.filter((_, i) => groups[i] === level))).note !== null);
  const note = failing === undefined ? fallback : `level ${failing}: ${fallback}`;
  for (const [level, analysis] of Object.entries(result.subgroups ?? {})) {
    const inLevel = rows.filter((_, i) => groups[i] === level);
    levels[level] = withNote(pooledResult(review, analysis, sum(inLevel.map((r) => r.events)), sum(inLevel.map((r) => r.n)), trialCount(inLevel)), note);
  }
  return {
    levels,
    Q_between: result.Q_between ?? null,
    Q_between_df: result.Q_between_df ?? null,
    Q_between_p: result.Q_between_p ?? null,
    test: review.analysis.subgroup_test,
  };
}

type Variant = Pick<MetaProportionsInput, 'transform' | 'method' | 'ci'>;

/** How a robustness row names its variant, e.g. "PLO-REML (Hartung-Knapp)". */
function variantLabel(v: Variant): string {
  const ci = v.ci === 'hk' ? ' (Hartung-Knapp)' : v.ci === 'hk-adhoc' ? ' (Hartung-Knapp, ad hoc)' : '';
  const method = v.method === 'GLMM' ? 'GLMM' : v.method === 'GLMM-FE' ? 'binomial common effect' : v.method;
  return `${v.transform}-${method}${ci}${v.transform === 'PFT' ? ' (Miller back-transform)' : ''}`;
}

/**
 * The variants of the robustness table: every transform with every inverse-variance method
 * (Wald z), REML with Hartung-Knapp and with its ad hoc correction for each transform, the
 * binomial models on the logit scale, and the review's own method wherever it is not among them.
 */
function robustnessVariants(review: Review): Variant[] {
  const variants: Variant[] = [];
  for (const transform of TRANSFORMS) for (const method of MODEL_METHODS) variants.push({ transform, method, ci: 'z' });
  for (const transform of TRANSFORMS) variants.push({ transform, method: 'REML', ci: 'hk' }, { transform, method: 'REML', ci: 'hk-adhoc' });
  for (const method of GLMM_METHODS) variants.push({ transform: 'PLO', method, ci: 'z' });
  const own = { transform: review.analysis.transform, method: review.analysis.method, ci: review.analysis.ci };
  if (!variants.some((v) => sameVariant(v, own))) variants.push(own);
  return variants;
}

const sameVariant = (a: Variant, b: Variant) => a.transform === b.transform && a.method === b.method && (a.ci ?? 'z') === (b.ci ?? 'z');

function robustnessTable(review: Review, rows: readonly StudyRow[], overall: PooledResult): RobustnessRow[] {
  const out: RobustnessRow[] = [];
  // One input and one pair of totals for every variant (the studies do not change).
  const input = baseInput(review, rows);
  const events = sum(rows.map((r) => r.events));
  const n = sum(rows.map((r) => r.n));
  const trials = trialCount(rows);
  const variants = robustnessVariants(review);
  const own = { transform: review.analysis.transform, method: review.analysis.method, ci: review.analysis.ci };
  // Each transform's study effects are computed once for all its methods.
  const others = variants.filter((v) => !sameVariant(v, own));
  const fits = metaProportionsVariants(input, others);
  const fitOf = new Map(others.map((v, i) => [v, fits[i]!]));
  for (const v of variants) {
    const primary = sameVariant(v, own);
    const row = { transform: v.transform, method: v.method, ci: v.ci ?? 'z', label: variantLabel(v), primary };
    if (primary) {
      // The review's own method: the overall analysis already fitted it.
      out.push({ ...row, result: overall });
      continue;
    }
    const fit = fitOf.get(v)!;
    if (fit instanceof Error) out.push({ ...row, result: null, error: fit.message });
    else out.push({ ...row, result: pooledResult(review, fit, events, n, trials, false) });
  }
  return out;
}

/**
 * The most rows of per-study diagnostics (funnel points, influence rows) analyses.json keeps for
 * one outcome: beyond it, a review of thousands of studies would carry megabytes of them per
 * outcome and release. Above it the funnel keeps the points its plot draws and the influence
 * diagnostics the rows that matter (the influential ones, the largest Cook's distances, those
 * furthest out on the Baujat plot); `k` still counts every row.
 */
export const DIAGNOSTIC_ROWS_MAX = 200;

function keptInfluence(summary: InfluenceSummary | null): InfluenceSummary | null {
  if (summary === null || summary.rows.length <= DIAGNOSTIC_ROWS_MAX) return summary;
  const rows = summary.rows;
  const kept = new Set<number>();
  rows.forEach((r, i) => r.influential && kept.add(i));
  const top = (score: (r: (typeof rows)[number]) => number, count: number) =>
    rows.map((_, i) => i).sort((a, b) => score(rows[b]!) - score(rows[a]!)).slice(0, count).forEach((i) => kept.add(i));
  const xMax = Math.max(...rows.map((r) => r.baujat_x ?? 0)) || 1;
  const yMax = Math.max(...rows.map((r) => r.baujat_y ?? 0)) || 1;
  top((r) => r.cook_d ?? 0, DIAGNOSTIC_ROWS_MAX / 2);
  top((r) => Math.max((r.baujat_x ?? 0) / xMax, (r.baujat_y ?? 0) / yMax), DIAGNOSTIC_ROWS_MAX / 2);
  return { ...summary, rows: rows.filter((_, i) => kept.has(i)) };
}

function keptFunnel(summary: FunnelSummary | null): FunnelSummary | null {
  if (summary === null || summary.studies.length <= DIAGNOSTIC_ROWS_MAX) return summary;
  return { ...summary, studies: funnelPointsDrawn(summary.studies, summary.estimate) };
}

/** The meta-regressions review.yaml declares for this outcome, fitted on its rows. */
function metaRegressions(review: Review, outcomeId: string, rows: readonly StudyRow[], input: MetaProportionsInput): MetaRegressionSummary[] {
  const out: MetaRegressionSummary[] = [];
  // Meta-regression is an inverse-variance model: a review pooled with a binomial model
  // regresses on the same transform with REML, and says so.
  const binomial = isBinomial(input);
  const regressionInput = binomial ? inverseVariance(input) : input;
  for (const model of review.meta_regression) {
    if (model.outcomes !== undefined && !model.outcomes.includes(outcomeId)) continue;
    const moderators = model.moderators.map((id) => {
      const c = review.characteristics.find((x) => x.id === id)!;
      const type: 'continuous' | 'categorical' = c.type === 'number' ? 'continuous' : 'categorical';
      const values = rows.map((r) => {
        const v = r.moderators?.[id];
        if (v === undefined || Array.isArray(v)) return null;
        if (c.type === 'boolean') return v === true ? (c.yes ?? 'yes') : (c.no ?? 'no');
        if (c.type === 'category') return c.levels?.find((l) => l.id === v)?.label ?? String(v);
        return v;
      });
      return { id, label: c.label, type, values, ...(c.unit ? { unit: c.unit } : {}) };
    });
    const fields = metaRegressionSummary(regressionInput, rows.map((r) => r.label), moderators);
    if (binomial) fields.warnings.unshift(`fitted as an inverse-variance model (${input.transform}, REML): meta-regression is not available for ${input.method}`);
    out.push({ ...fields, id: model.id, label: model.label ?? model.moderators.map((id) => review.characteristics.find((x) => x.id === id)!.label).join(', ') });
  }
  return out;
}

// English collation, so the order is the same on every machine whatever its locale; many times
// faster than localeCompare when a release has thousands of rows.
const collator = new Intl.Collator('en');

/** YYYY-MM-DD as the number YYYYMMDD: the same order as the text. */
const dateNumber = (date: string) => Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

/**
 * The order in which the rows entered the review: by release, then report date, then label (in
 * English collation). Rows are grouped by release and day first, so that a release of
 * thousands of rows compares labels only between rows of the same day.
 */
function entryOrder(rows: readonly StudyRow[]): number[] {
  const byKey = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const key = r.reportRelease * 1e8 + dateNumber(r.reportDate);
    const same = byKey.get(key);
    if (same) same.push(i);
    else byKey.set(key, [i]);
  });
  const order: number[] = [];
  for (const key of Float64Array.from(byKey.keys()).sort()) {
    const same = byKey.get(key)!;
    // stable: rows with the same label keep their order
    if (same.length > 1) same.sort((a, b) => collator.compare(rows[a]!.label, rows[b]!.label));
    for (const i of same) order.push(i);
  }
  return order;
}

/** Analyses of one outcome as of one release. */
export function analyseOutcome(
  review: Review,
  trials: readonly TrialRecord[],
  outcomeId: string,
  release: number,
  options: AnalyseOptions = {},
  /** trialsOnFileAsOf(trials, release), when the caller already has it */
  onFile: readonly TrialAsOf[] = trialsOnFileAsOf(trials, release),
): OutcomeAnalysis {
  const outcome = review.outcomes.find((o) => o.id === outcomeId)!;
  const { rows, notDisclosed, notPooled } = outcomeRows(review, trials, outcomeId, release, onFile);
  const empty: OutcomeAnalysis = {
    id: outcome.id,
    label: outcome.label,
    short_label: outcome.short_label,
    kind: outcome.kind,
    population: outcome.population,
    overall: null,
    subgroups: {},
    studies: [],
    not_disclosed: notDisclosed.map((d) => ({ trial: d.trial, label: d.trial_label, report: d.report, cohort: d.cohort })),
    not_pooled: notPooled,
    leave_one_out: [],
    leave_one_trial_out: null,
    cumulative: [],
    robustness: [],
    egger: null,
    egger_min_k: review.analysis.egger_min_k,
    funnel: null,
    influence: null,
    meta_regression: [],
  };
  if (rows.length === 0) return empty;
  const { input, result: overall, note } = pooled(baseInput(review, rows));
  const overallResult = withNote(pooledResult(review, overall, sum(rows.map((r) => r.events)), sum(rows.map((r) => r.n)), trialCount(rows)), note);
  const studies = overall.studies.map((s, i) => {
    const row = rows[i]!;
    return {
      trial: row.trial,
      report: row.report,
      cohort: row.cohort,
      label: row.label,
      events: row.events,
      n: row.n,
      proportion: s.proportion,
      ci_lower: s.ci_lower,
      ci_upper: s.ci_upper,
      weight: s.weight,
      levels: row.levels,
      source: row.source,
      ...(row.inferred ? { inferred: row.inferred } : {}),
      report_date: row.reportDate,
      report_release: row.reportRelease,
    };
  });
  const order = entryOrder(rows);
  // one leave-one-out run serves the table and the influence diagnostics; a binomial model
  // without an estimate once a study is left out (its only events gone) gives no row
  const refits = leaveOneOut(input).filter((r) => Number.isFinite(r.proportion.estimate));
  let egger: OutcomeAnalysis['egger'] = null;
  if (rows.length >= Math.max(3, review.analysis.egger_min_k)) {
    try {
      const e = eggerTest(input);
      egger = { slope: e.slope, slope_se: e.slope_se, t: e.t, df: e.df, p: e.p };
    } catch {
      egger = null;
    }
  }
  return {
    ...empty,
    overall: overallResult,
    subgroups: Object.fromEntries(review.subgroups.map((v) => [v.id, subgroupAnalysis(review, rows, v.id, overallResult)])),
    studies,
    leave_one_out: refits.map((r) => ({
      omitted: rows[r.study]!.label,
      trial: rows[r.study]!.trial,
      estimate: r.proportion.estimate,
      ci_lower: r.proportion.ci_lower,
      ci_upper: r.proportion.ci_upper,
      I2: r.I2,
      tau2: r.tau2,
    })),
    // Leave one trial out (all its cohorts), for the trials whose rows leave_one_out does not
    // already cover: those that give more than one row.
    leave_one_trial_out:
      overallResult.trials < rows.length
        ? leaveClustersOut(input, clustersOfSeveralRows(rows))
            .filter((r) => Number.isFinite(r.proportion.estimate))
            .map((r) => ({
            trial: r.cluster,
            omitted: rows[r.study]!.trial_label,
            rows: r.omitted.length,
            k: r.k,
            estimate: r.proportion.estimate,
            ci_lower: r.proportion.ci_lower,
            ci_upper: r.proportion.ci_upper,
            I2: r.I2,
            tau2: r.tau2,
          }))
        : null,
    cumulative: cumulative(
      input,
      order,
      thinnedSteps(
        order.map((i) => rows[i]!.reportRelease),
        CUMULATIVE_MAX_STEPS,
      ),
    ).filter((r) => Number.isFinite(r.proportion.estimate)).map((r) => ({
      added: rows[r.study]!.label,
      trial: rows[r.study]!.trial,
      report_date: rows[r.study]!.reportDate,
      report_release: rows[r.study]!.reportRelease,
      k: r.k,
      estimate: r.proportion.estimate,
      ci_lower: r.proportion.ci_lower,
      ci_upper: r.proportion.ci_upper,
    })),
    robustness: options.robustness === false ? [] : robustnessTable(review, rows, overallResult),
    egger,
    funnel: keptFunnel(funnelSummary(input, input.labels ?? [], { eggerMinK: review.analysis.egger_min_k })),
    // the diagnostics are those of an inverse-variance model: a binomial model's refits do not serve
    influence: keptInfluence(influenceSummary(input, input.labels ?? [], isBinomial(input) ? undefined : refits)),
    meta_regression: metaRegressions(review, outcomeId, rows, input),
  };
}

/**
 * Whether an earlier pooled cohort of the trial (before position `i`) has the same level of
 * `variable` (when given) and the same population (when given): a trial counts once per level
 * and population, however many cohorts it has there.
 */
function seenBefore(
  trial: TrialRecord,
  report: Report,
  i: number,
  variable: Review['subgroups'][number] | undefined,
  level: string | undefined,
  population: string | undefined,
): boolean {
  const cohorts = trial.data.cohorts;
  for (let j = 0; j < i; j++) {
    const c = cohorts[j]!;
    if (!isPooledCohort(c, report)) continue;
    if (population !== undefined && c.population !== population) continue;
    if (variable !== undefined && subgroupLevel(variable, trial.data, c) !== level) continue;
    return true;
  }
  return false;
}

/**
 * Counts of trials, cohorts, reports and patients as of a release. Cohorts are counted as
 * cohorts: each pooled cohort in its own subgroup level, which may differ from its trial's.
 */
export function releaseCounts(
  review: Review,
  trials: readonly TrialRecord[],
  release: number,
  /** pooledTrialsAsOf(trials, release), when the caller already has it */
  pooled: readonly { trial: TrialRecord; report: Report }[] = pooledTrialsAsOf(trials, release),
): ReleaseCounts {
  const onFile = trials.filter((t) => t.data.reports.some((r) => r.release <= release));
  const zeros = () => Object.fromEntries(review.populations.map((p) => [p.id, 0])) as Record<string, number>;
  const trialsByLevel: ReleaseCounts['trials_by_level'] = {};
  const cohortsByLevel: ReleaseCounts['cohorts_by_level'] = {};
  const trialsByLevelPopulation: ReleaseCounts['trials_by_level_population'] = {};
  for (const v of review.subgroups) {
    trialsByLevel[v.id] = Object.fromEntries(v.levels.map((l) => [l.id, 0]));
    cohortsByLevel[v.id] = Object.fromEntries(v.levels.map((l) => [l.id, zeros()]));
    trialsByLevelPopulation[v.id] = Object.fromEntries(v.levels.map((l) => [l.id, zeros()]));
  }
  const cohortsIncluded = zeros();
  const trialsByPopulation = zeros();
  const add = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const { trial, report } of pooled) {
    const cohorts = trial.data.cohorts;
    let pooledCohorts = 0;
    for (let i = 0; i < cohorts.length; i++) {
      const c = cohorts[i]!;
      if (!isPooledCohort(c, report)) continue;
      pooledCohorts++;
      const population = c.population!;
      add(cohortsIncluded, population);
      if (!seenBefore(trial, report, i, undefined, undefined, population)) add(trialsByPopulation, population);
      for (const v of review.subgroups) {
        const level = subgroupLevel(v, trial.data, c);
        if (level === undefined) continue;
        add((cohortsByLevel[v.id]![level] ??= zeros()), population);
        // A trial counts in every level one of its pooled cohorts is in.
        if (!seenBefore(trial, report, i, v, level, undefined)) add(trialsByLevel[v.id]!, level);
        if (!seenBefore(trial, report, i, v, level, population)) add((trialsByLevelPopulation[v.id]![level] ??= zeros()), population);
      }
    }
    if (pooledCohorts > 0) continue;
    // No pooled cohort (the report gives no numbers yet): the trial counts in its own level.
    for (const v of review.subgroups) {
      const level = subgroupLevel(v, trial.data);
      if (level !== undefined) add(trialsByLevel[v.id]!, level);
    }
  }
  const patients: Record<string, number> = {};
  const patientsByLevel: ReleaseCounts['patients_by_level'] = {};
  for (const population of review.populations) {
    patients[population.id] = 0;
    const outcomeIds = review.outcomes.filter((o) => o.population === population.id).map((o) => o.id);
    for (const { trial, report } of pooled) {
      for (const cohort of trial.data.cohorts) {
        if (cohort.population !== population.id) continue;
        const values = report.data[cohort.id];
        if (!values) continue;
        // the cohort's patients: the largest n it gives for any outcome of its population
        let n = -Infinity;
        for (const id of outcomeIds) {
          const v = values[id];
          if (v && typeof v === 'object' && 'n' in v) n = Math.max(n, v.n);
        }
        if (n === -Infinity) continue;
        patients[population.id]! += n;
        for (const v of review.subgroups) {
          const level = subgroupLevel(v, trial.data, cohort);
          if (level === undefined) continue;
          const byVar = (patientsByLevel[v.id] ??= {});
          const byLevel = (byVar[level] ??= {});
          byLevel[population.id] = (byLevel[population.id] ?? 0) + n;
        }
      }
    }
  }
  return {
    trials_on_file: onFile.length,
    trials_included: pooled.length,
    trials_described: onFile.filter((t) => t.data.status === 'described').length,
    trials_excluded: onFile.filter((t) => t.data.status === 'excluded').length,
    reports: onFile.reduce((s, t) => s + t.data.reports.filter((r) => r.release <= release).length, 0),
    trials_by_level: trialsByLevel,
    cohorts_included: cohortsIncluded,
    trials_by_population: trialsByPopulation,
    cohorts_by_level: cohortsByLevel,
    trials_by_level_population: trialsByLevelPopulation,
    patients,
    patients_by_level: patientsByLevel,
  };
}

/** Every analysis of one release. */
export function analyseRelease(
  review: Review,
  trials: readonly TrialRecord[],
  releaseNumber: number,
  options: AnalyseOptions = {},
): ReleaseAnalyses {
  const release = review.releases.find((r) => r.number === releaseNumber);
  if (!release) throw new Error(`release ${releaseNumber} is not in review.yaml`);
  const onFile = trialsOnFileAsOf(trials, release.number);
  const pooled: { trial: TrialRecord; report: Report }[] = [];
  for (const t of onFile) if (t.trial.data.status === 'included' && t.report) pooled.push({ trial: t.trial, report: t.report });
  return {
    review: review.id,
    title: review.title,
    release: release.number,
    date: release.date,
    cutoff: release.cutoff,
    method: {
      transform: review.analysis.transform,
      method: review.analysis.method,
      ci: review.analysis.ci,
      level: review.analysis.level,
      subgroup_test: review.analysis.subgroup_test,
      prediction_interval: review.analysis.prediction_interval,
      prediction_min_k: review.analysis.prediction_min_k,
      i2: review.analysis.i2,
      correction: review.analysis.correction ? { add: review.analysis.correction.add, to: review.analysis.correction.to } : null,
    },
    counts: releaseCounts(review, trials, release.number, pooled),
    outcomes: Object.fromEntries(review.outcomes.map((o) => [o.id, analyseOutcome(review, trials, o.id, release.number, options, onFile)])),
    superseded_reports: supersededReportsAsOf(review, onFile, release.number),
  };
}

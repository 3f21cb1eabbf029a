/**
 * The shape of a release's analyses: what `npm run pool` writes to src/generated/ and what the
 * site publishes as data/releases/<n>/analyses.json. Pages and chapters read only this.
 */

import type { FunnelSummary } from './outcome-funnel.ts';
import type { InfluenceSummary } from './outcome-influence.ts';
import type { MetaRegressionSummary } from './outcome-meta-regression.ts';
import type { CertaintyChange, OutcomeCertainty, OutcomeRiskOfBias, ReleaseAppraisal, RowRob } from '../appraisal/types.ts';

/** Point estimate and intervals of a pooled proportion (0-1), or of a transformed value. */
export interface Interval {
  estimate: number;
  ci_lower: number;
  ci_upper: number;
  pi_lower: number;
  pi_upper: number;
}

/** One pooled analysis (overall, one subgroup level, or one robustness variant). */
export interface PooledResult {
  /** Rows pooled: cohorts, one or more per trial. */
  k: number;
  /** Trials those rows come from (fewer than k when a trial gives several cohorts). */
  trials: number;
  /** Patients across the studies pooled. */
  n: number;
  events: number;
  tau2: number;
  I2: number;
  H2: number;
  Q: number;
  Q_df: number;
  Q_p: number;
  /** I² and H² from Cochran's Q (Higgins and Thompson 2002; R meta, Stata), beside the τ²-based I2 and H2 (metafor). */
  I2_Q: number;
  H2_Q: number;
  /** The model actually fitted (differs from the review's method after a fallback; see warnings). */
  method: string;
  /** Q-profile confidence interval of τ² with the I² and H² it implies; null for a common-effect model or one study. */
  tau2_ci: { tau2_lower: number; tau2_upper: number; I2_lower: number; I2_upper: number; H2_lower: number; H2_upper: number } | null;
  transformed: Interval & { se: number };
  proportion: Interval;
  /** Back-transformed values clamped to 0 or 1 (the transform's range ends there). */
  clamped: string[];
  /** Whether pages show the prediction interval: a random-effects model with at least analysis.prediction_min_k studies. */
  prediction_shown: boolean;
  warnings: string[];
}

export interface StudyResult {
  trial: string;
  report: string;
  cohort: string;
  label: string;
  events: number;
  n: number;
  proportion: number;
  ci_lower: number;
  ci_upper: number;
  /** Weight in percent in the overall analysis. */
  weight: number;
  levels: Record<string, string>;
  source: string;
  inferred?: string;
  report_date: string;
  report_release: number;
  /** The overall risk-of-bias judgement of the study (as its report was judged); absent when the review declares no tool. */
  rob?: RowRob;
}

export interface SubgroupAnalysis {
  levels: Record<string, PooledResult | null>;
  /** Weights in percent within each level's own analysis, by trial/cohort key. */
  Q_between: number | null;
  Q_between_df: number | null;
  Q_between_p: number | null;
  test: 'separate' | 'common';
}

/** The analysis without one row (one cohort). */
export interface LeaveOneOutRow {
  omitted: string;
  trial: string;
  estimate: number;
  ci_lower: number;
  ci_upper: number;
  I2: number;
  tau2: number;
}

/** The analysis without every row (cohort) of one trial. */
export interface LeaveOneTrialOutRow {
  trial: string;
  /** The trial's label. */
  omitted: string;
  /** How many rows (cohorts) left with it. */
  rows: number;
  /** Rows left in the analysis. */
  k: number;
  estimate: number;
  ci_lower: number;
  ci_upper: number;
  I2: number;
  tau2: number;
}

/**
 * Why a value recorded for an outcome in the release's evidence is not pooled (see
 * outcomeRows in evidence-set.ts): the report is excluded, the trial is only described or
 * excluded, the cohort is only described (no population), the report does not disclose it
 * (nd), or the report gives the cohort's numbers for other outcomes but none for this one (not
 * reported: treated as not disclosed, never as zero). Reports replaced by later ones are
 * listed apart, once per release (SupersededReport).
 */
export type NotPooledReason =
  | 'report_excluded'
  | 'trial_described'
  | 'trial_excluded'
  | 'cohort_described'
  | 'not_disclosed'
  | 'not_reported';

/**
 * A report on file that a later report had replaced by the release: its numbers fed the
 * releases before it, not this one.
 */
export interface SupersededReport {
  trial: string;
  /** The trial's label. */
  label: string;
  report: string;
  report_date: string;
  /** The report in use instead. */
  by: string;
  /** The outcomes it gives numbers for. */
  outcomes: string[];
}

/** A value recorded for an outcome that the analysis does not pool, and why. */
export interface NotPooledEntry {
  trial: string;
  /** The trial's label. */
  label: string;
  report: string;
  report_date: string;
  cohort: string;
  cohort_label: string;
  reason: NotPooledReason;
  /** The report's reason (report_excluded), the trial's status_reason (trial_described, trial_excluded) or the nd note (not_disclosed). */
  detail?: string;
  /** The numbers recorded, when there are numbers. */
  events?: number;
  n?: number;
  source?: string;
}

export interface CumulativeRow {
  added: string;
  trial: string;
  report_date: string;
  report_release: number;
  k: number;
  estimate: number;
  ci_lower: number;
  ci_upper: number;
}

export interface RobustnessRow {
  transform: string;
  method: string;
  ci: string;
  label: string;
  /** Whether this row is the review's own method. */
  primary: boolean;
  /** A sensitivity analysis by risk of bias (the review's method on some of the rows): which rows. */
  subset?: 'exclude_high_risk' | 'low_risk_only';
  result: PooledResult | null;
  error?: string;
}

export interface OutcomeAnalysis {
  id: string;
  label: string;
  short_label: string;
  kind: 'efficacy' | 'safety';
  population: string;
  overall: PooledResult | null;
  subgroups: Record<string, SubgroupAnalysis>;
  studies: StudyResult[];
  /** The pooled cohorts whose report says nd for this outcome (also in not_pooled). */
  not_disclosed: { trial: string; label: string; report: string; cohort: string }[];
  /**
   * Every value recorded for this outcome in the release's evidence that is not pooled, with
   * the reason, by trial label; values of reports replaced by later ones are in the release's
   * superseded_reports instead.
   */
  not_pooled: NotPooledEntry[];
  leave_one_out: LeaveOneOutRow[];
  /**
   * The analysis without all the rows of each trial that gives more than one row (without a
   * trial of one row, it is that row's leave_one_out entry); null when every trial gives one
   * row, so leaving out a trial is leaving out a row.
   */
  leave_one_trial_out: LeaveOneTrialOutRow[] | null;
  cumulative: CumulativeRow[];
  robustness: RobustnessRow[];
  /** Egger's regression test (slope of yi on its standard error, t test with k - 2 df); null below analysis.egger_min_k studies. */
  egger: { slope: number; slope_se: number; t: number; df: number; p: number } | null;
  /** The fewest studies for Egger's test (analysis.egger_min_k). */
  egger_min_k: number;
  /** Funnel plot data and trim-and-fill (L0 and R0); null without studies. */
  funnel: FunnelSummary | null;
  /** Influence diagnostics per row (metafor influence()) and the Baujat plot's coordinates; null below 3 rows. */
  influence: InfluenceSummary | null;
  /** One result per meta-regression review.yaml declares for this outcome. */
  meta_regression: MetaRegressionSummary[];
  /** Risk-of-bias summary of the rows pooled; null when the review declares no tool or nothing is pooled. */
  risk_of_bias?: OutcomeRiskOfBias | null;
  /** GRADE certainty of the pooled estimate. */
  certainty?: OutcomeCertainty;
}

export interface ReleaseCounts {
  trials_on_file: number;
  trials_included: number;
  trials_described: number;
  trials_excluded: number;
  reports: number;
  /**
   * Included trials per subgroup variable and level: a trial counts in every level one of its
   * pooled cohorts is in (a cohort may override its trial's level), so the levels can add up
   * to more than trials_included.
   */
  trials_by_level: Record<string, Record<string, number>>;
  /**
   * Pooled cohorts per analysis population: cohorts of included trials that represent it and
   * that the report in use gives numbers for, for at least one outcome (see isPooledCohort).
   */
  cohorts_included: Record<string, number>;
  /** Included trials with at least one pooled cohort of each population. */
  trials_by_population: Record<string, number>;
  /** Pooled cohorts per subgroup variable, level (the cohort's own) and population. */
  cohorts_by_level: Record<string, Record<string, Record<string, number>>>;
  /** Included trials with a pooled cohort of that population in that level, per variable, level and population. */
  trials_by_level_population: Record<string, Record<string, Record<string, number>>>;
  /** Patients per analysis population (largest n a cohort gives for an outcome of that population, summed over cohorts). */
  patients: Record<string, number>;
  patients_by_level: Record<string, Record<string, Record<string, number>>>;
}

export interface ReleaseAnalyses {
  review: string;
  title: string;
  release: number;
  date: string;
  cutoff: string;
  method: {
    transform: string;
    method: string;
    ci: string;
    level: number;
    subgroup_test: 'separate' | 'common';
    prediction_interval: string;
    prediction_min_k: number;
    i2: 'tau2' | 'Q';
    correction: { add: number; to: string } | null;
  };
  counts: ReleaseCounts;
  outcomes: Record<string, OutcomeAnalysis>;
  /** Reports on file that later reports had replaced by this release (their numbers fed earlier releases). */
  superseded_reports: SupersededReport[];
  /** The risk-of-bias tool and each pooled trial's assessment. */
  appraisal?: ReleaseAppraisal;
}

/** Everything the site needs: each release's analyses, the latest last. */
export interface GeneratedAnalyses {
  review: string;
  latest: number;
  releases: ReleaseAnalyses[];
  /** What each release changed, one per release in order (the first against nothing). */
  changes: ReleaseChanges[];
  /**
   * The latest release appraised with today's content, when that differs from what its lock
   * froze (a judgement or a rating changed since): the current pages show it, the release's
   * own pages and data keep the published appraisal.
   */
  current?: ReleaseAnalyses;
}

// ---- What changed between two releases (data/releases/<n>/changes.json) ----

/** The numbers of one pooled estimate that a change is read on (proportions 0-1). */
export interface EstimateSnapshot {
  estimate: number;
  ci_lower: number;
  ci_upper: number;
  k: number;
  n: number;
  tau2: number;
  I2: number;
}

/** After minus before, field by field. */
export type EstimateDelta = EstimateSnapshot;

/** One estimate (overall, or one subgroup level) before and after. */
export interface EstimateChange {
  outcome: string;
  /** Subgroup variable and level; both null for the overall estimate. */
  variable: string | null;
  level: string | null;
  /** "Overall", or the level's label, e.g. "Oral". */
  label: string;
  /** Null when the estimate did not exist (no trial reported it). */
  before: EstimateSnapshot | null;
  after: EstimateSnapshot | null;
  /** Null unless both sides exist. */
  delta: EstimateDelta | null;
  /** k or n changed, one side is missing, or the estimate moved by at least MOVE_THRESHOLD. */
  moved: boolean;
  /** Slugs of the trials whose rows in this estimate differ between before and after. */
  causes: string[];
}

/** One row (cohort) of a trial in one outcome. */
export interface TrialNumbers {
  report: string;
  cohort: string;
  cohort_label: string;
  events: number;
  n: number;
}

/** A trial whose rows in one outcome differ between before and after, and how much it weighs. */
export interface ChangeCause {
  trial: string;
  trial_label: string;
  /** added / removed from the outcome, its report replaced, numbers corrected, or its subgroup changed. */
  change: 'added' | 'removed' | 'replaced' | 'corrected' | 'reclassified';
  report_before: string | null;
  report_after: string | null;
  before: TrialNumbers[];
  after: TrialNumbers[];
  /**
   * Leave-one-out shift: the overall estimate minus the estimate without this trial (after,
   * and before). Null when the trial is not in that side's analysis or it has a single study.
   * For a trial with several rows, the row whose omission shifts the estimate most.
   */
  influence_after: number | null;
  influence_before: number | null;
}

export interface OutcomeChanges {
  outcome: string;
  label: string;
  short_label: string;
  kind: 'efficacy' | 'safety';
  overall: EstimateChange;
  /** Every level of every subgroup variable, in the review's order. */
  subgroups: EstimateChange[];
  causes: ChangeCause[];
}

/** A report as the change list names it. */
export interface ReportRef {
  id: string;
  citation: string;
  type: string;
  date: string;
  release: number;
  status: 'primary' | 'superseded' | 'excluded';
  reason?: string;
  doi?: string;
  url?: string;
}

/** A trial's rows in one outcome, before and after. */
export interface OutcomeNumbers {
  outcome: string;
  short_label: string;
  before: TrialNumbers[];
  after: TrialNumbers[];
}

interface EventBase {
  trial: string;
  trial_label: string;
}

/**
 * What happened to the evidence, trial by trial. Across releases a report enters, replaces
 * another or is excluded; `numbers_corrected`, `trial_reclassified` and status changes can
 * only be seen across two versions of the content (the pull-request impact report).
 */
export type ChangeEvent =
  | (EventBase & { kind: 'trial_added'; report: ReportRef; previous_status: string | null; numbers: OutcomeNumbers[] })
  | (EventBase & { kind: 'report_replaced'; report: ReportRef; replaces: ReportRef; numbers: OutcomeNumbers[] })
  | (EventBase & { kind: 'numbers_corrected'; report: ReportRef; numbers: OutcomeNumbers[] })
  | (EventBase & { kind: 'trial_reclassified'; report: ReportRef; numbers: OutcomeNumbers[] })
  | (EventBase & { kind: 'trial_removed'; report: ReportRef | null; reason: string | null; numbers: OutcomeNumbers[] })
  | (EventBase & { kind: 'trial_excluded'; reason: string; reports: ReportRef[]; numbers: OutcomeNumbers[] })
  | (EventBase & { kind: 'trial_described'; reason: string; reports: ReportRef[]; numbers: OutcomeNumbers[] })
  | (EventBase & {
      kind: 'report_excluded';
      report: ReportRef;
      /** The report the trial's pooled numbers still come from, and those numbers. */
      kept: ReportRef | null;
      numbers: OutcomeNumbers[];
    })
  | (EventBase & { kind: 'report_recorded'; report: ReportRef });

export type ChangeEventKind = ChangeEvent['kind'];

/** The changes of one release against the one before it (none for the first release). */
export interface ReleaseChanges {
  release: number;
  date: string;
  cutoff: string;
  summary?: string;
  /** The release compared against; null for the first release. */
  previous: number | null;
  counts_before: ReleaseCounts | null;
  counts_after: ReleaseCounts;
  events: ChangeEvent[];
  outcomes: OutcomeChanges[];
  /** Outcomes whose GRADE certainty differs from the release before. */
  certainty?: CertaintyChange[];
}

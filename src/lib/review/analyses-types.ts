/**
 * The shape of a release's analyses: what `npm run pool` writes to src/generated/ and what the
 * site publishes as data/releases/<n>/analyses.json. Pages and chapters read only this.
 */

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
  k: number;
  /** Patients across the studies pooled. */
  n: number;
  events: number;
  tau2: number;
  I2: number;
  H2: number;
  Q: number;
  Q_df: number;
  Q_p: number;
  transformed: Interval & { se: number };
  proportion: Interval;
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
}

export interface SubgroupAnalysis {
  levels: Record<string, PooledResult | null>;
  /** Weights in percent within each level's own analysis, by trial/cohort key. */
  Q_between: number | null;
  Q_between_df: number | null;
  Q_between_p: number | null;
  test: 'separate' | 'common';
}

export interface LeaveOneOutRow {
  omitted: string;
  trial: string;
  estimate: number;
  ci_lower: number;
  ci_upper: number;
  I2: number;
  tau2: number;
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
  not_disclosed: { trial: string; label: string; report: string; cohort: string }[];
  leave_one_out: LeaveOneOutRow[];
  cumulative: CumulativeRow[];
  robustness: RobustnessRow[];
  /** Egger's regression test (slope of yi on its standard error, t test with k - 2 df). */
  egger: { slope: number; slope_se: number; t: number; df: number; p: number } | null;
}

export interface ReleaseCounts {
  trials_on_file: number;
  trials_included: number;
  trials_described: number;
  trials_excluded: number;
  reports: number;
  /** Included trials per subgroup variable and level. */
  trials_by_level: Record<string, Record<string, number>>;
  /** Patients per analysis population (largest n a trial gives for that population). */
  patients: Record<string, number>;
  patients_by_level: Record<string, Record<string, Record<string, number>>>;
}

export interface ReleaseAnalyses {
  review: string;
  title: string;
  release: number;
  date: string;
  cutoff: string;
  method: { transform: string; method: string; ci: string; level: number; subgroup_test: 'separate' | 'common' };
  counts: ReleaseCounts;
  outcomes: Record<string, OutcomeAnalysis>;
}

/** Everything the site needs: each release's analyses, the latest last. */
export interface GeneratedAnalyses {
  review: string;
  latest: number;
  releases: ReleaseAnalyses[];
}

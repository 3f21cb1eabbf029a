import type {
  CiMethod,
  CorrectionTarget,
  AnalysisMethod,
  GlmmFallback,
  PftBackTransform,
  PredictionRule,
  StudyInterval,
  SubgroupTest,
  Transform,
} from './methods.ts';

/** Continuity correction, as metafor `escalc(add, to)`. */
export interface CorrectionOptions {
  /** amount added to events and non-events; default 1/2 for PLO and PRAW, 0 for PAS and PFT */
  readonly add?: number;
  /** which studies receive it; default `only0` (studies with 0 or n events) */
  readonly to?: CorrectionTarget;
}

/** Settings of the iterative tau² estimators (defaults in parentheses). */
export interface FitControl {
  /** REML/ML: stop when tau² changes by less than this (1e-12; metafor's default is 1e-5) */
  readonly threshold?: number;
  /** REML/ML: iteration limit of Fisher scoring (5000) */
  readonly maxIterations?: number;
  /** REML/ML: step length factor of Fisher scoring (0.5; metafor's default is 1) */
  readonly stepAdjustment?: number;
  /** PM: absolute tolerance of the root search (metafor's `.Machine$double.eps^0.25`) */
  readonly rootTolerance?: number;
  /** REML/ML: starting value of Fisher scoring, ≥ 0 (metafor's `tau2.init`; default the HE estimate) */
  readonly start?: number;
}

/** Input of {@link metaProportions}: one entry per study in `events`, `n` and the optional arrays. */
export interface MetaProportionsInput {
  /** events per study (whole numbers, 0 ≤ events ≤ n) */
  readonly events: readonly number[];
  /** participants per study (whole numbers ≥ 1) */
  readonly n: readonly number[];
  /** scale on which studies are pooled */
  readonly transform: Transform;
  /** common-effect model (FE), the tau² estimator of the random-effects model, or a binomial model (GLMM, GLMM-FE; transform PLO) */
  readonly method: AnalysisMethod;
  /** interval of the pooled estimate (default `z`) */
  readonly ci?: CiMethod;
  /**
   * critical value of the prediction interval (default `ci`: the CI's, as metafor 3.8); a
   * common-effect model's PI is its CI under every rule
   */
  readonly predictionInterval?: PredictionRule;
  /** confidence level (default 0.95) */
  readonly level?: number;
  /** PFT only: Miller's inverse (default) or plain sin² */
  readonly backTransform?: PftBackTransform;
  /** continuity correction: a number (the amount, to studies with 0 or n events) or options */
  readonly correction?: number | CorrectionOptions;
  /** interval of each study's proportion (default `clopper-pearson`) */
  readonly studyInterval?: StudyInterval;
  /** study labels, shown in tables and returned with each row */
  readonly labels?: readonly string[];
  /** subgroup level of each study; pools each level and tests between them */
  readonly groups?: readonly string[];
  /** test between subgroups (default `separate`) */
  readonly subgroupTest?: SubgroupTest;
  /**
   * GLMM only: `none` (default) reports metafor's fit whatever tau² comes to; `common-effect`
   * reports the common-effect binomial fit, with a warning, when tau² cannot be estimated
   * (fewer than two studies with events, or with non-events, or tau² above 100)
   */
  readonly glmmFallback?: GlmmFallback;
  /** convergence settings of the iterative estimators */
  readonly control?: FitControl;
}

/** The pooled estimate on the transformed scale. */
export interface TransformedEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
  /** prediction interval; equals the confidence interval for a common-effect model */
  readonly pi_lower: number;
  readonly pi_upper: number;
  /**
   * false when the prediction rule has no degrees of freedom left (`t-k2` with k - p < 2,
   * `t-k1` with k - p < 1): the PI bounds are then the CI bounds and a warning says so
   */
  readonly pi_defined: boolean;
}

/** The pooled estimate back-transformed to a proportion. */
export interface ProportionEstimate {
  readonly estimate: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
  readonly pi_lower: number;
  readonly pi_upper: number;
  /** as on the transformed scale: false when the PI bounds are the CI's, the PI being undefined */
  readonly pi_defined: boolean;
}

/** A back-transformed value that may have been clamped to 0 or 1. */
export type ClampedValue = 'estimate' | 'ci_lower' | 'ci_upper' | 'pi_lower' | 'pi_upper';

/** One study of an analysis. */
export interface StudyRow {
  /** position of the study in the input arrays (0-based) */
  readonly study: number;
  readonly label: string | null;
  readonly group: string | null;
  readonly events: number;
  readonly n: number;
  /** effect size on the transformed scale (after any continuity correction) */
  readonly yi: number;
  /** its sampling variance */
  readonly vi: number;
  /** observed proportion events / n */
  readonly proportion: number;
  /** study interval of the proportion (Clopper-Pearson or Wilson) */
  readonly ci_lower: number;
  readonly ci_upper: number;
  /** weight in the pooled estimate, percent */
  readonly weight: number;
  /** whether the continuity correction was added to this study */
  readonly corrected: boolean;
}

/** Q-profile confidence interval of tau², with the I² and H² it implies. */
export interface Tau2Interval {
  readonly tau2_lower: number;
  readonly tau2_upper: number;
  readonly I2_lower: number;
  readonly I2_upper: number;
  readonly H2_lower: number;
  readonly H2_upper: number;
}

/** A pooled analysis of one set of studies (the whole set, or one subgroup level). */
export interface PooledAnalysis {
  readonly k: number;
  readonly transform: Transform;
  /** the model actually fitted (differs from the request after a fallback, see warnings) */
  readonly method: AnalysisMethod;
  readonly ci: CiMethod;
  readonly level: number;
  readonly tau2: number;
  readonly tau: number;
  /** I², percent, from tau² and the typical within-study variance (metafor) */
  readonly I2: number;
  readonly H2: number;
  /**
   * I² from Q alone, max(0, (Q - df) / Q)·100 (Higgins & Thompson 2002; R meta, Stata), and
   * H² = Q / df; 0 and 1 for a single study
   */
  readonly I2_Q: number;
  readonly H2_Q: number;
  /** Cochran's Q, its degrees of freedom and p-value (GLMM, GLMM-FE: metafor's Wald test QE.Wld) */
  readonly Q: number;
  readonly Q_df: number;
  readonly Q_p: number;
  /** GLMM, GLMM-FE only: likelihood-ratio test of heterogeneity (metafor QE.LRT) and its p-value, on Q_df df */
  readonly Q_LRT?: number;
  readonly Q_LRT_p?: number;
  /** degrees of freedom of the t distribution (Hartung-Knapp), null for z */
  readonly df: number | null;
  readonly transformed: TransformedEstimate;
  readonly proportion: ProportionEstimate;
  /**
   * the values of `proportion` the back-transform set to 0 or 1 because the transformed value
   * lay outside the transform's range (PAS, PFT; never PLO, and PRAW is not clamped)
   */
  readonly clamped: readonly ClampedValue[];
  /** Q-profile interval of tau²; null for a common-effect model or a single study */
  readonly tau2_ci: Tau2Interval | null;
  readonly studies: readonly StudyRow[];
  readonly warnings: readonly string[];
}

/** Result of {@link metaProportions}. The subgroup fields are present when `groups` was given. */
export interface MetaProportionsResult extends PooledAnalysis {
  /** one analysis per level, in order of first appearance */
  readonly subgroups?: Readonly<Record<string, PooledAnalysis>>;
  readonly subgroup_test?: SubgroupTest;
  /** test between subgroups: a chi-square statistic, or F for `common` with Hartung-Knapp */
  readonly Q_between?: number;
  readonly Q_between_df?: number;
  /** denominator degrees of freedom of the F test, null for chi-square */
  readonly Q_between_df2?: number | null;
  readonly Q_between_p?: number;
}

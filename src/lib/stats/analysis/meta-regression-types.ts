/**
 * Input and result of {@link metaRegression} (analysis/meta-regression.ts): a mixed-effects
 * meta-regression of proportions, as metafor's `rma(measure, xi, ni, mods = ~ ..., method, test)`.
 */
import type { CiMethod, ModelMethod, Transform } from '../methods.ts';
import type { MetaProportionsInput } from '../types.ts';

export const MODERATOR_TYPES = ['continuous', 'categorical'] as const;
export type ModeratorType = (typeof MODERATOR_TYPES)[number];

/** One moderator: a value per study (no missing values: leave such studies out). */
export interface ModeratorInput {
  readonly name: string;
  readonly type: ModeratorType;
  readonly values: readonly (number | string)[];
  /** categorical: the reference level (default the first level in sorted order, as R's factor()) */
  readonly reference?: string;
}

/** Input of the meta-regression: the pooling options of {@link MetaProportionsInput} and the moderators. */
export interface MetaRegressionInput extends Omit<MetaProportionsInput, 'groups' | 'subgroupTest' | 'studyInterval'> {
  readonly moderators: readonly ModeratorInput[];
  /** points of the prediction grid over a single continuous moderator (default 50, at least 2) */
  readonly gridPoints?: number;
}

/** A moderator as it entered the model. */
export interface ModeratorSummary {
  readonly name: string;
  readonly type: ModeratorType;
  /** categorical: the levels, the reference first, then in sorted order */
  readonly levels: readonly string[] | null;
  readonly reference: string | null;
  /** continuous: the smallest and largest value */
  readonly min: number | null;
  readonly max: number | null;
  /** false when it was left out (one value in every study, or redundant) */
  readonly inModel: boolean;
}

/** One coefficient of the model (transformed scale). */
export interface RegressionCoefficient {
  /** `intrcpt`, the moderator's name, or name + level for a treatment dummy (as metafor names them, e.g. `x2b` for factor level b) */
  readonly name: string;
  /** the moderator it belongs to (null for the intercept) */
  readonly moderator: string | null;
  /** categorical: the level compared with the reference */
  readonly level: string | null;
  readonly estimate: number;
  readonly se: number;
  /** Wald z, or t on k - p df with Hartung-Knapp */
  readonly z_or_t: number;
  readonly p: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
}

/** A fitted value at one point of the continuous moderator (metafor `predict(newmods = x)`). */
export interface RegressionPrediction {
  readonly x: number;
  /** transformed scale */
  readonly estimate: number;
  readonly se: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
  readonly pi_lower: number;
  readonly pi_upper: number;
  /** back-transformed to proportions */
  readonly proportion: {
    readonly estimate: number;
    readonly ci_lower: number;
    readonly ci_upper: number;
    readonly pi_lower: number;
    readonly pi_upper: number;
  };
}

/** Result of {@link metaRegression}. */
export interface MetaRegressionResult {
  /** studies used */
  readonly k: number;
  /** coefficients (intercept included) */
  readonly p: number;
  readonly transform: Transform;
  /** the model actually fitted (DL after a fallback) */
  readonly method: ModelMethod;
  readonly ci: CiMethod;
  readonly level: number;
  readonly moderators: readonly ModeratorSummary[];
  readonly coefficients: readonly RegressionCoefficient[];
  /** residual tau² (transformed scale) and tau */
  readonly tau2: number;
  readonly tau: number;
  /** residual I² (percent) and H², with the typical variance (k - p) / tr P */
  readonly I2: number;
  readonly H2: number;
  /** test of residual heterogeneity QE on k - p df */
  readonly QE: number;
  readonly QE_df: number;
  readonly QE_p: number;
  /** omnibus test of the moderators: chi-square on QM_df1 df, or F on (QM_df1, QM_df2) with Hartung-Knapp; null for the intercept-only model */
  readonly QM: number | null;
  readonly QM_df1: number;
  readonly QM_df2: number | null;
  readonly QM_p: number | null;
  /** pseudo-R² in percent: 100 max(0, (tau²₀ - tau²) / tau²₀), tau²₀ of the intercept-only model (0 when tau²₀ = 0); null for FE */
  readonly R2: number | null;
  /** t degrees of freedom (k - p) with Hartung-Knapp, null for z */
  readonly df: number | null;
  /** per study (transformed scale): effect, sampling variance, weight in percent */
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  readonly weights: readonly number[];
  /** predictions over the single continuous moderator, null otherwise */
  readonly grid: { readonly moderator: string; readonly points: readonly RegressionPrediction[] } | null;
  readonly warnings: string[];
}

import type { CiMethod, ModelMethod } from '../methods.ts';

/** A fitted model on the transformed scale (metafor's `rma.uni()` with `predict()`). */
export interface ModelFit {
  readonly k: number;
  /** number of coefficients (levels of the grouping; 1 for the intercept-only model) */
  readonly p: number;
  /** the model actually fitted (DL after a fallback) */
  readonly method: ModelMethod;
  /** the interval actually used (z when Hartung-Knapp is impossible) */
  readonly ci: CiMethod;
  readonly tau2: number;
  /** coefficient per level: the pooled estimate of each level */
  readonly coefficients: Float64Array;
  /** variance of each coefficient (scaled by the Hartung-Knapp factor when used) */
  readonly coefficientVariances: Float64Array;
  /** critical value of the intervals */
  readonly critical: number;
  /** t degrees of freedom (k - p) for Hartung-Knapp (also ad hoc), null for z */
  readonly df: number | null;
  /** Hartung-Knapp scale factor s²_w, max(1, s²_w) for the ad hoc correction (1 for z) */
  readonly scale: number;
  /** Cochran's Q (residual heterogeneity with several levels), df and p-value */
  readonly Q: number;
  readonly Q_df: number;
  readonly Q_p: number;
  readonly I2: number;
  readonly H2: number;
  /** I² = max(0, (Q - df) / Q)·100 and H² = Q / df from Q alone (0 and 1 without residual df) */
  readonly I2_Q: number;
  readonly H2_Q: number;
  /** typical within-study variance (k - p) / tr(P), used for I² and H² */
  readonly typicalVariance: number;
  /** model weights 1 / (vᵢ + tau²) */
  readonly weights: Float64Array;
  readonly warnings: string[];
}

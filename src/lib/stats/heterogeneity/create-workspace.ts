import type { EffectData } from '../models/effect-data.ts';
import { float64Array } from '../numeric/float64-array.ts';

/** Scratch arrays reused across iterations, so the estimator loops allocate nothing. */
export interface Workspace {
  /** wᵢ = 1 / (vᵢ + tau²) at the last evaluation */
  readonly weights: Float64Array;
  /** per level: Σ w, Σ w², Σ w³, Σ w y */
  readonly levelSums: Float64Array;
  /** per level: weighted mean b_g at the last evaluation */
  readonly coefficients: Float64Array;
  /** the sums listed in MOMENT (residual-moments.ts) */
  readonly moments: Float64Array;
}

/**
 * Allocates the scratch arrays for one dataset: the tau² estimators evaluate the residual
 * moments dozens of times per fit and reuse these arrays, so their loops allocate nothing.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param data effect sizes (transformed scale) and grouping
 * @returns a workspace sized for the data
 * @throws never
 * @example
 * createWorkspace(effectData([0.1, 0.2], [0.01, 0.02])).weights.length // 2
 */
export function createWorkspace(data: EffectData): Workspace {
  return {
    weights: float64Array(data.yi.length),
    levelSums: new Float64Array(4 * data.groupCount),
    coefficients: new Float64Array(data.groupCount),
    moments: new Float64Array(6),
  };
}
